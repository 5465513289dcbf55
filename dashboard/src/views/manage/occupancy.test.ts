import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Counts, LiveSite } from '../../../../protocol/live-view.ts';
import { DEMO_SITE_FILE, parseSite } from '../../../../protocol/load-sites.ts';
import { desksInUse, peopleInside, zoneUses } from './occupancy.ts';

const site = parseSite(JSON.parse(readFileSync(DEMO_SITE_FILE, 'utf8')));
const counts = (c: Partial<Counts>): Counts => ({
  desks: 0,
  occupied: 0,
  away: 0,
  free: 0,
  offline: 0,
  unknown: 0,
  capacity: 0,
  ...c,
});
const live: LiveSite = {
  site: 'demo',
  at: 0,
  desks: [],
  floors: [],
  zones: [
    {
      id: 'open-a',
      floor: 'ground',
      ...counts({ desks: 16, occupied: 7, away: 2, free: 6, offline: 1, capacity: 16 }),
    },
    { id: 'sala-corsi', floor: 'ground', ...counts({ desks: 6, occupied: 6, away: 3, capacity: 8 }) },
  ],
  totals: counts({ desks: 40, occupied: 13, away: 5, free: 20, offline: 2, capacity: 42 }),
  headcount: { count: 50, in: 60, out: 10, since: 0, calibration: null },
};

describe('occupancy figures', () => {
  it('counts away desks as in use and people against the site capacity', () => {
    expect(desksInUse(live)).toEqual({ count: 18, total: 40, share: 0.45, over: false });
    expect(peopleInside(site, live)).toMatchObject({ count: 50, total: 48, over: true });
  });

  it('lists every zone of the model, over capacity by the zone’s capacity, not its desks', () => {
    const zones = zoneUses(site, live);
    expect(zones.map((z) => z.id)).toEqual(['open-a', 'sala-corsi', 'open-b', 'quiet']);
    expect(zones[0]).toMatchObject({
      name: 'Open space A',
      floor: site.floors[0]?.name,
      count: 9,
      total: 16,
      offline: 1,
      over: false,
    });
    expect(zones[1]).toMatchObject({ count: 9, total: 6, capacity: 8, over: true });
    expect(zones[2]).toMatchObject({ count: 0, total: 12, share: 0, over: false });
  });
});
