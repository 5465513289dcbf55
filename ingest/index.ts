// The ingest worker: the only path from sensors to history. Every message is appended to a local
// write-ahead log before the broker is acknowledged, then validated and written to the store in batches.
import { join } from 'node:path';
import type { MqttClient } from 'mqtt';
import { type Logger, pino } from 'pino';
import { z } from 'zod';
import { cachedTopicParser, indexSite, type Site, type SiteIndex, siteFilter } from '../protocol/index.ts';
import type { WriteBatch } from '../store/records.ts';
import type { Store } from '../store/store.ts';
import { startDeriveLoop } from './derive/derive-loop.ts';
import { createDeriver } from './derive/index.ts';
import { connectEvents } from './event-connection.ts';
import { startExpiry } from './expiry.ts';
import { createIngestMetrics, type IngestStats } from './ingest-metrics.ts';
import { attachIntake } from './intake.ts';
import type { PublishTaker } from './intake-socket.ts';
import { startPipeline } from './pipeline.ts';
import { createSeqMemory } from './seq-memory.ts';
import { startSideServices } from './side-services.ts';
import { openWal } from './wal-open.ts';

export { type RederiveOptions, rederive } from './derive/rederive.ts';
export type { IngestCounters, IngestGauges, IngestStats } from './ingest-metrics.ts';

const MiB = 1024 * 1024;

export const ingestOptionsSchema = z
  .object({
    mqttUrl: z.url(),
    mqttUsername: z.string().optional(),
    mqttPassword: z.string().optional(),
    /** A fixed client id with a persistent session, so the broker queues what arrives while ingest is down. */
    clientId: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'letters, digits, dot, dash and underscore')
      .default('prossima-ingest'),
    /** Only these sites' topics; every site when omitted. Lets several workers split the load. */
    topicSites: z.array(z.string()).optional(),
    /**
     * Subscribe as `$share/{shareGroup}/…`, so workers of one group share the messages (Mosquitto,
     * EMQX, HiveMQ; not the embedded aedes, which has no shared subscriptions: split by site there).
     */
    shareGroup: z
      .string()
      .regex(/^[^/+#]+$/, 'no /, + or #')
      .optional(),
    /** How often the derived series (ingest/derive/) catch up with what was stored; 0 turns them off. */
    deriveMs: z.number().int().nonnegative().default(2000),
    /** The log lives in `{walDir}/{clientId}`, so two workers never share one. */
    walDir: z.string().min(1).default('./data/ingest-wal'),
    /**
     * Disk budget of the records the store has not confirmed; past it ingest stops taking messages
     * and the broker keeps them. The confirmed tail (at most two segments) comes on top.
     */
    walMaxBytes: z
      .number()
      .int()
      .positive()
      .default(1024 * MiB),
    walSegmentBytes: z
      .number()
      .int()
      .positive()
      .default(16 * MiB),
    /** How often the log is fsynced: what a power cut can take (a process crash takes nothing). */
    walFsyncMs: z.number().int().positive().default(100),
    maxBatch: z.number().int().positive().default(5000),
    /** How long a batch may wait to fill once ingest has caught up with the log. */
    maxWaitMs: z.number().int().nonnegative().default(50),
    /**
     * Under load (the last batch at least half of maxBatch), how long a batch may wait, from its
     * first record, to fill up to maxBatch, if the rate so far fills it by then: fewer, larger writes
     * cost InfluxDB less per point. 0: off.
     */
    loadedWaitMs: z.number().int().nonnegative().default(100),
    maxFutureMs: z
      .number()
      .int()
      .nonnegative()
      .default(5 * 60_000),
    /**
     * Days of events (and dead letters) kept: older ones are set aside as they arrive, and deleted
     * from the store every hour (`expireEveryMs`); the derived series are kept. 0: all kept for ever.
     */
    keepEventsDays: z.number().int().nonnegative().default(0),
    expireEveryMs: z.number().int().positive().default(3_600_000),
    retryBaseMs: z.number().int().positive().default(250),
    retryMaxMs: z.number().int().positive().default(30_000),
    /** Messages without `ts` remembered to recognise a redelivered copy (see seq-memory.ts). */
    seqMemory: z.number().int().positive().default(50_000),
    /** How often the stats go out retained on `prossima/sys/ingest/{clientId}/stats`; 0 turns them off. */
    statsIntervalMs: z.number().int().nonnegative().default(5000),
    /** How often, at most, the checkpoint (how far the store confirmed the log) is saved. */
    checkpointMs: z.number().int().nonnegative().default(1000),
    /** On close, how long to keep writing what is in the log before leaving it for the next start. */
    closeDrainMs: z.number().int().nonnegative().default(2000),
  })
  .refine((o) => o.walMaxBytes >= 3 * o.walSegmentBytes, {
    path: ['walMaxBytes'],
    message: 'must be at least three segments (walSegmentBytes)',
  });

export type IngestOptions = z.input<typeof ingestOptionsSchema> & {
  sites: readonly Site[];
  store: Store;
  logger?: Logger;
  now?: () => number;
  random?: () => number;
  /**
   * Called with each batch once the store confirmed it, and awaited before the checkpoint moves past
   * it, so a crash in between calls it again for the same records after the restart (it must be
   * idempotent). A failure is retried like a store write. For the deriver, which marks what went stale.
   */
  onStored?: (batch: WriteBatch) => Promise<void> | void;
};

export type IngestHandle = {
  stats(): IngestStats;
  /** Resolves once everything taken from the broker so far is confirmed by the store, and derived. */
  flush(): Promise<void>;
  close(): Promise<void>;
};

/**
 * Starts an ingest worker.
 * @example const ingest = await start({ mqttUrl: broker.url, sites, store, walDir: './data/ingest-wal' });
 */
export async function start(options: IngestOptions): Promise<IngestHandle> {
  const config = ingestOptionsSchema.parse(options);
  const logger = options.logger ?? pino({ level: 'silent' });
  const now = options.now ?? Date.now;
  const startedAt = now();
  const sites = new Map<string, SiteIndex>(options.sites.map((s) => [s.id, indexSite(s)]));
  const wal = openWal({
    walDir: config.walDir,
    clientId: config.clientId,
    segmentBytes: config.walSegmentBytes,
    fsyncMs: config.walFsyncMs,
    // Four batches: the reader is rarely more than two behind the writer unless the store is down.
    tailRecords: 4 * config.maxBatch,
    logger,
  });
  const { dir, writer, reader, checkpoint } = wal;
  const metrics = createIngestMetrics();
  const { deriver, deriveLoop } = startDerivation(config, options, dir, logger, now);
  const memory = createSeqMemory(config.seqMemory);
  // Messages reach intake only once the event loop turns, after attachIntake below. Called for each
  // message: arguments passed on by name, as a rest parameter would make an array per call.
  let takePublish: PublishTaker = () => false;
  const client = connectEvents(config, logger, (socket, bytes, publish, end) =>
    takePublish(socket, bytes, publish, end),
  );
  const pipeline = startPipeline({
    ...config,
    dir,
    reader,
    writer,
    store: options.store,
    context: {
      sites,
      maxFutureMs: config.maxFutureMs,
      maxAgeMs: config.keepEventsDays * 86_400_000,
      memory,
      parseTopic: cachedTopicParser(),
    },
    checkpoint,
    random: options.random ?? Math.random,
    metrics,
    logger,
    now,
    onStored: async (batch) => {
      deriver?.markStored(batch);
      await options.onStored?.(batch);
    },
    onTrimmed: () => intake.release(),
    beforeCheckpoint: () => deriver?.save(),
  });
  // What the last run left in the log, stored and marked (a store that is down holds it back).
  const backlog = pipeline.flush();
  const intake = attachIntake({
    client,
    writer,
    budgetBytes: config.walMaxBytes,
    metrics,
    logger,
    now,
    onCommitted: pipeline.wake,
  });
  takePublish = intake.takePublish;

  const stats = (): IngestStats =>
    snapshot({ clientId: config.clientId, startedAt, now, metrics, memory, writer, intake });
  const side = startSideServices({
    mqttUrl: config.mqttUrl,
    username: config.mqttUsername,
    password: config.mqttPassword,
    clientId: config.clientId,
    statsIntervalMs: config.statsIntervalMs,
    stats,
    logger,
    onSite: (site) => {
      // The dispatcher reads this map on every message, so the new model applies to the next one.
      sites.set(site.id, indexSite(site));
      deriver?.putSite(site);
      logger.info({ site: site.id }, 'site model updated');
    },
  });

  const expiry = startExpiry({
    store: options.store,
    keepDays: config.keepEventsDays,
    everyMs: config.expireEveryMs,
    now,
    logger,
    oldestPending: deriver?.oldestPending,
    after: backlog,
  });

  const close = async () => {
    intake.detach();
    await client.endAsync();
    // What the log holds is safe; the wait only lets a store that answers take the last batch now.
    await withDeadline(pipeline.flush(), config.closeDrainMs);
    await pipeline.close();
    deriveLoop?.stop();
    await expiry.close();
    await deriver?.flush();
    await side.close();
    wal.close();
  };
  try {
    await subscribe(client, filters(config));
  } catch (error) {
    await close();
    throw error;
  }
  logger.info({ clientId: config.clientId, sites: [...sites.keys()], wal: dir }, 'ingest subscribed');

  return {
    stats,
    flush: async () => {
      await pipeline.flush();
      await deriver?.flush();
    },
    close,
  };
}

function filters(config: { topicSites?: string[] | undefined; shareGroup?: string | undefined }): string[] {
  const plain = (config.topicSites ?? [undefined]).map((site) => siteFilter(site));
  return config.shareGroup ? plain.map((filter) => `$share/${config.shareGroup}/${filter}`) : plain;
}

async function subscribe(client: MqttClient, filters: string[]): Promise<void> {
  if (!client.connected) {
    await new Promise<void>((resolve, reject) => {
      client.once('connect', () => resolve());
      client.once('error', reject);
    });
  }
  const granted = await client.subscribeAsync(filters, { qos: 1 });
  const refused = granted.filter((g) => g.qos === 128).map((g) => g.topic);
  if (refused.length > 0) throw new Error(`the broker refused the subscription to ${refused.join(', ')}`);
}

function snapshot(parts: {
  clientId: string;
  startedAt: number;
  now: () => number;
  metrics: ReturnType<typeof createIngestMetrics>;
  memory: ReturnType<typeof createSeqMemory>;
  writer: ReturnType<typeof openWal>['writer'];
  intake: ReturnType<typeof attachIntake>;
}): IngestStats {
  const { metrics, memory, writer, intake } = parts;
  const at = parts.now();
  return {
    clientId: parts.clientId,
    at,
    startedAt: parts.startedAt,
    counters: { ...metrics.counters, repeats: memory.repeats() },
    gauges: {
      walBytes: writer.bytes(),
      walUnconfirmedBytes: writer.unconfirmed(),
      walSegments: writer.segments(),
      storeUp: metrics.storeUp ? 1 : 0,
      backPressure: intake.holding() ? 1 : 0,
      seqMemory: memory.size(),
    },
    lagMs: metrics.lag.percentiles(at),
    batchSize: metrics.batchSize.percentiles(at),
    writeMs: metrics.writeMs.percentiles(at),
  };
}

/** The derived series' deriver and its loop, unless `deriveMs` is 0 (tests that do not look at them). */
function startDerivation(
  config: { deriveMs: number; shareGroup?: string | undefined },
  options: IngestOptions,
  dir: string,
  logger: Logger,
  now: () => number,
) {
  if (config.deriveMs <= 0) return { deriver: undefined, deriveLoop: undefined };
  const deriver = createDeriver({
    store: options.store,
    sites: options.sites,
    stateFile: join(dir, 'derive-state.json'),
    // A worker of a share group sees only its share of each site's events.
    incremental: config.shareGroup === undefined,
    logger,
    now,
  });
  return { deriver, deriveLoop: startDeriveLoop(deriver, config.deriveMs) };
}

async function withDeadline(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  await Promise.race([work, deadline]);
  clearTimeout(timer);
}
