import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_SITE_FILE, loadSites, parseSite } from './load-sites.ts';

const minimal = () => ({
  id: 'borgo',
  name: 'Borgo',
  timezone: 'Europe/Rome',
  capacity: 10,
  openingHours: { mon: [{ open: '09:00', close: '18:00' }] },
  floors: [
    {
      id: 'ground',
      name: 'Ground',
      level: 0,
      width: 100,
      height: 50,
      zones: [{ id: 'main', name: 'Main', capacity: 10, desks: [{ id: 'd1', label: 'D1', x: 10, y: 10 }] }],
    },
  ],
});

describe('site model', () => {
  it('loads the demo site: two floors, 40 desks, a meeting room, two doors', async () => {
    const [site] = await loadSites([DEMO_SITE_FILE]);
    const zones = site?.floors.flatMap((f) => f.zones) ?? [];
    expect(site?.floors).toHaveLength(2);
    expect(zones.flatMap((z) => z.desks)).toHaveLength(40);
    expect(zones.filter((z) => z.kind === 'meeting-room')).toHaveLength(1);
    expect(site?.floors.flatMap((f) => f.doors)).toHaveLength(2);
  });

  it('fills defaults: daily reset at 04:00, open-space zones, no doors', () => {
    const site = parseSite(minimal());
    expect(site.dailyReset).toBe('04:00');
    expect(site.floors[0]?.zones[0]?.kind).toBe('open-space');
    expect(site.floors[0]?.doors).toEqual([]);
  });

  const cases: Array<[string, (s: ReturnType<typeof minimal>) => void, string]> = [
    [
      'a bad id',
      (s) => {
        s.id = 'Borgo Centro';
      },
      'id: must match',
    ],
    [
      'an unknown time zone',
      (s) => {
        s.timezone = 'Europe/Atlantis';
      },
      'timezone: must be an IANA time zone',
    ],
    [
      'a bad opening time',
      (s) => {
        s.openingHours.mon = [{ open: '9am', close: '18:00' }];
      },
      'openingHours.mon.0.open',
    ],
    [
      'closing before opening',
      (s) => {
        s.openingHours.mon = [{ open: '18:00', close: '09:00' }];
      },
      'openingHours.mon.0: open must be before close',
    ],
    [
      'a duplicate desk id',
      (s) => s.floors[0]?.zones[0]?.desks.push({ id: 'd1', label: 'again', x: 1, y: 1 }),
      'floors.0.zones.0.desks.1.id: duplicate desk id "d1"',
    ],
    [
      'a negative position',
      (s) => {
        (s.floors[0]?.zones[0]?.desks[0] ?? { x: 0 }).x = -5;
      },
      'floors.0.zones.0.desks.0.x',
    ],
    [
      'no floors',
      (s) => {
        s.floors = [];
      },
      'floors: ',
    ],
  ];
  for (const [what, spoil, message] of cases) {
    it(`refuses ${what}, naming the field`, () => {
      const site = minimal();
      spoil(site);
      expect(() => parseSite(site, 'borgo.json')).toThrow(message);
    });
  }

  it('names the file that cannot be read or parsed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'prossima-sites-'));
    writeFileSync(join(dir, 'broken.json'), '{ "id": ');
    await expect(loadSites([join(dir, 'missing.json')])).rejects.toThrow(
      /missing\.json: cannot read \(ENOENT\)/,
    );
    await expect(loadSites([join(dir, 'broken.json')])).rejects.toThrow(/broken\.json: not valid JSON/);
    await expect(loadSites([DEMO_SITE_FILE, DEMO_SITE_FILE])).rejects.toThrow(/duplicate site id "demo"/);
  });
});
