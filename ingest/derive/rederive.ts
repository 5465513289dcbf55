import type { Logger } from 'pino';
import type { Site } from '../../protocol/index.ts';
import type { Store } from '../../store/store.ts';
import { createDeriver, type DeriverStats } from './index.ts';

// Derives a stretch of history again from the events in the store: after events were restored, after
// the derived series moved to a database of their own, or after a fix to how they are derived.
// Idempotent, like every derived write, so it may run beside a live ingest.

const DAY_MS = 86_400_000;

export type RederiveOptions = {
  store: Store;
  sites: readonly Site[];
  from: number;
  to: number;
  logger?: Logger;
  now?: () => number;
};

/**
 * Recomputes the derived series of `sites` that the stored events of [from, to) touch, reading the
 * events back from the store.
 * @example await rederive({ store, sites, from: Date.now() - 28 * 86_400_000, to: Date.now() })
 */
export async function rederive(options: RederiveOptions): Promise<DeriverStats> {
  // Not incremental: nothing is in memory, every range is read from the store.
  const deriver = createDeriver({
    store: options.store,
    sites: options.sites,
    incremental: false,
    logger: options.logger,
    now: options.now,
  });
  // Marked as ingest marks them when it stores them, so exactly the ranges the events touch are
  // derived, and no bucket before the first event is written empty. A day's events at a time.
  for (const site of options.sites) {
    for (let day = options.from; day < options.to; day += DAY_MS) {
      const range = { site: site.id, from: day, to: Math.min(day + DAY_MS, options.to) };
      const [deskStates, doorCounts] = await Promise.all([
        options.store.deskStates(range),
        options.store.doorCounts(range),
      ]);
      deriver.markStored({ deskStates, doorCounts });
    }
  }
  await deriver.flush();
  const stats = deriver.stats();
  // The deriver keeps a range that failed for its next run; here there is none.
  if (stats.pendingRanges > 0) throw new Error('some ranges could not be derived: see the log');
  return stats;
}
