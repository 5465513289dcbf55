import type { Random } from './prng.ts';

export type BackoffOptions = {
  /** The first retry waits about this long (real ms). */
  baseMs: number;
  /** No wait is longer than this. */
  maxMs: number;
};

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 500, maxMs: 30_000 };

/**
 * How long to wait before reconnect attempt `attempt` (0 = the first retry): exponential, capped, with
 * "equal jitter" (half fixed, half random) so that a thousand devices losing the broker at once do not all
 * knock on its door again in the same millisecond, yet none retries sooner than half its step.
 * @example backoffDelay(3, random, { baseMs: 500, maxMs: 30_000 }) // between 2000 and 4000
 */
export function backoffDelay(attempt: number, random: Random, options: BackoffOptions): number {
  const step = Math.min(options.maxMs, options.baseMs * 2 ** Math.min(attempt, 30));
  return Math.round(step / 2 + (random() * step) / 2);
}
