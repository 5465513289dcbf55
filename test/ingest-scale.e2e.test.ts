import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deskId, loadSite } from '../bench/ingest-site.ts';
import { start as startBroker } from '../broker/index.ts';
import { type IngestHandle, start as startIngest } from '../ingest/index.ts';
import { deskStateTopic, type Site } from '../protocol/index.ts';
import { openSqliteStore, type Store } from '../store/index.ts';
import { realPart } from './real-parts.ts';
import { waitFor } from './wait-for.ts';

// Two ingest workers on one broker: nothing lost, nothing doubled. aedes has no shared subscriptions,
// so there the workers split the sites; Mosquitto shares one subscription between them ($share).

const mosquitto = realPart('mosquitto', 'apt-get install mosquitto');
const T0 = Date.now() - 3_600_000;
const sa = loadSite('sa', 100);
const sb = loadSite('sb', 100);

describe('two ingest workers on one broker', () => {
  let walDir: string;
  let store: Store;
  beforeAll(async () => {
    walDir = mkdtempSync(join(tmpdir(), 'prossima-scale-'));
    store = await openSqliteStore({ file: ':memory:' });
  });
  afterAll(async () => {
    await store?.close();
    rmSync(walDir, { recursive: true, force: true });
  });

  const worker = (url: string, sites: Site[], clientId: string, scale: object) =>
    startIngest({ mqttUrl: url, sites, store, clientId, walDir, statsIntervalMs: 0, ...scale });

  const publish = async (url: string, site: string, count: number) => {
    const sensor = await mqtt.connectAsync(url, { clientId: `sensor-${site}-${Math.random()}` });
    for (let i = 0; i < count; i++) {
      const payload = JSON.stringify({ occupied: i % 2 === 0, ts: T0 + i, seq: i });
      await sensor.publishAsync(deskStateTopic(site, deskId(i % 100)), payload, { qos: 1 });
    }
    await sensor.endAsync();
  };

  const settle = async (workers: IngestHandle[], total: number) => {
    await waitFor(
      () => workers.reduce((n, w) => n + w.stats().counters.received, 0) >= total,
      'all messages',
    );
    await Promise.all(workers.map((w) => w.flush()));
    await new Promise((resolve) => setTimeout(resolve, 200)); // a doubled message would arrive here
    return workers.map((w) => w.stats().counters.received);
  };
  const rows = async (site: string) => (await store.deskStates({ site, from: T0, to: T0 + 10_000 })).length;

  it('splits the load by site on the embedded broker (aedes)', async () => {
    const broker = await startBroker({
      port: 0,
      allowAnonymous: true,
      limits: { publishRate: 1e6, publishBurst: 1e6 },
    });
    const workers = [
      await worker(broker.url, [sa, sb], 'split-a', { topicSites: ['sa'] }),
      await worker(broker.url, [sa, sb], 'split-b', { topicSites: ['sb'] }),
    ];
    await Promise.all([publish(broker.url, 'sa', 1000), publish(broker.url, 'sb', 600)]);
    expect(await settle(workers, 1600)).toEqual([1000, 600]);
    expect([await rows('sa'), await rows('sb')]).toEqual([1000, 600]);
    for (const w of workers) await w.close();
    await broker.close();
  });

  it.skipIf(!mosquitto.found)(
    'shares one subscription between two workers on Mosquitto ($share)',
    async () => {
      const { url, stop } = await startMosquitto(walDir);
      try {
        const workers = [
          await worker(url, [sa], 'share-a', { shareGroup: 'ingest' }),
          await worker(url, [sa], 'share-b', { shareGroup: 'ingest' }),
        ];
        await publish(url, 'sa', 2000);
        const received = await settle(workers, 2000);
        expect(received.reduce((a, b) => a + b, 0)).toBe(2000);
        expect(Math.min(...received)).toBeGreaterThan(0);
        expect(await rows('sa')).toBe(2000);
        for (const w of workers) await w.close();
      } finally {
        await stop();
      }
    },
  );
});

async function startMosquitto(dir: string): Promise<{ url: string; stop(): Promise<void> }> {
  const port = await freePort();
  const conf = join(dir, 'mosquitto.conf');
  writeFileSync(
    conf,
    `listener ${port} 127.0.0.1\nallow_anonymous true\npersistence false\nmax_queued_messages 0\n`,
  );
  const child: ChildProcess = spawn(mosquitto.found ? mosquitto.path : 'mosquitto', ['-c', conf], {
    stdio: 'ignore',
  });
  const url = `mqtt://127.0.0.1:${port}`;
  const up = () =>
    mqtt.connectAsync(url, { reconnectPeriod: 0, connectTimeout: 500 }).then(
      (c) => c.endAsync().then(() => true),
      () => false,
    );
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    await exited;
  };
  await waitFor(up, 'mosquitto').catch(async (error) => {
    await stop();
    throw error;
  });
  return { url, stop };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
