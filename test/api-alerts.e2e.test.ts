import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiHandle, createTokenStore, signWebhook, start } from '../api/index.ts';
import { type BrokerHandle, start as startBroker } from '../broker/index.ts';
import { DEMO_SITE_FILE, deviceStatusTopic, loadSites } from '../protocol/index.ts';
import { openSqliteStore } from '../store/sqlite-store.ts';
import type { Store } from '../store/store.ts';
import { readSse } from './sse-reader.ts';
import { waitFor } from './wait-for.ts';

const SECRET = 'a-webhook-secret-for-tests';
type Delivery = { headers: IncomingMessage['headers']; body: string; status: number };

/** A real HTTP receiver that fails the first two attempts, as a flaky endpoint would. */
async function flakyReceiver() {
  const deliveries: Delivery[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString();
    });
    req.on('end', () => {
      const status = deliveries.length < 2 ? 503 : 204;
      deliveries.push({ headers: req.headers, body, status });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return { url, deliveries, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('alerts over the stream and signed webhooks', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'prossima-alerts-'));
  let broker: BrokerHandle;
  let store: Store;
  let api: ApiHandle;
  let receiver: Awaited<ReturnType<typeof flakyReceiver>>;
  const manager = createTokenStore({ dataDir }).add('manager', 'e2e').token;

  beforeAll(async () => {
    broker = await startBroker({ port: 0, allowAnonymous: true });
    store = await openSqliteStore({ file: ':memory:' });
    receiver = await flakyReceiver();
    api = await start({
      port: 0,
      mqttUrl: broker.url,
      sites: await loadSites([DEMO_SITE_FILE]),
      store,
      dataDir,
      sweepMs: 50,
      webhooks: [receiver.url],
      webhookSecret: SECRET,
      webhookBaseDelayMs: 20,
    });
  });
  afterAll(async () => {
    await api.close();
    await receiver.close();
    await broker.close();
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('puts a low battery on the manager’s stream, not a member’s, and delivers it signed, retried, with one id', async () => {
    const forManager = readSse(
      await fetch(`${api.url}/api/sites/demo/live/stream`, {
        headers: { Authorization: `Bearer ${manager}` },
      }),
    );
    const forMember = readSse(await fetch(`${api.url}/api/sites/demo/live/stream`));
    const device = await mqtt.connectAsync(broker.url);
    await device.publishAsync(
      deviceStatusTopic('demo', 'ds-a-07'),
      JSON.stringify({ online: true, battery: 9 }),
      {
        qos: 1,
        retain: true,
      },
    );
    await device.endAsync();

    const alert = await waitFor(
      () => forManager.events.find((e) => e.event === 'alert'),
      'the alert event',
      2000,
    );
    const sent = JSON.parse(alert.data);
    expect(sent.alert).toMatchObject({
      type: 'battery-low',
      value: 9,
      subject: { kind: 'device', id: 'ds-a-07' },
    });

    await waitFor(() => receiver.deliveries.some((d) => d.status === 204), 'a successful delivery', 3000);
    expect(receiver.deliveries.map((d) => d.status)).toEqual([503, 503, 204]);
    const ids = new Set(receiver.deliveries.map((d) => d.headers['x-prossima-alert-id']));
    expect([...ids]).toEqual([sent.alert.id]);
    expect(receiver.deliveries.map((d) => d.headers['x-prossima-attempt'])).toEqual(['1', '2', '3']);
    for (const d of receiver.deliveries) {
      const timestamp = String(d.headers['x-prossima-timestamp']);
      expect(d.headers['x-prossima-signature']).toBe(signWebhook(SECRET, timestamp, d.body));
      expect(JSON.parse(d.body)).toEqual(sent.alert);
    }
    expect(forMember.events.some((e) => e.event === 'alert')).toBe(false);
    const listed = await fetch(`${api.url}/api/sites/demo/alerts`, {
      headers: { Authorization: `Bearer ${manager}` },
    });
    expect(await listed.json()).toMatchObject({ alerts: [{ id: sent.alert.id }] });
    await forManager.close();
    await forMember.close();
  });
});
