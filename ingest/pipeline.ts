import type { Logger } from 'pino';
import type { DeadLetterRecord, WriteBatch } from '../store/records.ts';
import type { RejectedRecord, Store } from '../store/store.ts';
import { type BuildContext, type BuiltBatch, buildBatch, rememberOnly } from './build-batch.ts';
import { writeCheckpoint } from './checkpoint.ts';
import type { IngestMetrics } from './ingest-metrics.ts';
import { RetryAborted, retry, sleep } from './retry.ts';
import type { WalEntry } from './wal-format.ts';
import { comparePositions, type WalPosition } from './wal-position.ts';
import { openWalReader, type WalReader } from './wal-reader.ts';
import type { WalWriter } from './wal-writer.ts';

// The reading half of ingest: batches from the log, validated, written to the store with retries,
// then the checkpoint advanced and confirmed segments deleted. One batch is in flight at a time, so
// batches grow by themselves while the store is slow: natural batching, bounded by maxBatch.

export type PipelineOptions = {
  dir: string;
  reader: WalReader;
  writer: WalWriter;
  store: Store;
  context: BuildContext;
  /** Where the last run's confirmed records end; records before it only teach the memory. */
  checkpoint: WalPosition | undefined;
  maxBatch: number;
  maxWaitMs: number;
  /** Under load, how long a batch may wait from its first record to fill up to maxBatch. */
  loadedWaitMs: number;
  retryBaseMs: number;
  retryMaxMs: number;
  random: () => number;
  metrics: IngestMetrics;
  logger: Logger;
  now: () => number;
  onStored?: ((batch: WriteBatch) => Promise<void> | void) | undefined;
  /** Called after the store confirmed more of the log: the disk budget has room, intake may take a held message. */
  onTrimmed: () => void;
  /** How often, at most, the checkpoint is saved while batches are confirmed (and on close). */
  checkpointMs: number;
  /** Called just before the checkpoint is saved: whatever must be on disk before it, saved. */
  beforeCheckpoint?: (() => void) | undefined;
};

export function startPipeline(options: PipelineOptions) {
  const { reader, writer, metrics, logger } = options;
  const stop = new AbortController();
  let confirmed = reader.position();
  let saved = confirmed;
  let savedAt = Number.NEGATIVE_INFINITY;
  let saveLater: NodeJS.Timeout | undefined;
  let wakeUp: (() => void) | undefined;
  let hurry = false;
  /** When the first record the next batch will hold was committed to the log. */
  let pendingSince: number | undefined;
  const waiters: { target: WalPosition; resolve: () => void }[] = [];

  const retryOptions = (what: string) => ({
    baseMs: options.retryBaseMs,
    maxMs: options.retryMaxMs,
    random: options.random,
    signal: stop.signal,
    onFailure: (error: Error, attempt: number, delayMs: number) => {
      metrics.counters.retries += 1;
      metrics.storeUp = false;
      logger.warn({ err: error.message, attempt, delayMs: Math.round(delayMs) }, `${what} failed; retrying`);
    },
  });

  const behind = () => comparePositions(reader.position(), writer.end()) < 0;

  /** `lastRead`: records the last batch read (a full batch at start, so a backlog goes out at once). */
  async function waitForWork(lastRead: number): Promise<void> {
    while (!behind() && !stop.signal.aborted) {
      await new Promise<void>((resolve) => {
        wakeUp = resolve;
      });
      wakeUp = undefined;
    }
    // Give the batch a moment to fill, unless someone waits or the last batch was full (more is
    // queued); under load, until it is whole (fillUnderLoad). The moment counts from when its first
    // record arrived (as Kafka's linger does): records that came in while the last batch was being
    // written have waited already, and waiting the whole moment again would add it to every event's
    // latency under load.
    if (hurry) return;
    const since = pendingSince ?? options.now();
    const waited = options.now() - since;
    if (lastRead < options.maxBatch && waited < options.maxWaitMs) {
      await sleep(options.maxWaitMs - waited, stop.signal);
    }
    if (lastRead * 2 >= options.maxBatch) await fillUnderLoad(since);
  }

  /**
   * Under load, waits on for a whole batch when, at the rate seen since its first record, it fills
   * within `loadedWaitMs` of that record: InfluxDB spends less per point in larger writes
   * (docs/ingest.md). After a batch under half full (below 50,000 events/s with the defaults), or
   * when the rate drops, nothing changes, so neither does the latency of a lighter load.
   */
  async function fillUnderLoad(since: number): Promise<void> {
    while (!hurry && !stop.signal.aborted) {
      const waited = Math.max(options.now() - since, 1);
      const pending = reader.buffered();
      if (pending === 0 || pending >= options.maxBatch) return;
      const fillMs = ((options.maxBatch - pending) * waited) / pending;
      if (waited + fillMs > options.loadedWaitMs) return;
      await sleep(Math.max(fillMs, 1), stop.signal);
    }
  }

  // Saving the checkpoint (and the deriver's marks before it) after every batch took 2–3 % of ingest's
  // busy time at full rate (writing the checkpoint alone 2.1 %, 0.2 % now). At most once a
  // `checkpointMs` is enough: a crash then replays up to that much more of the log, idempotently.
  function save(): void {
    clearTimeout(saveLater);
    saveLater = undefined;
    if (comparePositions(confirmed, saved) <= 0) return;
    options.beforeCheckpoint?.();
    writeCheckpoint(options.dir, confirmed);
    saved = confirmed;
    savedAt = options.now();
    writer.trim(saved);
  }

  /** Off the pipeline's path (a timer, close): a failure is logged, and the next save tries again. */
  function saveLogged(): void {
    try {
      save();
    } catch (error) {
      logger.error({ err: (error as Error).message }, 'cannot save the ingest checkpoint');
    }
  }

  function confirm(position: WalPosition): void {
    if (comparePositions(position, confirmed) <= 0) return;
    confirmed = position;
    writer.confirm(position);
    const due = savedAt + options.checkpointMs - options.now();
    if (due <= 0) save();
    // Not left unsaved for long when no batch follows.
    else saveLater ??= setTimeout(saveLogged, due).unref();
    options.onTrimmed();
    for (let i = waiters.length - 1; i >= 0; i--) {
      const waiter = waiters[i];
      if (waiter && comparePositions(confirmed, waiter.target) >= 0) {
        waiters.splice(i, 1);
        waiter.resolve();
      }
    }
    if (waiters.length === 0) hurry = false;
  }

  async function store(built: BuiltBatch, from: WalPosition, end: WalPosition): Promise<void> {
    const started = options.now();
    const result = await retry(() => options.store.write(built.batch), retryOptions('store write'));
    const confirmed = options.now();
    metrics.writeMs.add(confirmed - started, confirmed);
    metrics.storeUp = true;
    const letters = refusedLetters(built, result.rejected, () => readAgain(from, end));
    if (letters.length > 0) {
      metrics.counters.refusedByStore += letters.length;
      metrics.counters.deadLettered += letters.length;
      const again = await retry(
        () => options.store.write({ deadLetters: letters }),
        retryOptions('store write'),
      );
      countLost(again.rejected.length + result.rejected.filter((r) => r.kind === 'deadLetters').length);
    } else countLost(result.rejected.length);
    if (options.onStored) {
      const onStored = options.onStored;
      await retry(async () => onStored(built.batch), retryOptions('onStored'));
    }
  }

  function countLost(lost: number): void {
    if (lost === 0) return;
    metrics.counters.lost += lost;
    logger.error({ lost }, 'the store refused dead letters; they are only in this log line');
  }

  function record(built: BuiltBatch, size: number): void {
    const { counters } = metrics;
    counters.accepted += built.accepted;
    counters.deadLettered += built.deadLettered;
    counters.retainedSkipped += built.retainedSkipped;
    counters.written += size;
    counters.batches += 1;
    const now = options.now();
    metrics.batchSize.add(size, now);
    const { deskStates, doorCounts, deviceStatuses } = built.batch;
    for (const records of [deskStates, doorCounts, deviceStatuses]) {
      for (const r of records) metrics.lag.add(now - r.ts, now);
    }
  }

  async function run(): Promise<void> {
    if (options.checkpoint) {
      writer.trim(options.checkpoint);
      for (;;) {
        const warm = reader.read(options.maxBatch, options.checkpoint);
        if (warm.entries.length === 0) break;
        rememberOnly(warm.entries, options.context);
      }
    }
    let lastRead = options.maxBatch;
    while (!stop.signal.aborted) {
      await waitForWork(lastRead);
      if (stop.signal.aborted) break;
      pendingSince = undefined;
      const from = reader.position();
      const { built, read, end } = next();
      lastRead = read;
      if (built) {
        const { batch } = built;
        const size =
          batch.deskStates.length +
          batch.doorCounts.length +
          batch.deviceStatuses.length +
          batch.deadLetters.length;
        try {
          if (size > 0) await store(built, from, end);
        } catch (error) {
          if (error instanceof RetryAborted) break;
          throw error;
        }
        record(built, size);
      }
      confirm(end);
    }
  }

  /**
   * The next batch, built. The records read are dropped here, before the write is awaited: thousands
   * of them wait through every write, and each young-generation collection would copy them.
   */
  function next(): { built: BuiltBatch | undefined; read: number; end: WalPosition } {
    const torn = reader.torn();
    const raw = reader.read(options.maxBatch);
    metrics.counters.tornRecords += reader.torn() - torn;
    const built = raw.entries.length > 0 ? buildBatch(raw.entries, options.context) : undefined;
    return { built, read: raw.entries.length, end: raw.end };
  }

  /** The records of [from, end) again, from the files (only when the store refused some of them). */
  function readAgain(from: WalPosition, end: WalPosition): WalEntry[] {
    const again = openWalReader({ dir: options.dir, from, writerEnd: () => end, logger });
    try {
      return again.read(Number.POSITIVE_INFINITY).entries;
    } finally {
      again.close();
    }
  }

  const running = run().catch((error: Error) => {
    logger.fatal({ err: error.message }, 'ingest pipeline stopped');
  });

  return {
    /** New records are in the log. */
    wake(): void {
      pendingSince ??= options.now();
      wakeUp?.();
    },
    /** Resolves once everything appended so far is confirmed by the store. */
    flush(): Promise<void> {
      const target = writer.end();
      if (comparePositions(confirmed, target) >= 0) return Promise.resolve();
      hurry = true;
      wakeUp?.();
      return new Promise((resolve) => waiters.push({ target, resolve }));
    },
    confirmed: () => confirmed,
    /** Stops after the batch in flight; what is not confirmed stays in the log for the next start. */
    async close(): Promise<void> {
      stop.abort();
      wakeUp?.();
      await running;
      saveLogged();
      for (const waiter of waiters.splice(0)) waiter.resolve();
    },
  };
}

/** Dead letters for what the store refused, from the log record each came from. */
function refusedLetters(
  built: BuiltBatch,
  rejected: readonly RejectedRecord[],
  entries: () => readonly WalEntry[],
): DeadLetterRecord[] {
  const refused = rejected.filter(({ kind }) => kind !== 'deadLetters');
  if (refused.length === 0) return [];
  const read = entries();
  return refused.flatMap(({ kind, index, reason }) => {
    const at = (built.origins as Partial<Record<string, number[]>>)[kind]?.[index];
    const origin = at === undefined ? undefined : read[at];
    if (!origin) return [];
    return [{ ts: origin.receivedAt, topic: origin.topic, reason, payload: origin.payload.toString('utf8') }];
  });
}
