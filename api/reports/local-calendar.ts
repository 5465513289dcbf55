import { atLocalMinutes, createLocalTime, type LocalTime, type Site } from '../../protocol/index.ts';
import type { ReportQuery } from './report-query.ts';

export type Period = { start: number; label: string };

/**
 * The site's calendar for reports: whether an instant counts (opening hours), which period it falls
 * in, and the opening-hour windows of a range. One per report, so its caches stay small.
 */
export function createLocalCalendar(site: Site, hours: ReportQuery['hours']) {
  const local = createLocalTime(site.timezone);
  const dayStarts = new Map<string, number>();
  const dayStart = (ts: number, time: LocalTime): number => {
    let start = dayStarts.get(time.day);
    if (start === undefined) {
      start = atLocalMinutes(local, ts, 0);
      dayStarts.set(time.day, start);
    }
    return start;
  };

  const isOpenAt = (time: LocalTime): boolean => {
    if (hours === 'all') return true;
    const minutes = time.minutes;
    return (site.openingHours[time.weekday] ?? []).some(
      (i) => minutes >= toMinutes(i.open) && minutes < toMinutes(i.close),
    );
  };

  return {
    local,
    /** Whether the minute or bucket starting at `ts` counts. */
    counts: (ts: number) => isOpenAt(local(ts)),
    period(ts: number, resolution: ReportQuery['resolution']): Period {
      const time = local(ts);
      const midnight = dayStart(ts, time);
      if (resolution === 'hour') {
        const hour = Math.floor(time.minutes / 60);
        const start = atLocalMinutes(local, ts, hour * 60);
        return { start, label: `${time.day}T${String(hour).padStart(2, '0')}:00` };
      }
      if (resolution === 'day') return { start: midnight, label: time.day };
      // ISO weeks start on Monday.
      const back = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].indexOf(time.weekday);
      const monday = local(midnight - back * 86_400_000 + 12 * 3_600_000);
      const start = dayStart(midnight - back * 86_400_000 + 12 * 3_600_000, monday);
      return { start, label: `week of ${monday.day}` };
    },
    /** The opening-hour windows between two instants (the whole range when hours = all). */
    windows(start: number, end: number): Array<{ from: number; to: number }> {
      if (hours === 'all') return [{ from: start, to: end }];
      const windows: Array<{ from: number; to: number }> = [];
      for (let noon = start + 12 * 3_600_000; noon < end + 12 * 3_600_000; noon += 86_400_000) {
        const time = local(noon);
        for (const interval of site.openingHours[time.weekday] ?? []) {
          const from = atLocalMinutes(local, noon, toMinutes(interval.open));
          const to = atLocalMinutes(local, noon, toMinutes(interval.close));
          if (to > start && from < end) windows.push({ from: Math.max(from, start), to: Math.min(to, end) });
        }
      }
      return windows;
    },
  };
}

export type LocalCalendar = ReturnType<typeof createLocalCalendar>;

function toMinutes(hhmm: string): number {
  const [h = 0, m = 0] = hhmm.split(':').map(Number);
  return h * 60 + m;
}
