import { MINUTE_MS } from '../../store/derived-records.ts';

export type MinuteCounts = { avg: number[]; max: number[] };

/**
 * How many of the given intervals are active, minute by minute over [from, to): the time-weighted
 * mean and the highest count at any instant. One sweep over the sorted interval ends, so a zone's
 * day costs O(changes + minutes), not O(desks × minutes).
 */
export function sweepMinutes(
  intervals: ReadonlyArray<{ from: number; to: number }>,
  from: number,
  to: number,
): MinuteCounts {
  const minutes = Math.ceil((to - from) / MINUTE_MS);
  const avg = new Array<number>(minutes).fill(0);
  const max = new Array<number>(minutes).fill(0);
  const changes: Array<[number, number]> = [];
  for (const i of intervals) {
    const start = Math.max(i.from, from);
    const end = Math.min(i.to, to);
    if (end <= start) continue;
    changes.push([start, 1], [end, -1]);
  }
  // Ends before starts at the same instant: a desk handed over at 10:00 is not counted twice then.
  changes.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let count = 0;
  let at = from;
  const advance = (until: number) => {
    while (at < until) {
      const minute = Math.floor((at - from) / MINUTE_MS);
      const edge = Math.min(until, from + (minute + 1) * MINUTE_MS);
      avg[minute] = (avg[minute] ?? 0) + (count * (edge - at)) / MINUTE_MS;
      if (count > (max[minute] ?? 0)) max[minute] = count;
      at = edge;
    }
  };
  for (const [ts, delta] of changes) {
    advance(ts);
    count += delta;
  }
  advance(to);
  return { avg, max };
}
