import { MINUTE_MS } from '../../store/derived-records.ts';

export type DoorReport = { ts: number; in: number; out: number };

/**
 * People inside at the end of each minute of [from, to): in − out over the reports since the
 * site's daily reset, never below zero — the same definition as the live headcount.
 * `reports` must be sorted and start at or before the reset that precedes `from`; `lastReset` gives
 * the latest daily reset at or before an instant (the site's ZoneClock, protocol/zoned-time.ts).
 */
export function headcountMinutes(
  reports: readonly DoorReport[],
  from: number,
  to: number,
  lastReset: (ts: number) => number,
): number[] {
  const counts: number[] = [];
  let next = 0;
  let reset = Number.NEGATIVE_INFINITY;
  let nextReset = Number.NEGATIVE_INFINITY;
  let inside = 0;
  for (let minute = from; minute < to; minute += MINUTE_MS) {
    const end = minute + MINUTE_MS;
    if (end - 1 >= nextReset) {
      reset = lastReset(end - 1);
      // Days last 23 to 25 hours, so the last reset before reset + 26 h is the next one.
      nextReset = lastReset(reset + 26 * 3_600_000);
      inside = 0;
      while (next < reports.length && (reports[next]?.ts ?? 0) < reset) next++;
    }
    while (next < reports.length && (reports[next]?.ts ?? 0) < end) {
      const report = reports[next++] as DoorReport;
      inside += report.in - report.out;
    }
    counts.push(Math.max(0, inside));
  }
  return counts;
}
