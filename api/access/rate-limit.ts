/**
 * Token buckets, one per key (a token id or an address): `perMinute` requests a minute on average,
 * with bursts of up to the same number. Old, full buckets are forgotten so memory stays bounded.
 */
export function createRateLimiter(perMinute: number, now: () => number, maxKeys = 10_000) {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const perMs = perMinute / 60_000;

  const prune = (t: number) => {
    for (const [key, bucket] of buckets) {
      if (bucket.tokens + (t - bucket.at) * perMs >= perMinute) buckets.delete(key);
    }
    // Still full of active keys: drop the oldest rather than grow without bound.
    for (const key of buckets.keys()) {
      if (buckets.size < maxKeys) break;
      buckets.delete(key);
    }
  };

  return {
    /** Takes one request from `key`'s bucket; returns 0 when allowed, else the ms until one is. */
    take(key: string): number {
      const t = now();
      let bucket = buckets.get(key);
      if (!bucket) {
        if (buckets.size >= maxKeys) prune(t);
        bucket = { tokens: perMinute, at: t };
        buckets.set(key, bucket);
      }
      bucket.tokens = Math.min(perMinute, bucket.tokens + (t - bucket.at) * perMs);
      bucket.at = t;
      if (bucket.tokens < 1) return Math.ceil((1 - bucket.tokens) / perMs);
      bucket.tokens -= 1;
      return 0;
    },
  };
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;
