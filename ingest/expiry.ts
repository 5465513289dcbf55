import type { Logger } from 'pino';
import type { Store } from '../store/store.ts';

// Retention, done by Prossima the same way on every store: events and dead letters older than the
// days kept are deleted every hour; the derived series, which reports read, are kept.

const DAY_MS = 86_400_000;
/**
 * Events are deleted two days after they stop being accepted, and never less than two days before a
 * range the deriver has still to recompute: it reads up to a day before one (a desk's state 11 minutes
 * before it, the door counts since the last daily reset, 25 hours on a daylight-saving day).
 */
const MARGIN_DAYS = 2;

export type ExpiryOptions = {
  store: Store;
  /** Days of events kept; 0: kept for ever, and nothing runs. */
  keepDays: number;
  everyMs: number;
  now: () => number;
  logger: Logger;
  /** Where the deriver's oldest range still to derive starts: nothing it will read is deleted. */
  oldestPending?: (() => number | undefined) | undefined;
  /**
   * The first run waits for this: the log's backlog stored and marked for the deriver. Until then
   * `oldestPending` does not know the ranges the backlog will mark, and after days down those read
   * history the horizon has passed.
   */
  after?: Promise<unknown> | undefined;
};

export function startExpiry(options: ExpiryOptions) {
  const { store, keepDays, logger } = options;
  let running: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  // A store that cannot delete (InfluxDB 3) fails every hour: say so once, not every hour.
  let failing = false;

  async function expire(): Promise<void> {
    const horizon = options.now() - (keepDays + MARGIN_DAYS) * DAY_MS;
    const pending = options.oldestPending?.();
    const before = pending === undefined ? horizon : Math.min(horizon, pending - MARGIN_DAYS * DAY_MS);
    try {
      await store.expire({ events: before, deadLetters: before });
      if (failing) logger.info('old events expire again');
      failing = false;
      logger.debug({ before: new Date(before).toISOString() }, 'old events expired');
    } catch (error) {
      const log = failing ? logger.debug.bind(logger) : logger.warn.bind(logger);
      log({ err: (error as Error).message }, 'cannot expire old events; will keep trying');
      failing = true;
    }
  }

  function schedule(delayMs: number): void {
    timer = setTimeout(() => {
      running = expire().finally(() => {
        running = undefined;
        if (!closed) schedule(options.everyMs);
      });
    }, delayMs).unref();
  }

  const first = () => {
    if (!closed) schedule(0);
  };
  if (keepDays > 0) void Promise.resolve(options.after).then(first, first);
  return {
    async close(): Promise<void> {
      closed = true;
      clearTimeout(timer);
      await running;
    },
  };
}
