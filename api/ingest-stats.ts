import mqtt, { type MqttClient } from 'mqtt';
import type { Logger } from 'pino';
import { z } from 'zod';
import { INGEST_STATS_FILTER } from '../protocol/index.ts';
import type { MetricFamily } from './prometheus-text.ts';

// What the ingest workers say about themselves: each publishes its figures retained on
// `prossima/sys/ingest/{clientId}/stats` (docs/ingest.md defines every one). The API keeps the latest
// of each worker for /api/ingest and /metrics; it knows ingest only through these messages.

const percentilesSchema = z
  .object({ count: z.number(), p50: z.number(), p99: z.number(), max: z.number() })
  .meta({ id: 'Percentiles' });

export const ingestWorkerSchema = z
  .object({
    clientId: z.string(),
    at: z.number().meta({ description: 'When the worker took these figures, epoch ms' }),
    startedAt: z.number(),
    counters: z.record(z.string(), z.number()).meta({ description: 'Totals since the worker started' }),
    gauges: z.record(z.string(), z.number()).meta({ description: 'Values now' }),
    lagMs: percentilesSchema.meta({
      description: 'Publish to stored, over the last 20,000 records of the last 10 minutes',
    }),
    batchSize: percentilesSchema.meta({
      description: 'Records per store write, over the last 1,000 writes of the last 10 minutes',
    }),
    // Optional: a worker of an earlier version keeps its retained stats until it reports again.
    writeMs: percentilesSchema.optional().meta({
      description:
        "Ms from a batch's write to the store's confirmation, retries included, over the last 1,000 writes of the last 10 minutes",
    }),
  })
  .meta({ id: 'IngestWorker' });

export type IngestWorker = z.infer<typeof ingestWorkerSchema>;

export type IngestStatsOptions = {
  mqttUrl: string;
  username?: string | undefined;
  password?: string | undefined;
  logger: Logger;
};

export type IngestStatsFeed = { workers(): IngestWorker[]; close(): Promise<void> };

/** Subscribes to every worker's stats and keeps the latest of each. */
export function subscribeIngestStats(options: IngestStatsOptions): IngestStatsFeed {
  const latest = new Map<string, IngestWorker>();
  const client: MqttClient = mqtt.connect(options.mqttUrl, {
    clientId: `prossima-api-ingest-stats-${Math.random().toString(16).slice(2, 10)}`,
    clean: true,
    username: options.username,
    password: options.password,
    reconnectPeriod: 2000,
  });
  client.on('connect', () => {
    client.subscribe(INGEST_STATS_FILTER, { qos: 0 }, (error) => {
      if (error) options.logger.warn({ err: error.message }, 'cannot subscribe to ingest stats');
    });
  });
  client.on('error', (error) => options.logger.debug({ err: error.message }, 'ingest stats connection'));
  client.on('message', (topic, payload) => {
    const clientId = topic.split('/')[3] ?? '';
    if (payload.length === 0) return void latest.delete(clientId);
    try {
      const parsed = ingestWorkerSchema.safeParse(JSON.parse(payload.toString('utf8')));
      if (parsed.success) latest.set(clientId, parsed.data);
    } catch {}
  });
  return {
    workers: () => [...latest.values()].sort((a, b) => (a.clientId < b.clientId ? -1 : 1)),
    close: () => client.endAsync(),
  };
}

/** The workers' figures as Prometheus metric families, labelled by `client_id`. */
export function ingestMetricFamilies(workers: readonly IngestWorker[], now: number): MetricFamily[] {
  const label = (w: IngestWorker) => ({ client_id: w.clientId });
  const names = (pick: (w: IngestWorker) => Record<string, number>) =>
    [...new Set(workers.flatMap((w) => Object.keys(pick(w))))].sort();
  const families: MetricFamily[] = [];
  for (const key of names((w) => w.counters)) {
    families.push({
      name: `prossima_ingest_${snake(key)}_total`,
      help: `Ingest ${key} since the worker started (docs/ingest.md)`,
      type: 'counter',
      samples: workers.flatMap((w) =>
        key in w.counters ? [{ labels: label(w), value: w.counters[key] ?? 0 }] : [],
      ),
    });
  }
  for (const key of names((w) => w.gauges)) {
    families.push({
      name: `prossima_ingest_${snake(key)}`,
      help: `Ingest ${key} now (docs/ingest.md)`,
      type: 'gauge',
      samples: workers.flatMap((w) =>
        key in w.gauges ? [{ labels: label(w), value: w.gauges[key] ?? 0 }] : [],
      ),
    });
  }
  const summary = (
    name: string,
    help: string,
    pick: (w: IngestWorker) => IngestWorker['lagMs'] | undefined,
  ) => ({
    name,
    help,
    type: 'gauge' as const,
    samples: workers.flatMap((w) => {
      const p = pick(w);
      if (!p) return [];
      return [
        { labels: { ...label(w), quantile: '0.5' }, value: p.p50 },
        { labels: { ...label(w), quantile: '0.99' }, value: p.p99 },
        { labels: { ...label(w), quantile: '1' }, value: p.max },
      ];
    }),
  });
  families.push(
    summary(
      'prossima_ingest_lag_ms',
      'Publish to stored, over the last 20,000 records of the last 10 minutes, ms',
      (w) => w.lagMs,
    ),
    summary(
      'prossima_ingest_batch_size',
      'Records per store write, over the last 1,000 writes of the last 10 minutes',
      (w) => w.batchSize,
    ),
    summary(
      'prossima_ingest_write_ms',
      "A batch's write to the store's confirmation, retries included, over the last 1,000 writes of the last 10 minutes, ms",
      (w) => w.writeMs,
    ),
    {
      name: 'prossima_ingest_stats_age_seconds',
      help: 'Seconds since the worker last reported (a dead worker keeps its last report)',
      type: 'gauge',
      samples: workers.map((w) => ({ labels: label(w), value: Math.max(0, (now - w.at) / 1000) })),
    },
  );
  return families;
}

function snake(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`).replace(/[^a-z0-9_]/g, '_');
}
