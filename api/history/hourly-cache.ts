const HOUR_MS = 3_600_000;

/**
 * Remembers one computed value per key for the clock hour it was computed in: history profiles
 * change by the hour at most, and reading weeks of derived series on every request would not do.
 * Concurrent requests share one computation; a failed one is forgotten so the next request retries.
 */
export function createHourlyCache<T>(now: () => number, compute: (key: string) => Promise<T>) {
  const entries = new Map<string, { hour: number; value: Promise<T> }>();
  return {
    get(key: string): Promise<T> {
      const hour = Math.floor(now() / HOUR_MS);
      const cached = entries.get(key);
      if (cached && cached.hour === hour) return cached.value;
      const value = compute(key);
      entries.set(key, { hour, value });
      value.catch(() => {
        if (entries.get(key)?.value === value) entries.delete(key);
      });
      return value;
    },
    /** Forgets a key, e.g. when its site is edited. */
    drop(key: string): void {
      entries.delete(key);
    },
  };
}
