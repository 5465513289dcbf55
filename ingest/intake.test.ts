import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { type AddressInfo, createConnection, createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { type BrokerHandle, start as startBroker } from '../broker/index.ts';
import { DEMO_SITE_FILE, deskStateTopic, parseSite } from '../protocol/index.ts';
import { openSqliteStore } from '../store/sqlite-store.ts';
import type { Store } from '../store/store.ts';
import { waitFor } from '../test/wait-for.ts';
import { start } from './index.ts';
import { frameEnd, INCOMPLETE } from './mqtt-frames.ts';

// MQTT 3.1.1 (4.6) wants a subscriber's PUBACKs in the order its messages came. Intake takes most
// messages straight from the socket's bytes, but while the log is full they go through MQTT.js; the
// wire between ingest and the broker is recorded here to check the order across that change.

const site = parseSite(JSON.parse(readFileSync(DEMO_SITE_FILE, 'utf8')));

let broker: BrokerHandle;
let store: Store;
let walDir: string;
let wire: Server;

beforeEach(async () => {
  walDir = mkdtempSync(join(tmpdir(), 'prossima-intake-'));
  broker = await startBroker({
    port: 0,
    allowAnonymous: true,
    limits: { publishRate: 1e6, publishBurst: 1e6 },
  });
  store = await openSqliteStore({ file: ':memory:' });
});
afterEach(async () => {
  await broker.close();
  await store.close();
  await new Promise((resolve) => wire?.close(resolve));
  rmSync(walDir, { recursive: true, force: true });
});

/** A TCP relay to the broker that keeps the message ids of what went each way, by packet type. */
async function recordingRelay(target: string) {
  const ids = { publish: [] as number[], puback: [] as number[] };
  const { hostname, port } = new URL(target);
  const sockets = new Set<import('node:net').Socket>();
  wire = createServer((client) => {
    const upstream = createConnection({ host: hostname, port: Number(port) });
    sockets.add(client).add(upstream);
    upstream.on('data', collect(3, ids.publish));
    client.on('data', collect(4, ids.puback));
    client.pipe(upstream).pipe(client);
  });
  wire.on('close', () => {
    for (const s of sockets) s.destroy();
  });
  await new Promise<void>((resolve) => wire.listen(0, '127.0.0.1', resolve));
  return { url: `mqtt://127.0.0.1:${(wire.address() as AddressInfo).port}`, ids };
}

/** Reads whole packets from a direction's bytes and keeps the message id of those of `type`. */
function collect(type: number, into: number[]) {
  let pending = Buffer.alloc(0);
  const need = { bytes: 0 };
  return (chunk: Buffer) => {
    pending = Buffer.concat([pending, chunk]);
    let at = 0;
    for (let end = frameEnd(pending, at, need); end !== INCOMPLETE; end = frameEnd(pending, at, need)) {
      if ((pending[at] as number) >> 4 === type) {
        // PUBLISH: the id follows the topic (QoS 1 here); PUBACK: it is the whole variable header.
        const idAt = type === 3 ? at + 4 + pending.readUInt16BE(at + 2) : at + 2;
        into.push(pending.readUInt16BE(idAt));
      }
      at = end;
    }
    pending = pending.subarray(at);
  };
}

it('acknowledges messages in the order they came, also across a hold at the disk budget', async () => {
  const relay = await recordingRelay(broker.url);
  let storeUp = false;
  const gated: Store = {
    ...store,
    write: async (batch) => {
      if (!storeUp) throw new Error('store down');
      return store.write(batch);
    },
  };
  const ingest = await start({
    mqttUrl: relay.url,
    sites: [site],
    store: gated,
    clientId: 'ordered',
    walDir,
    walSegmentBytes: 16 * 1024,
    walMaxBytes: 48 * 1024,
    retryBaseMs: 20,
    retryMaxMs: 100,
    statsIntervalMs: 0,
  });
  const sensor = await mqtt.connectAsync(broker.url, { clientId: 'sensor' });
  const T = Date.now() - 60_000;
  const sent = Array.from({ length: 3000 }, (_, i) =>
    sensor.publishAsync(
      deskStateTopic('demo', 'a-02'),
      JSON.stringify({ occupied: i % 2 === 0, ts: T + i }),
      {
        qos: 1,
      },
    ),
  );
  await waitFor(() => ingest.stats().gauges.backPressure === 1, 'the hold');
  storeUp = true;
  await Promise.all(sent);
  await waitFor(() => ingest.stats().counters.received === 3000, 'every message', 15_000);
  await ingest.flush();
  await waitFor(() => relay.ids.puback.length === 3000, 'every PUBACK');
  expect(relay.ids.publish).toHaveLength(3000);
  expect(relay.ids.puback).toEqual(relay.ids.publish);
  expect(await store.deskStates({ site: 'demo', from: T, to: T + 10_000 })).toHaveLength(3000);
  expect(ingest.stats().counters.backPressureEvents).toBeGreaterThan(0);
  await sensor.endAsync();
  await ingest.close();
});
