import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt, { type MqttClient } from 'mqtt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type BrokerHandle, start as startBroker } from '../broker/index.ts';
import { DEMO_SITE_FILE, deskStateTopic, parseSite } from '../protocol/index.ts';
import type { WriteBatch } from '../store/records.ts';
import { openSqliteStore } from '../store/sqlite-store.ts';
import type { Store } from '../store/store.ts';
import { waitFor } from '../test/wait-for.ts';
import { type IngestHandle, start } from './index.ts';

// How ingest groups events into store writes: whole batches under load (fewer, larger writes), and
// no extra wait under a light load. Small numbers stand in for the defaults (5,000 a batch, 50 ms
// linger, 100 ms to fill under load), and a generous fill time keeps the test steady on a slow box.

const site = parseSite(JSON.parse(readFileSync(DEMO_SITE_FILE, 'utf8')));
const desks = site.floors.flatMap((f) => f.zones.flatMap((z) => z.desks.map((d) => d.id)));
const T = Date.now() - 60_000;

describe('ingest batching', () => {
  let broker: BrokerHandle;
  let store: Store;
  let ingest: IngestHandle;
  let sensor: MqttClient;
  let walDir: string;
  const writes: number[] = [];
  let seq = 0;

  beforeEach(async () => {
    walDir = mkdtempSync(join(tmpdir(), 'prossima-batching-'));
    broker = await startBroker({
      port: 0,
      allowAnonymous: true,
      limits: { publishRate: 1e6, publishBurst: 1e6 },
    });
    const sqlite = await openSqliteStore({ file: ':memory:' });
    store = sqlite;
    const recording: Store = Object.create(sqlite);
    recording.write = (batch: WriteBatch) => {
      writes.push(batch.deskStates?.length ?? 0);
      return sqlite.write(batch);
    };
    writes.length = 0;
    ingest = await start({
      mqttUrl: broker.url,
      sites: [site],
      store: recording,
      clientId: 'batching',
      walDir,
      statsIntervalMs: 0,
      maxBatch: 100,
      maxWaitMs: 20,
      loadedWaitMs: 2_000,
    });
    sensor = await mqtt.connectAsync(broker.url, { clientId: 'batching-sensor' });
  });
  afterEach(async () => {
    await sensor.endAsync();
    await ingest.close();
    await broker.close();
    await store.close();
    rmSync(walDir, { recursive: true, force: true });
  });

  const publish = () => {
    const n = seq++;
    const desk = desks[n % desks.length] ?? 'a-01';
    return sensor.publishAsync(
      deskStateTopic('demo', desk),
      JSON.stringify({ occupied: n % 2 === 0, ts: T + n, seq: n }),
      {
        qos: 1,
      },
    );
  };
  const stored = (n: number) => waitFor(() => writes.reduce((a, b) => a + b, 0) >= n, `${n} stored`);

  it('under load, writes whole batches instead of one per linger', async () => {
    // A burst of 60, more than half a batch: the next batch waits to be whole.
    await Promise.all(Array.from({ length: 60 }, publish));
    await stored(60);
    // Then 100 events over about 400 ms: one linger (20 ms) would hold about 5 of them.
    for (let i = 0; i < 100; i++) {
      void publish();
      await new Promise((resolve) => setTimeout(resolve, 4));
    }
    await stored(160);
    // The writes after those that held the burst.
    let held = 0;
    let first = 0;
    while (held < 60) held += writes[first++] ?? 60;
    const after = writes.slice(first);
    expect(after.length).toBeLessThanOrEqual(3);
    expect(Math.max(...after)).toBeGreaterThanOrEqual(80);
  });

  it('after the load, a lone event is stored without waiting for a batch to fill', async () => {
    await Promise.all(Array.from({ length: 100 }, publish));
    await stored(100);
    const started = Date.now();
    await publish();
    await stored(101);
    // The fill time is 2 s here; a lone event goes out after the linger.
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
