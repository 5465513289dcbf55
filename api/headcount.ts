import type { Headcount } from '../protocol/index.ts';
import { createArrivalStamps, createZoneClock } from '../protocol/index.ts';

export type Calibration = { at: number; count: number };
type Report = { ts: number; in: number; out: number };

const MIN_DAY_MS = 23 * 3_600_000;

/**
 * People inside a site from its door counters: in − out since the site's daily reset, never below
 * zero. Reports are keyed by door and timestamp, so a redelivered report changes nothing. A manager's
 * calibration replaces the count at its instant: from then on the count is the calibrated one plus
 * in − out of reports stamped at or after it, whatever order they arrive in.
 */
export function createHeadcount(timezone: string, dailyReset: string) {
  const clock = createZoneClock(timezone);
  let since = Number.NEGATIVE_INFINITY;
  let totalIn = 0;
  let totalOut = 0;
  let seen = new Map<string, Report>();
  // A site has a handful of doors; the bound only keeps a flood of made-up names from growing it.
  const doorTimes = createArrivalStamps(1024);
  let calibration: Calibration | null = null;
  let netAfter = 0;

  const rollOver = (now: number): boolean => {
    // Days are 23 to 25 hours long: within 23 hours of the last reset there is no new one, and
    // working out the local time on every view would cost more than the view itself.
    if (now >= since && now - since < MIN_DAY_MS) return false;
    const reset = clock.lastLocalTime(now, dailyReset);
    if (reset <= since) return false;
    const first = since === Number.NEGATIVE_INFINITY;
    since = reset;
    totalIn = 0;
    totalOut = 0;
    seen = new Map();
    calibration = null;
    netAfter = 0;
    return !first;
  };

  return {
    /** Starts a new day when the reset time has passed; true when a counted day ended. */
    rollOver,
    /**
     * Adds one door report; false when it was a duplicate or belongs to an earlier day. A report
     * without `ts` is stamped as ingest stores it (protocol/arrival-stamps.ts): two heard within a
     * millisecond are two reports, not one redelivered.
     */
    add(door: string, sentAt: number | undefined, inCount: number, outCount: number, now: number): boolean {
      rollOver(now);
      const ts = sentAt ?? doorTimes.stamp(door, now);
      const key = `${door}@${ts}`;
      if (ts < since || seen.has(key)) return false;
      seen.set(key, { ts, in: inCount, out: outCount });
      totalIn += inCount;
      totalOut += outCount;
      if (calibration && ts >= calibration.at) netAfter += inCount - outCount;
      return true;
    },
    /** Sets the count at `at` (today); false when `at` is before today's reset or in the future. */
    calibrate(next: Calibration, now: number): boolean {
      rollOver(now);
      if (next.at < since || next.at > now) return false;
      calibration = next;
      netAfter = 0;
      for (const r of seen.values()) if (r.ts >= next.at) netAfter += r.in - r.out;
      return true;
    },
    view(): Headcount {
      const net = calibration ? calibration.count + netAfter : totalIn - totalOut;
      return { count: Math.max(0, net), in: totalIn, out: totalOut, since, calibration };
    },
  };
}

export type HeadcountState = ReturnType<typeof createHeadcount>;
