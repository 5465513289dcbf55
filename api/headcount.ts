import type { Headcount } from '../protocol/index.ts';
import { lastLocalTime } from '../protocol/index.ts';

/**
 * People inside a site from its door counters: in − out since the site's daily reset, never below
 * zero. Reports are keyed by door and timestamp, so a redelivered report changes nothing.
 */
export function createHeadcount(timezone: string, dailyReset: string) {
  let since = Number.NEGATIVE_INFINITY;
  let totalIn = 0;
  let totalOut = 0;
  let seen = new Set<string>();

  const rollOver = (now: number): boolean => {
    const reset = lastLocalTime(now, dailyReset, timezone);
    if (reset <= since) return false;
    const first = since === Number.NEGATIVE_INFINITY;
    since = reset;
    totalIn = 0;
    totalOut = 0;
    seen = new Set();
    return !first;
  };

  return {
    /** Starts a new day when the reset time has passed; true when a counted day ended. */
    rollOver,
    /** Adds one door report; false when it was a duplicate or belongs to an earlier day. */
    add(door: string, ts: number, inCount: number, outCount: number, now: number): boolean {
      rollOver(now);
      const key = `${door}@${ts}`;
      if (ts < since || seen.has(key)) return false;
      seen.add(key);
      totalIn += inCount;
      totalOut += outCount;
      return true;
    },
    view(): Headcount {
      return { count: Math.max(0, totalIn - totalOut), in: totalIn, out: totalOut, since };
    },
  };
}

export type HeadcountState = ReturnType<typeof createHeadcount>;
