import { createZoneClock, type Site } from '../../protocol/index.ts';
import type { Store } from '../../store/store.ts';
import { createLocalCalendar } from './local-calendar.ts';
import type { ResolvedQuery } from './report-query.ts';

export type Calibration = { at: number; count: number };
export type HeadcountPoint = { ts: number; label: string; people: number; calibrated: boolean };

/**
 * People inside over time, as the live headcount would have shown it (docs/reports.md): in − out
 * since the daily reset, or — after a manager's calibration that day — the count set plus in − out
 * since it; never below zero. One point at the end of every 15 minutes (hour resolution) or hour
 * (day and week), in opening hours unless hours=all.
 */
export async function headcountCurve(
  store: Store,
  site: Site,
  query: ResolvedQuery,
  calibrations: readonly Calibration[],
): Promise<HeadcountPoint[]> {
  const calendar = createLocalCalendar(site, query.hours);
  const clock = createZoneClock(site.timezone);
  const lastReset = (ts: number) => clock.lastLocalTime(ts, site.dailyReset);
  const first = lastReset(query.start);
  const reports = await store.doorCounts({ site: site.id, from: first, to: query.end });
  const times = reports.map((r) => r.ts);
  const net = [0];
  for (const r of reports) net.push((net.at(-1) ?? 0) + r.in - r.out);
  // Σ(in − out) of the reports stamped before t.
  const before = (t: number) => net[lowerBound(times, t)] ?? 0;
  const sorted = [...calibrations].sort((a, b) => a.at - b.at);
  const step = query.resolution === 'hour' ? 15 * 60_000 : 3_600_000;
  const points: HeadcountPoint[] = [];
  let reset = Number.NEGATIVE_INFINITY;
  let nextReset = Number.NEGATIVE_INFINITY;
  for (let start = query.start; start < query.end; start += step) {
    if (!calendar.counts(start)) continue;
    const t = Math.min(start + step, query.end);
    if (t - 1 >= nextReset) {
      reset = lastReset(t - 1);
      nextReset = lastReset(reset + 26 * 3_600_000);
    }
    const calibration = latest(sorted, reset, t);
    const anchor = calibration?.at ?? reset;
    const people = Math.max(0, (calibration?.count ?? 0) + before(t) - before(anchor));
    const minutes = Math.round(calendar.local(t).minutes);
    const hhmm = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
    points.push({
      ts: t,
      label: `${calendar.local(t).day}T${hhmm}`,
      people,
      calibrated: calibration !== undefined,
    });
  }
  return points;
}

function latest(sorted: readonly Calibration[], from: number, to: number): Calibration | undefined {
  let found: Calibration | undefined;
  for (const c of sorted) {
    if (c.at > to) break;
    if (c.at >= from) found = c;
  }
  return found;
}

function lowerBound(values: readonly number[], target: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((values[mid] ?? 0) < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
