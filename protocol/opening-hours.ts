import type { OpeningHours } from './site-model.ts';
import { atLocalMinutes, createLocalTime } from './zoned-time.ts';

export type Window = { from: number; to: number };

/**
 * A site's opening hours as instants: whether the site is open at a moment, and the open windows
 * between two moments. Local time, daylight-saving changes included.
 * @example createOpeningHours(site).isOpen(Date.now())
 */
export function createOpeningHours(site: { timezone: string; openingHours: OpeningHours }) {
  const local = createLocalTime(site.timezone);
  return {
    isOpen(ts: number): boolean {
      const time = local(ts);
      return (site.openingHours[time.weekday] ?? []).some(
        (i) => time.minutes >= toMinutes(i.open) && time.minutes < toMinutes(i.close),
      );
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
