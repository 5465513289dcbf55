// The ingest worker: the only path from sensors to history. It subscribes to the broker,
// validates every message against the wire contract, and writes records to the store in batches.
import mqtt, { type MqttClient } from 'mqtt';
import { type Logger, pino } from 'pino';
import { z } from 'zod';
import { indexSite, type Site, type SiteIndex, siteFilter } from '../protocol/index.ts';
import type { Store } from '../store/store.ts';
import { createBatcher } from './batcher.ts';
import { dispatch } from './dispatch.ts';

export const ingestOptionsSchema = z.object({
  mqttUrl: z.string().min(1),
  mqttUsername: z.string().optional(),
  mqttPassword: z.string().optional(),
  /** A fixed client id with a persistent session, so the broker queues what arrives while ingest is down. */
  clientId: z.string().min(1).default('prossima-ingest'),
  /** Only these sites' topics; every site in `sites` when omitted. Lets several workers split the load. */
  topicSites: z.array(z.string()).optional(),
  maxBatch: z.number().int().positive().default(5000),
  maxWaitMs: z.number().int().positive().default(200),
  maxPending: z.number().int().positive().default(200_000),
  maxFutureMs: z
    .number()
    .int()
    .nonnegative()
    .default(5 * 60_000),
  retryBaseMs: z.number().int().positive().default(250),
  retryMaxMs: z.number().int().positive().default(30_000),
});

export type IngestOptions = z.input<typeof ingestOptionsSchema> & {
  sites: readonly Site[];
  store: Store;
  logger?: Logger;
  now?: () => number;
};

export type IngestStats = {
  received: number;
  accepted: number;
  deadLettered: number;
  /** Retained replays without a timestamp: already stored when they first arrived. */
  retainedSkipped: number;
  written: number;
  writeErrors: number;
  dropped: number;
  pending: number;
  batches: number;
};

export type IngestHandle = {
  stats(): IngestStats;
  /** Resolves once everything accepted so far is in the store. */
  flush(): Promise<void>;
  close(): Promise<void>;
};

/**
 * Starts an ingest worker.
 * @example const ingest = await start({ mqttUrl: broker.url, sites, store }); await ingest.close();
 */
export async function start(options: IngestOptions): Promise<IngestHandle> {
  const config = ingestOptionsSchema.parse(options);
  const logger = options.logger ?? pino({ level: 'silent' });
  const now = options.now ?? Date.now;
  const sites = new Map<string, SiteIndex>(options.sites.map((s) => [s.id, indexSite(s)]));
  const batcher = createBatcher({ ...config, store: options.store, logger });
  const counts = { received: 0, accepted: 0, deadLettered: 0, retainedSkipped: 0 };

  const client = mqtt.connect(config.mqttUrl, {
    clientId: config.clientId,
    clean: false,
    username: config.mqttUsername,
    password: config.mqttPassword,
    reconnectPeriod: 1000,
  });
  client.on('error', (error) => logger.warn({ err: error.message }, 'mqtt error'));
  client.on('message', (topic, payload, packet) => {
    counts.received += 1;
    const result = dispatch(topic, payload, { sites, now: now(), maxFutureMs: config.maxFutureMs });
    if (!result.ok) {
      counts.deadLettered += 1;
      logger.warn({ topic, reason: result.deadLetter.reason }, 'message set aside');
      batcher.addDeadLetter(result.deadLetter);
      return;
    }
    if (packet.retain && hasNoTimestamp(payload)) {
      counts.retainedSkipped += 1;
      return;
    }
    counts.accepted += 1;
    batcher.add(result.accepted);
  });

  await subscribe(
    client,
    (config.topicSites ?? [undefined]).map((site) => siteFilter(site)),
  );
  logger.info({ clientId: config.clientId, sites: [...sites.keys()] }, 'ingest subscribed');

  return {
    stats: () => ({ ...counts, ...batcher.stats() }),
    flush: () => batcher.flush(),
    close: async () => {
      await new Promise<void>((resolve) => client.end(false, {}, () => resolve()));
      await batcher.close();
    },
  };
}

async function subscribe(client: MqttClient, filters: string[]): Promise<void> {
  if (!client.connected) {
    await new Promise<void>((resolve, reject) => {
      client.once('connect', () => resolve());
      client.once('error', reject);
    });
  }
  await client.subscribeAsync(filters, { qos: 1 });
}

// Decoding already succeeded, so the payload is a JSON object; only `ts` matters here.
function hasNoTimestamp(payload: Buffer): boolean {
  return (JSON.parse(payload.toString('utf8')) as { ts?: unknown }).ts === undefined;
}
