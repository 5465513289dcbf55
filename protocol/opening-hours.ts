import { type OpeningHours, WEEKDAYS } from './site-model.ts';
import { atLocalMinutes, createLocalTime, createOffsetLookup } from './zoned-time.ts';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

export type Window = { from: number; to: number };

/**
 * A site's opening hours as instants: whether the site is open at a moment, and the open windows
 * between two moments. Local time, daylight-saving changes included.
 * @example createOpeningHours(site).isOpen(Date.now())
 */
export function createOpeningHours(site: { timezone: string; openingHours: OpeningHours }) {
  const local = createLocalTime(site.timezone);
  const offsetAt = createOffsetLookup(site.timezone);
  // Each weekday's intervals as minutes since midnight, Monday first, parsed once: the deriver asks
  // isOpen for every desk and quarter hour it sums, and a local time with its date string cost more.
  const byWeekday = WEEKDAYS.map((day) =>
    (site.openingHours[day] ?? []).map((i) => ({ open: toMinutes(i.open), close: toMinutes(i.close) })),
  );
  return {
    isOpen(ts: number): boolean {
      const wall = ts + offsetAt(ts);
      const day = Math.floor(wall / DAY_MS);
      // Day 0, 1970-01-01, was a Thursday: index 3 counting from Monday.
      const intervals = byWeekday[(((day + 3) % 7) + 7) % 7] ?? [];
      const minutes = (wall - day * DAY_MS) / MINUTE_MS;
      return intervals.some((i) => minutes >= i.open && minutes < i.close);
    },
    windows(start: number, end: number): Window[] {
      const windows: Window[] = [];
      // Noon of each local day: never near a daylight-saving change, always inside the day.
      for (let noon = start + 12 * 3_600_000; noon < end + 12 * 3_600_000; noon += 86_400_000) {
        for (const interval of site.openingHours[local(noon).weekday] ?? []) {
          const from = atLocalMinutes(local, noon, toMinutes(interval.open));
          const to = atLocalMinutes(local, noon, toMinutes(interval.close));
          if (to > start && from < end) windows.push({ from: Math.max(from, start), to: Math.min(to, end) });
        }
      }
      return windows;
    },
  };
}

export function toMinutes(hhmm: string): number {
  const [h = 0, m = 0] = hhmm.split(':').map(Number);
  return h * 60 + m;
}
