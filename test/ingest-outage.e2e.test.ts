import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrokerHandle, start as startBroker } from '../broker/index.ts';
import { start as startIngest } from '../ingest/index.ts';
import { DEMO_SITE_FILE, doorCountTopic, parseSite } from '../protocol/index.ts';
import { openInfluxStore, type Store } from '../store/index.ts';
import { type InfluxdHandle, startInfluxd } from '../store/influxd-process.ts';
import { startTcpProxy, type TcpProxy } from './ingest-tcp-proxy.ts';
import { realPart } from './real-parts.ts';
import { waitFor } from './wait-for.ts';

// InfluxDB taken away mid-stream and given back: every published event ends up stored exactly once,
// and while it is away ingest keeps taking messages into its log, up to its budget and no further.

const influxd = realPart('influxd', 'apt-get install influxdb');
const site = parseSite(JSON.parse(readFileSync(DEMO_SITE_FILE, 'utf8')));
const T0 = Date.now() - 3_600_000;

describe.skipIf(!influxd.found)('ingest through an InfluxDB outage', () => {
  let server: InfluxdHandle;
  let proxy: TcpProxy;
  let broker: BrokerHandle;
  let store: Store;
  let sensor: MqttClient;
  let walDir: string;

  beforeAll(async () => {
    server = await startInfluxd();
    proxy = await startTcpProxy(server.url);
    broker = await startBroker({
      port: 0,
      allowAnonymous: true,
      limits: { publishRate: 1e6, publishBurst: 1e6 },
    });
    store = await openInfluxStore({ url: proxy.url, database: 'outage', timeoutMs: 2000 });
    sensor = await mqtt.connectAsync(broker.url, { clientId: 'outage-sensor' });
    walDir = mkdtempSync(join(tmpdir(), 'prossima-outage-'));
  });
  afterAll(async () => {
    await sensor?.endAsync();
    await store?.close();
    await broker?.close();
    await proxy?.close();
    await server?.close();
    rmSync(walDir, { recursive: true, force: true });
  });

  const count = (i: number, door = 'main') =>
    sensor.publishAsync(doorCountTopic('demo', door), JSON.stringify({ in: 1, out: 0, ts: T0 + i, seq: i }), {
      qos: 1,
    });
  const stored = async (door: string) => {
    const rows = await store.doorCounts({ site: 'demo', door, from: T0, to: T0 + 1_000_000 });
    return { rows: rows.length, people: rows.reduce((sum, r) => sum + r.in, 0) };
  };

  it('stores every event exactly once when InfluxDB stops and comes back mid-stream', async () => {
    const ingest = await startIngest({
      mqttUrl: broker.url,
      sites: [site],
      store,
      clientId: 'outage-1',
      walDir,
      retryBaseMs: 20,
      retryMaxMs: 200,
      statsIntervalMs: 0,
    });
    // influxd itself stops (SIGTERM, data kept) a third of the way in and starts again at two thirds.
    for (let i = 0; i < 3000; i++) {
      if (i === 1000) await server.pause();
      if (i === 2000) await server.resume();
      await count(i);
    }
    // The broker acknowledged every publish; the last of them may still be on their way to ingest.
    await waitFor(() => ingest.stats().counters.received === 3000, 'every message', 15_000);
    await ingest.flush();
    expect(await stored('main')).toEqual({ rows: 3000, people: 3000 });
    expect(ingest.stats().counters).toMatchObject({ received: 3000, accepted: 3000, deadLettered: 0 });
    expect(ingest.stats().counters.retries).toBeGreaterThan(0);
    await ingest.close();
  });

  it('holds messages back at its disk budget, and takes them again once the store returns', async () => {
    const ingest = await startIngest({
      mqttUrl: broker.url,
      sites: [site],
      store,
      clientId: 'outage-2',
      walDir,
      walSegmentBytes: 16 * 1024,
      walMaxBytes: 48 * 1024,
      retryBaseMs: 20,
      retryMaxMs: 100,
      statsIntervalMs: 0,
    });
    await proxy.cut();
    for (let i = 0; i < 2000; i++) await count(i, 'garden');
    await waitFor(() => ingest.stats().gauges.backPressure === 1, 'back-pressure');
    const { counters, gauges } = ingest.stats();
    expect(counters.received).toBeLessThan(2000);
    expect(gauges.walUnconfirmedBytes).toBeLessThan(48 * 1024 + 1024);
    await proxy.restore();
    await waitFor(() => ingest.stats().counters.received === 2000, 'the held messages', 15_000);
    await ingest.flush();
    expect(await stored('garden')).toEqual({ rows: 2000, people: 2000 });
    expect(ingest.stats().counters.backPressureEvents).toBeGreaterThan(0);
    await ingest.close();
  });
});
