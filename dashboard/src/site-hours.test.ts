import { describe, expect, it } from 'vitest';
import { siteHours } from './site-hours.ts';

const site = {
  timezone: 'Europe/Rome',
  openingHours: {
    mon: [{ open: '08:00', close: '20:00' }],
    fri: [{ open: '08:00', close: '19:00' }],
  },
};

describe('site hours', () => {
  it('is open inside the opening hours', () => {
    // Monday 1 December 2025, 10:00 in Rome (UTC+1).
    expect(siteHours(site, Date.UTC(2025, 11, 1, 9, 0))).toEqual({ open: true, nextOpening: undefined });
  });

  it('names the next opening when closed, days ahead if need be', () => {
    // Monday 21:00 in Rome: next is Friday 08:00.
    expect(siteHours(site, Date.UTC(2025, 11, 1, 20, 0))).toEqual({
      open: false,
      nextOpening: Date.UTC(2025, 11, 5, 7, 0),
    });
    // Friday 19:00 sharp is closed; next is Monday 08:00.
    expect(siteHours(site, Date.UTC(2025, 11, 5, 18, 0)).nextOpening).toBe(Date.UTC(2025, 11, 8, 7, 0));
  });

  it('never opens for a site without hours', () => {
    expect(siteHours({ timezone: 'Europe/Rome', openingHours: {} }, 0)).toEqual({
      open: false,
      nextOpening: undefined,
    });
  });
});
