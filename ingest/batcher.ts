import type { Logger } from 'pino';
import type {
  DeadLetterRecord,
  DeskStateRecord,
  DeviceStatusRecord,
  DoorCountRecord,
  WriteBatch,
} from '../store/records.ts';
import type { Store } from '../store/store.ts';
import type { Accepted } from './dispatch.ts';

export type BatcherOptions = {
  store: Store;
  logger: Logger;
  /** Records per store write; the batch goes out as soon as it is full. */
  maxBatch: number;
  /** How long a record may wait for its batch to fill. */
  maxWaitMs: number;
  /** Records held in memory while the store is down, beyond which new ones are dropped and counted. */
  maxPending: number;
  retryBaseMs: number;
  retryMaxMs: number;
  random?: () => number;
};

export type BatcherStats = {
  written: number;
  writeErrors: number;
  dropped: number;
  pending: number;
  batches: number;
};

type Pending = {
  deskStates: DeskStateRecord[];
  doorCounts: DoorCountRecord[];
  deviceStatuses: DeviceStatusRecord[];
  deadLetters: DeadLetterRecord[];
};

const empty = (): Pending => ({ deskStates: [], doorCounts: [], deviceStatuses: [], deadLetters: [] });
const sizeOf = (b: WriteBatch) =>
  (b.deskStates?.length ?? 0) +
  (b.doorCounts?.length ?? 0) +
  (b.deviceStatuses?.length ?? 0) +
  (b.deadLetters?.length ?? 0);

/**
 * Collects records into batches and writes them one batch at a time, retrying a failed write with
 * exponential backoff and jitter so a store outage delays history instead of losing it.
 */
export function createBatcher(options: BatcherOptions) {
  const random = options.random ?? Math.random;
  const stats: BatcherStats = { written: 0, writeErrors: 0, dropped: 0, pending: 0, batches: 0 };
  let pending = empty();
  let timer: NodeJS.Timeout | undefined;
  let writing: Promise<void> | undefined;
  let closed = false;

  const schedule = () => {
    if (stats.pending >= options.maxBatch) void drain();
    else timer ??= setTimeout(() => void drain(), options.maxWaitMs);
  };

  const admit = (): boolean => {
    if (stats.pending < options.maxPending) return true;
    stats.dropped += 1;
    return false;
  };

  async function writeWithRetry(batch: Pending): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await options.store.write(batch);
        stats.written += sizeOf(batch);
        stats.batches += 1;
        return;
      } catch (error) {
        stats.writeErrors += 1;
        if (closed && attempt >= 2) throw error;
        const delay = Math.min(options.retryMaxMs, options.retryBaseMs * 2 ** attempt) * (0.5 + random() / 2);
        options.logger.warn(
          { err: (error as Error).message, attempt, delay },
          'store write failed; retrying',
        );
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }

  async function drain(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (writing) return writing;
    writing = (async () => {
      while (stats.pending > 0) {
        const batch = takeBatch();
        try {
          await writeWithRetry(batch);
        } catch (error) {
          options.logger.error(
            { err: (error as Error).message, lost: sizeOf(batch) },
            'records not stored at close',
          );
          stats.dropped += sizeOf(batch);
        }
      }
    })().finally(() => {
      writing = undefined;
    });
    return writing;
  }

  function takeBatch(): Pending {
    const batch = pending;
    pending = empty();
    stats.pending = 0;
    return batch;
  }

  return {
    stats: (): BatcherStats => ({ ...stats }),
    add(accepted: Accepted): void {
      if (!admit()) return;
      if (accepted.kind === 'desk-state') pending.deskStates.push(accepted.record);
      else if (accepted.kind === 'door-count') pending.doorCounts.push(accepted.record);
      else pending.deviceStatuses.push(accepted.record);
      stats.pending += 1;
      schedule();
    },
    addDeadLetter(record: DeadLetterRecord): void {
      if (!admit()) return;
      pending.deadLetters.push(record);
      stats.pending += 1;
      schedule();
    },
    /** Writes everything accepted so far; resolves when it is stored. */
    flush: (): Promise<void> => drain(),
    async close(): Promise<void> {
      closed = true;
      await drain();
    },
  };
}

export type Batcher = ReturnType<typeof createBatcher>;
