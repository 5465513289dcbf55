import { describe, expect, it } from 'vitest';
import { atLocalMinutes, createLocalTime, DEMO_SITE_FILE, loadSites } from '../protocol/index.ts';
import { targetShare } from './day-profile.ts';

const [site] = await loadSites([DEMO_SITE_FILE]);
if (!site) throw new Error('demo site missing');
const rome = createLocalTime('Europe/Rome');
// Wednesday 12 March 2025, 00:00 in Rome (UTC+1).
const WED = Date.UTC(2025, 2, 11, 23);
const at = (day: number, hh: number, mm = 0) => WED + day * 86_400_000 + (hh * 60 + mm) * 60_000;
const share = (epochMs: number) => targetShare(site.openingHours, rome(epochMs));

describe('local time', () => {
  it('reads the weekday and wall clock in the site time zone', () => {
    expect(rome(at(0, 10, 30))).toEqual({ weekday: 'wed', minutes: 630, day: '2025-03-12' });
    expect(rome(at(4, 23, 59)).weekday).toBe('sun');
  });

  it('follows daylight saving: 10:00 on the spring-forward Sunday is 08:00 UTC', () => {
    const sundayNight = Date.UTC(2025, 2, 29, 23, 30);
    expect(new Date(atLocalMinutes(rome, sundayNight, 600)).toISOString()).toBe('2025-03-30T08:00:00.000Z');
  });
});

describe('day profile', () => {
  it('is busier mid-morning and mid-afternoon than at the lunch dip', () => {
    expect(share(at(0, 10, 30))).toBeGreaterThan(share(at(0, 12, 45)) + 0.2);
    expect(share(at(0, 15, 30))).toBeGreaterThan(share(at(0, 12, 45)) + 0.2);
  });

  it('spreads arrivals over 08:00–10:00 and departures over 17:00–19:00', () => {
    const morning = [8, 8.5, 9, 9.5, 10].map((h) => share(at(0, Math.floor(h), (h % 1) * 60)));
    expect(morning).toEqual([...morning].sort((a, b) => a - b));
    expect(share(at(0, 9))).toBeGreaterThan(0.1);
    expect(share(at(0, 9))).toBeLessThan(share(at(0, 10)));
    expect(share(at(0, 18))).toBeLessThan(share(at(0, 17)));
    expect(share(at(0, 18))).toBeGreaterThan(share(at(0, 19)));
  });

  it('is zero at night and whenever the site is closed', () => {
    expect(share(at(0, 2))).toBe(0);
    expect(share(at(0, 20, 30))).toBe(0);
    expect(share(at(4, 11))).toBe(0); // Sunday: no opening hours
    expect(share(at(3, 14))).toBe(0); // Saturday after 13:00
  });

  it('is light on an open Saturday', () => {
    expect(share(at(3, 10, 30))).toBeGreaterThan(0);
    expect(share(at(3, 10, 30))).toBeLessThan(share(at(0, 10, 30)) / 2);
  });
});
