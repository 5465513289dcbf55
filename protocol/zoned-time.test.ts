import { describe, expect, it } from 'vitest';
import { createZoneClock, lastLocalTime, localParts, zonedTime } from './zoned-time.ts';

describe('zoned time', () => {
  it('reads the wall clock in the site time zone, summer and winter', () => {
    expect(localParts(Date.UTC(2026, 6, 1, 10, 30), 'Europe/Rome')).toMatchObject({
      hour: 12,
      minute: 30,
      weekday: 'wed',
    });
    expect(localParts(Date.UTC(2026, 0, 5, 23, 30), 'Europe/Rome')).toMatchObject({
      day: 6,
      hour: 0,
      weekday: 'tue',
    });
  });

  it('turns a local time back into an instant, across daylight-saving changes', () => {
    expect(zonedTime({ year: 2026, month: 7, day: 1 }, { hour: 12, minute: 30 }, 'Europe/Rome')).toBe(
      Date.UTC(2026, 6, 1, 10, 30),
    );
    expect(zonedTime({ year: 2026, month: 1, day: 6 }, { hour: 0, minute: 30 }, 'Europe/Rome')).toBe(
      Date.UTC(2026, 0, 5, 23, 30),
    );
    // 2026-03-29 02:30 does not exist in Rome: the clock jumps from 02:00 to 03:00.
    expect(zonedTime({ year: 2026, month: 3, day: 29 }, { hour: 4, minute: 0 }, 'Europe/Rome')).toBe(
      Date.UTC(2026, 2, 29, 2, 0),
    );
  });

  it('finds the last daily reset at or before now', () => {
    const nineAm = Date.UTC(2026, 10, 25, 8, 0); // 09:00 in Rome
    expect(lastLocalTime(nineAm, '04:00', 'Europe/Rome')).toBe(Date.UTC(2026, 10, 25, 3, 0));
    const threeAm = Date.UTC(2026, 10, 25, 2, 0); // 03:00 in Rome: still yesterday's count
    expect(lastLocalTime(threeAm, '04:00', 'Europe/Rome')).toBe(Date.UTC(2026, 10, 24, 3, 0));
    expect(lastLocalTime(Date.UTC(2026, 10, 25, 3, 0), '04:00', 'Europe/Rome')).toBe(
      Date.UTC(2026, 10, 25, 3, 0),
    );
  });

  it('keeps one clock right across a whole year, both daylight-saving changes included', () => {
    const clock = createZoneClock('Europe/Rome');
    const wall = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Rome',
      hourCycle: 'h23',
      dateStyle: 'short',
      timeStyle: 'short',
    });
    // Noon UTC of every day of 2026: the reset is that local day's 04:00, 02:00 or 03:00 UTC.
    for (let noon = Date.UTC(2026, 0, 1, 12); noon < Date.UTC(2027, 0, 1); noon += 86_400_000) {
      const reset = clock.lastLocalTime(noon, '04:00');
      expect(wall.format(reset)).toBe(`${wall.format(noon).slice(0, 10)}, 04:00`);
      expect(clock.localParts(reset)).toMatchObject({ hour: 4, minute: 0 });
    }
    expect(clock.lastLocalTime(Date.UTC(2026, 2, 29, 12, 0), '04:00')).toBe(Date.UTC(2026, 2, 29, 2, 0));
    expect(clock.lastLocalTime(Date.UTC(2026, 2, 28, 12, 0), '04:00')).toBe(Date.UTC(2026, 2, 28, 3, 0));
  });
});
