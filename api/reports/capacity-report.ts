import type { Site } from '../../protocol/index.ts';
import type { Store } from '../../store/store.ts';
import { occupancyReport } from './occupancy-report.ts';
import type { Scope } from './quarter-series.ts';
import type { ResolvedQuery } from './report-query.ts';

export type CapacityAnswer = {
  /** What is measured: people from the doors when the site has counted doors, else occupied desks. */
  measure: 'people' | 'desks';
  days: number;
  /** The 95th-percentile daily peak (nearest rank): on 95% of the days the peak was at most this. */
  p95Peak: number | null;
  maxPeak: number | null;
  maxPeakDay: string | null;
  capacity: number;
  /** p95Peak ÷ capacity. */
  share: number | null;
  answer: string;
};

/** The planner's question: how close does a normal busy day come to capacity? */
export async function capacityReport(
  store: Store,
  site: Site,
  query: ResolvedQuery,
  scope: Scope,
): Promise<CapacityAnswer> {
  const rows = await occupancyReport(store, site, { ...query, resolution: 'day' }, scope);
  const hasPeople = rows.some((r) => r.peakPeople !== null);
  const peaks = rows.map((r) => ({ day: r.label, peak: (hasPeople ? r.peakPeople : r.peakOccupied) ?? 0 }));
  const sorted = peaks.map((p) => p.peak).sort((a, b) => a - b);
  const p95 = sorted.length > 0 ? (sorted[Math.ceil(0.95 * sorted.length) - 1] ?? null) : null;
  const max = peaks.reduce<{ day: string; peak: number } | null>(
    (m, p) => (m && m.peak >= p.peak ? m : p),
    null,
  );
  const measure = hasPeople ? 'people' : 'desks';
  const share = p95 === null ? null : Math.round((p95 / scope.capacity) * 1000) / 1000;
  const answer =
    p95 === null
      ? 'No open days with data in this range.'
      : `On 95% of the ${peaks.length} days the peak was at most ${p95} ${measure}, ` +
        `${Math.round((share ?? 0) * 100)}% of the capacity of ${scope.capacity}; ` +
        `the busiest day, ${max?.day}, reached ${max?.peak}.`;
  return {
    measure,
    days: peaks.length,
    p95Peak: p95,
    maxPeak: max?.peak ?? null,
    maxPeakDay: max?.day ?? null,
    capacity: scope.capacity,
    share,
    answer,
  };
}
