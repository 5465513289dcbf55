import { describe, expect, it } from 'vitest';
import { siteSchema } from '../../../../protocol/site-model.ts';
import demo from '../../../../protocol/sites/demo.json' with { type: 'json' };
import { planBounds } from './desk-position.ts';
import { freeSpot, nextDeskId, nextDeskLabel } from './new-desk.ts';

const site = siteSchema.parse(demo);
const ground = site.floors[0];
const size = { width: 70, height: 46 };

describe('a new desk', () => {
  it('continues the zone series of ids and labels', () => {
    const zone = ground?.zones[0];
    if (!zone) throw new Error('demo has zones');
    expect(nextDeskId(site, zone)).toBe('a-17');
    expect(nextDeskLabel(zone, 'a-17')).toBe('A17');
  });

  it('skips ids taken anywhere in the site and names an empty zone after itself', () => {
    const copy = structuredClone(site);
    const zone = copy.floors[0]?.zones[0];
    copy.floors[1]?.zones[0]?.desks.push({ id: 'a-17', label: 'X', x: 500, y: 500 });
    if (!zone) throw new Error('demo has zones');
    expect(nextDeskId(copy, zone)).toBe('a-18');
    expect(nextDeskId(copy, { ...zone, id: 'lab', desks: [] })).toBe('lab-01');
    expect(nextDeskLabel({ ...zone, desks: [] }, 'lab-01')).toBe('LAB-01');
  });

  it('lands on the nearest grid point that overlaps no desk, inside the plan', () => {
    if (!ground) throw new Error('demo has floors');
    const spot = freeSpot(ground, { x: 80, y: 100 }, planBounds(ground, size), size);
    const desks = ground.zones.flatMap((z) => z.desks);
    expect(desks.every((d) => Math.abs(d.x - spot.x) >= 80 || Math.abs(d.y - spot.y) >= 56)).toBe(true);
    expect(Math.hypot(spot.x - 80, spot.y - 100)).toBeLessThan(120);
    expect(spot.x % 10).toBe(0);
    expect(spot.y % 10).toBe(0);
  });
});
