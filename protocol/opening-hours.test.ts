import { describe, expect, it } from 'vitest';
import { createOpeningHours } from './opening-hours.ts';
import type { OpeningHours } from './site-model.ts';

const openingHours: OpeningHours = {
  mon: [
    { open: '08:30', close: '13:00' },
    { open: '14:00', close: '19:00' },
  ],
  wed: [{ open: '09:00', close: '23:59' }],
  sat: [{ open: '00:00', close: '02:15' }],
};

describe('opening hours', () => {
  const hours = createOpeningHours({ timezone: 'Europe/Rome', openingHours });
  // An independent reading of the wall clock, to check isOpen against over a whole year.
  const wall = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Rome',
    hourCycle: 'h23',
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
  });
  const expected = (ts: number): boolean => {
    const parts = Object.fromEntries(wall.formatToParts(ts).map((p) => [p.type, p.value]));
    const day = (parts.weekday ?? '').toLowerCase().slice(0, 3) as keyof OpeningHours;
    const minutes = Number(parts.hour) * 60 + Number(parts.minute);
    const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
    return (openingHours[day] ?? []).some(
      (i) => minutes >= toMinutes(i.open) && minutes < toMinutes(i.close),
    );
  };

  it('is open inside each interval of the local weekday, across a year and both clock changes', () => {
    let open = 0;
    // Every 53 minutes through 2026: every weekday, and the minutes of the hour in turn.
    for (let ts = Date.UTC(2026, 0, 1); ts < Date.UTC(2027, 0, 1); ts += 53 * 60_000) {
      expect(hours.isOpen(ts), new Date(ts).toISOString()).toBe(expected(ts));
      if (hours.isOpen(ts)) open += 1;
    }
    expect(open).toBeGreaterThan(1_500);
  });

  it('opens and closes at the local minute, in winter and in summer', () => {
    // Monday 2026-01-05 and Monday 2026-07-06; Rome is UTC+1 then UTC+2.
    expect(hours.isOpen(Date.UTC(2026, 0, 5, 7, 29))).toBe(false);
    expect(hours.isOpen(Date.UTC(2026, 0, 5, 7, 30))).toBe(true);
    expect(hours.isOpen(Date.UTC(2026, 0, 5, 12, 0))).toBe(false); // 13:00, the lunch break
    expect(hours.isOpen(Date.UTC(2026, 6, 6, 6, 30))).toBe(true);
    expect(hours.isOpen(Date.UTC(2026, 6, 6, 16, 59))).toBe(true);
    expect(hours.isOpen(Date.UTC(2026, 6, 6, 17, 0))).toBe(false); // 19:00
    // Friday 23:30 UTC in summer is Saturday 01:30 in Rome.
    expect(hours.isOpen(Date.UTC(2026, 6, 10, 23, 30))).toBe(true);
  });

  it('gives the open windows between two instants', () => {
    const monday = Date.UTC(2026, 0, 5);
    expect(hours.windows(monday, monday + 86_400_000)).toEqual([
      { from: Date.UTC(2026, 0, 5, 7, 30), to: Date.UTC(2026, 0, 5, 12, 0) },
      { from: Date.UTC(2026, 0, 5, 13, 0), to: Date.UTC(2026, 0, 5, 18, 0) },
    ]);
  });
});
