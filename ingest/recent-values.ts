// The last N values of a measure (lag, batch size) in a fixed ring, for percentiles that describe
// now rather than since start, in constant memory.

export type Percentiles = { count: number; p50: number; p99: number; max: number };

export function createRecentValues(capacity: number) {
  const ring = new Float64Array(capacity);
  let next = 0;
  let filled = 0;
  return {
    add(value: number): void {
      ring[next] = value;
      next = (next + 1) % capacity;
      if (filled < capacity) filled += 1;
    },
    /** Percentiles of the values held, by nearest rank; zeros when there are none. */
    percentiles(): Percentiles {
      if (filled === 0) return { count: 0, p50: 0, p99: 0, max: 0 };
      const sorted = ring.slice(0, filled).sort();
      const rank = (q: number) => sorted[Math.min(filled - 1, Math.ceil(q * filled) - 1)] ?? 0;
      return { count: filled, p50: rank(0.5), p99: rank(0.99), max: sorted[filled - 1] ?? 0 };
    },
  };
}
