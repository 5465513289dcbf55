import { createRecentValues, type Percentiles } from './recent-values.ts';

// What ingest counts, in one place: the handle's stats(), the retained MQTT stats message and, through
// the API, /api/ingest and /metrics all show these. Definitions are in docs/ingest.md.

export type IngestCounters = {
  /** Messages taken from the broker: appended to the log and acknowledged. */
  received: number;
  /** Valid messages handed to the store (replays after a restart included). */
  accepted: number;
  /** Messages set aside as dead letters: failed validation, or refused by the store. */
  deadLettered: number;
  /** Of those, records the store refused (e.g. an InfluxDB field type conflict). */
  refusedByStore: number;
  /** Dead letters the store refused too: logged, and the only records ingest gives up on. */
  lost: number;
  retainedSkipped: number;
  /** Redelivered copies without `ts` given their first copy's time (see seq-memory.ts). */
  repeats: number;
  /** Records the store confirmed (dead letters included). */
  written: number;
  batches: number;
  /** Store writes that failed and were retried. */
  retries: number;
  /** Log records torn by a crash or power cut, skipped. */
  tornRecords: number;
  /** Times the log reached its disk budget and ingest stopped taking messages. */
  backPressureEvents: number;
};

export type IngestGauges = {
  /** The log on disk, its confirmed tail included. */
  walBytes: number;
  /** Of which not yet confirmed by the store: what the disk budget limits. */
  walUnconfirmedBytes: number;
  walSegments: number;
  /** 1 while the last store write succeeded, 0 while writes are failing. */
  storeUp: number;
  /** 1 while ingest holds a message back because the log is at its budget. */
  backPressure: number;
  seqMemory: number;
};

export type IngestStats = {
  clientId: string;
  /** When these figures were taken, epoch ms. */
  at: number;
  startedAt: number;
  counters: IngestCounters;
  gauges: IngestGauges;
  /**
   * Publish (the event's own `ts`, else its arrival) to stored, over the last 20,000 records stored in
   * the last 10 minutes.
   */
  lagMs: Percentiles;
  /** Records per store write, over the last 1,000 writes of the last 10 minutes. */
  batchSize: Percentiles;
  /**
   * Ms from a batch's write to the store's confirmation as ingest reads it, retries included, over the
   * last 1,000 writes of the last 10 minutes: a lag that grows without it is ingest's; one that grows
   * with it is the store's answer or ingest's thread late to read it (on a busy box, mostly the latter:
   * docs/ingest.md).
   */
  writeMs: Percentiles;
};

/** How far back the percentiles look: recent enough to describe now at a quiet site too. */
const RECENT_MS = 10 * 60_000;

export function createIngestMetrics() {
  const counters: IngestCounters = {
    received: 0,
    accepted: 0,
    deadLettered: 0,
    refusedByStore: 0,
    lost: 0,
    retainedSkipped: 0,
    repeats: 0,
    written: 0,
    batches: 0,
    retries: 0,
    tornRecords: 0,
    backPressureEvents: 0,
  };
  return {
    counters,
    lag: createRecentValues(20_000, RECENT_MS),
    batchSize: createRecentValues(1_000, RECENT_MS),
    writeMs: createRecentValues(1_000, RECENT_MS),
    storeUp: true,
  };
}

export type IngestMetrics = ReturnType<typeof createIngestMetrics>;
