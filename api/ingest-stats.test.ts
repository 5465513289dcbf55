import mqtt from 'mqtt';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { start as startBroker } from '../broker/index.ts';
import { waitFor } from '../test/wait-for.ts';
import { subscribeIngestStats } from './ingest-stats.ts';
import { prometheusText } from './prometheus-text.ts';
import { inProcessApi, TEN_AM } from './test-harness.ts';

const worker = (clientId: string, received: number) => ({
  clientId,
  at: TEN_AM - 4000,
  startedAt: TEN_AM - 60_000,
  counters: { received, written: received - 2, deadLettered: 1, retries: 3 },
  gauges: { walBytes: 4096, backPressure: 0 },
  lagMs: { count: 10, p50: 12, p99: 80, max: 95 },
  batchSize: { count: 3, p50: 4, p99: 5, max: 5 },
  writeMs: { count: 3, p50: 14, p99: 61, max: 61 },
});

describe('ingest figures in the API', () => {
  it('keeps the latest retained stats of each worker from the broker', async () => {
    const broker = await startBroker({ port: 0, allowAnonymous: true });
    const worker1 = await mqtt.connectAsync(broker.url, { clientId: 'w1' });
    await worker1.publishAsync('prossima/sys/ingest/w1/stats', JSON.stringify(worker('w1', 5)), {
      retain: true,
    });
    // From a worker of an earlier version, without `writeMs`: still shown.
    const { writeMs: _, ...earlier } = worker('w1', 9);
    await worker1.publishAsync('prossima/sys/ingest/w1/stats', JSON.stringify(earlier), { retain: true });
    await worker1.publishAsync('prossima/sys/ingest/w2/stats', 'not json', { retain: true });
    const feed = subscribeIngestStats({ mqttUrl: broker.url, logger: pino({ level: 'silent' }) });
    await waitFor(() => feed.workers()[0]?.counters.received === 9, 'the retained stats');
    expect(feed.workers().map((w) => w.clientId)).toEqual(['w1']);
    await feed.close();
    await worker1.endAsync();
    await broker.close();
  });

  it('serves them as JSON to a manager and as Prometheus text to a local scraper', async () => {
    const { writeMs: _, ...earlier } = worker('a', 7);
    const api = await inProcessApi({ ingestWorkers: () => [earlier, worker('b', 3)] });
    const json = await api.app.request('/api/ingest', api.manager);
    expect(json.status).toBe(200);
    expect(((await json.json()) as { workers: unknown[] }).workers).toHaveLength(2);
    expect((await api.app.request('/api/ingest', api.member)).status).toBe(403);
    const metrics = await api.app.request('/metrics', api.manager);
    expect(metrics.headers.get('content-type')).toMatch(/^text\/plain; version=0.0.4/);
    const text = await metrics.text();
    expect(text).toContain('# TYPE prossima_ingest_received_total counter');
    expect(text).toContain('prossima_ingest_received_total{client_id="a"} 7');
    expect(text).toContain('prossima_ingest_wal_bytes{client_id="b"} 4096');
    expect(text).toContain('prossima_ingest_lag_ms{client_id="a",quantile="0.99"} 80');
    expect(text).toContain('prossima_ingest_write_ms{client_id="b",quantile="0.5"} 14');
    expect(text).not.toContain('prossima_ingest_write_ms{client_id="a"');
    expect(text).toContain('prossima_ingest_stats_age_seconds{client_id="a"} 4');
    await api.close();
  });

  it('escapes label values and leaves out families without samples', () => {
    const text = prometheusText([
      { name: 'x_total', help: 'a\nb', type: 'counter', samples: [{ labels: { id: 'q"\\\n' }, value: 1 }] },
      { name: 'empty', help: 'none', type: 'gauge', samples: [] },
    ]);
    expect(text).toBe('# HELP x_total a\\nb\n# TYPE x_total counter\nx_total{id="q\\"\\\\\\n"} 1\n');
  });
});
