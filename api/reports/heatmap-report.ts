import { type Site, WEEKDAYS, type Weekday } from '../../protocol/index.ts';
import type { Store } from '../../store/store.ts';
import { createLocalCalendar } from './local-calendar.ts';
import { round } from './occupancy-report.ts';
import { quarterSeries, type Scope } from './quarter-series.ts';
import type { ResolvedQuery } from './report-query.ts';

/** One hour of one weekday, averaged over every such hour in the range. */
export type HeatmapCell = {
  weekday: Weekday;
  hour: number;
  minutes: number;
  avgOccupied: number;
  utilisation: number | null;
};

export type Heatmap = { cells: HeatmapCell[]; busiest: HeatmapCell[]; quietest: HeatmapCell[] };

/** The hour × weekday pattern of a site, floor or zone, in the site's local time. */
export async function heatmapReport(
  store: Store,
  site: Site,
  query: ResolvedQuery,
  scope: Scope,
): Promise<Heatmap> {
  const calendar = createLocalCalendar(site, query.hours);
  const sums = new Map<string, { minutes: number; occupied: number; known: number }>();
  for (const quarter of await quarterSeries(store, site, query, scope)) {
    if (quarter.minutes === 0 || !calendar.counts(quarter.ts)) continue;
    const time = calendar.local(quarter.ts);
    const key = `${time.weekday}|${Math.floor(time.minutes / 60)}`;
    const sum = sums.get(key) ?? { minutes: 0, occupied: 0, known: 0 };
    sum.minutes += quarter.minutes;
    sum.occupied += quarter.occupiedSum;
    sum.known += quarter.knownSum;
    sums.set(key, sum);
  }
  const cells: HeatmapCell[] = [];
  for (const weekday of WEEKDAYS) {
    for (let hour = 0; hour < 24; hour++) {
      const sum = sums.get(`${weekday}|${hour}`);
      if (!sum) continue;
      cells.push({
        weekday,
        hour,
        minutes: sum.minutes,
        avgOccupied: round(sum.occupied / sum.minutes),
        utilisation: sum.known > 0 ? round(sum.occupied / sum.known) : null,
      });
    }
  }
  const ranked = [...cells].sort((a, b) => b.avgOccupied - a.avgOccupied);
  return { cells, busiest: ranked.slice(0, 3), quietest: ranked.slice(-3).reverse() };
}
