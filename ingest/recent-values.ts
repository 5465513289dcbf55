// The last N values of a measure (lag, batch size) in a fixed ring, for percentiles that describe
// now rather than since start, in constant memory. Values older than `maxAgeMs` drop out too: at a
// quiet site 20,000 records span hours, and after a backfill of history the lag would read days long
// after the last old event was stored.

export type Percentiles = { count: number; p50: number; p99: number; max: number };

export function createRecentValues(capacity: number, maxAgeMs = Number.POSITIVE_INFINITY) {
  const ring = new Float64Array(capacity);
  const times = new Float64Array(capacity);
  let next = 0;
  let filled = 0;
  return {
    /** Adds a value measured at `at` (epoch ms). */
    add(value: number, at: number): void {
      ring[next] = value;
      times[next] = at;
      next = (next + 1) % capacity;
      if (filled < capacity) filled += 1;
    },
    /** Percentiles of the values held and added no earlier than `maxAgeMs` before `now`, by nearest rank; zeros when none. */
    percentiles(now: number): Percentiles {
      const since = now - maxAgeMs;
      // The ring is in time order from `next` on, so the values in the window are its newest `kept`.
      let kept = 0;
      while (kept < filled && (times[(next - kept - 1 + capacity) % capacity] ?? 0) >= since) kept += 1;
      if (kept === 0) return { count: 0, p50: 0, p99: 0, max: 0 };
      const sorted = new Float64Array(kept);
      for (let i = 0; i < kept; i += 1) sorted[i] = ring[(next - i - 1 + capacity) % capacity] ?? 0;
      sorted.sort();
      const rank = (q: number) => sorted[Math.min(kept - 1, Math.ceil(q * kept) - 1)] ?? 0;
      return { count: kept, p50: rank(0.5), p99: rank(0.99), max: sorted[kept - 1] ?? 0 };
    },
  };
}
