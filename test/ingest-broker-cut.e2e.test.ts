import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrokerHandle, start as startBroker } from '../broker/index.ts';
import { start as startIngest } from '../ingest/index.ts';
import { DEMO_SITE_FILE, doorCountTopic, parseSite } from '../protocol/index.ts';
import { openSqliteStore, type Store } from '../store/index.ts';
import { startTcpProxy, type TcpProxy } from './ingest-tcp-proxy.ts';
import { waitFor } from './wait-for.ts';

// Ingest's own connection to the broker cut mid-stream and given back: it reconnects to its
// persistent session, and every published event ends up stored exactly once. The PUBACKs it held
// for a group when the cut came are lost with the socket, so the broker sends those messages again.

const site = parseSite(JSON.parse(readFileSync(DEMO_SITE_FILE, 'utf8')));
const T0 = Date.now() - 3_600_000;

describe('ingest when its connection to the broker is cut', () => {
  let broker: BrokerHandle;
  let proxy: TcpProxy;
  let store: Store;
  let sensor: MqttClient;
  let work: string;

  beforeAll(async () => {
    broker = await startBroker({
      port: 0,
      allowAnonymous: true,
      limits: { publishRate: 1e6, publishBurst: 1e6 },
    });
    proxy = await startTcpProxy(broker.url);
    work = mkdtempSync(join(tmpdir(), 'prossima-broker-cut-'));
    store = await openSqliteStore({ file: join(work, 'store.db') });
    sensor = await mqtt.connectAsync(broker.url, { clientId: 'cut-sensor' });
  });
  afterAll(async () => {
    await sensor?.endAsync();
    await store?.close();
    await proxy?.close();
    await broker?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('reconnects to its session and stores every event exactly once', async () => {
    const ingest = await startIngest({
      mqttUrl: proxy.url,
      sites: [site],
      store,
      clientId: 'cut-ingest',
      walDir: join(work, 'wal'),
      statsIntervalMs: 0,
    });
    const publish = (i: number) =>
      sensor.publishAsync(
        doorCountTopic('demo', 'main'),
        JSON.stringify({ in: 1, out: 0, ts: T0 + i, seq: i }),
        { qos: 1 },
      );
    for (let i = 0; i < 3000; i++) {
      if (i === 1000) await proxy.cut();
      if (i === 2000) await proxy.restore();
      await publish(i);
    }
    await waitFor(async () => (await people()).rows === 3000, 'every event stored', 15_000);
    await ingest.flush();
    expect(await people()).toEqual({ rows: 3000, people: 3000 });
    // Everything queued in the session while it was away came in after the reconnection.
    expect(ingest.stats().counters.received).toBeGreaterThanOrEqual(3000);
    await ingest.close();
  });

  async function people() {
    const rows = await store.doorCounts({ site: 'demo', door: 'main', from: T0, to: T0 + 1_000_000 });
    return { rows: rows.length, people: rows.reduce((sum, r) => sum + r.in, 0) };
  }
});
