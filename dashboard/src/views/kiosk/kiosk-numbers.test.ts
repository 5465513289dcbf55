import { describe, expect, it } from 'vitest';
import type { LiveSite } from '../../../../protocol/live-view.ts';
import { type Site, siteSchema } from '../../../../protocol/site-model.ts';
import { kioskNumbers } from './kiosk-numbers.ts';

const site: Site = siteSchema.parse({
  id: 'demo',
  name: 'Borgo',
  timezone: 'Europe/Rome',
  capacity: 10,
  openingHours: {},
  floors: [
    {
      id: 'ground',
      name: 'Ground',
      level: 0,
      width: 100,
      height: 100,
      zones: [
        {
          id: 'open',
          name: 'Open',
          capacity: 4,
          desks: [1, 2, 3].map((n) => ({ id: `d${n}`, label: `D${n}`, x: n * 10, y: 10 })),
        },
        { id: 'empty', name: 'Storage', capacity: 1, desks: [] },
        { id: 'quiet', name: 'Quiet', capacity: 2, desks: [{ id: 'q1', label: 'Q1', x: 50, y: 50 }] },
      ],
    },
  ],
});

const counts = { desks: 0, occupied: 0, away: 0, free: 0, offline: 0, unknown: 0, capacity: 0 };
const live = (people: number): LiveSite => ({
  site: 'demo',
  at: 0,
  desks: [],
  zones: [
    { ...counts, id: 'quiet', floor: 'ground', desks: 1, free: 0, occupied: 1 },
    { ...counts, id: 'open', floor: 'ground', desks: 3, free: 2, away: 1 },
  ],
  floors: [],
  totals: { ...counts, desks: 4, free: 2, occupied: 1, away: 1 },
  headcount: { count: people, in: people, out: 0, since: 0, calibration: null },
});

describe('kiosk numbers', () => {
  it('counts free desks per zone in the order of the site, leaving out zones without desks', () => {
    const numbers = kioskNumbers(site, live(3));
    expect(numbers.zones).toEqual([
      { id: 'open', name: 'Open', floor: 'Ground', free: 2, desks: 3 },
      { id: 'quiet', name: 'Quiet', floor: 'Ground', free: 0, desks: 1 },
    ]);
    expect([numbers.free, numbers.desks]).toEqual([2, 4]);
  });

  it('sets people inside against the capacity, the bar never past full', () => {
    expect(kioskNumbers(site, live(3))).toMatchObject({ people: 3, capacity: 10, peopleShare: 0.3 });
    expect(kioskNumbers(site, live(14)).peopleShare).toBe(1);
  });
});
