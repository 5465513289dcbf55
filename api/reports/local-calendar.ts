import {
  atLocalMinutes,
  createLocalTime,
  createOpeningHours,
  type LocalTime,
  type Site,
} from '../../protocol/index.ts';
import type { ReportQuery } from './report-query.ts';

export type Period = { start: number; label: string };

/**
 * The site's calendar for reports: whether an instant counts (opening hours, unless hours=all) and
 * which period it falls in. One per report, so its caches stay small.
 */
export function createLocalCalendar(site: Site, hours: ReportQuery['hours']) {
  const local = createLocalTime(site.timezone);
  const opening = createOpeningHours(site);
  const dayStarts = new Map<string, number>();
  const dayStart = (ts: number, time: LocalTime): number => {
    let start = dayStarts.get(time.day);
    if (start === undefined) {
      start = atLocalMinutes(local, ts, 0);
      dayStarts.set(time.day, start);
    }
    return start;
  };

  return {
    local,
    /** Whether the minute or bucket starting at `ts` counts. */
    counts: (ts: number) => hours === 'all' || opening.isOpen(ts),
    period(ts: number, resolution: ReportQuery['resolution']): Period {
      const time = local(ts);
      const midnight = dayStart(ts, time);
      if (resolution === 'hour') {
        const hour = Math.floor(time.minutes / 60);
        return {
          start: atLocalMinutes(local, ts, hour * 60),
          label: `${time.day}T${String(hour).padStart(2, '0')}:00`,
        };
      }
      if (resolution === 'day') return { start: midnight, label: time.day };
      // ISO weeks start on Monday.
      const back = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].indexOf(time.weekday);
      const mondayNoon = midnight - back * 86_400_000 + 12 * 3_600_000;
      const monday = local(mondayNoon);
      return { start: dayStart(mondayNoon, monday), label: `week of ${monday.day}` };
    },
  };
}

export type LocalCalendar = ReturnType<typeof createLocalCalendar>;
