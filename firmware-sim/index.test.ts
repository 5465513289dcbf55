import type { Client } from 'aedes';
import mqtt from 'mqtt';
import { afterEach, describe, expect, it } from 'vitest';
import { type BrokerHandle, start as startBroker } from '../broker/index.ts';
import { DEMO_SITE_FILE, decodeMessage, loadSites, siteFilter } from '../protocol/index.ts';
import { type SimHandle, start } from './index.ts';

const [demo] = await loadSites([DEMO_SITE_FILE]);
if (!demo) throw new Error('demo site missing');
const site = demo;
// Wednesday 12 March 2025, 10:30 in Rome: the space is busy.
const MORNING = Date.UTC(2025, 2, 12, 9, 30);

type Seen = { topic: string; payload: string; retain: boolean };

const cleanup: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const close of cleanup.splice(0).reverse()) await close();
});

async function broker(): Promise<BrokerHandle & { clients: Map<string, Client> }> {
  const handle = await startBroker({ port: 0 });
  const clients = new Map<string, Client>();
  handle.aedes.on('client', (client) => clients.set(client.id, client));
  cleanup.push(() => handle.close());
  return { ...handle, clients };
}

async function subscriber(url: string): Promise<Seen[]> {
  const client = await mqtt.connectAsync(url, {
    clientId: `test-sub-${Math.random().toString(16).slice(2)}`,
  });
  cleanup.push(() => client.endAsync());
  const seen: Seen[] = [];
  client.on('message', (topic, payload, packet) =>
    seen.push({ topic, payload: payload.toString(), retain: packet.retain }),
  );
  await client.subscribeAsync(siteFilter('demo'), { qos: 1 });
  return seen;
}

async function until(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function sim(url: string, clock: { now: number }, extra: { speed?: number } = {}): Promise<SimHandle> {
  const handle = await start({
    mqttUrl: url,
    sites: [site],
    now: () => clock.now,
    tickMs: 20,
    seed: 7,
    ...extra,
  });
  cleanup.push(() => handle.close());
  return handle;
}

describe('firmware sim over a real broker', () => {
  it('leaves a retained state for all 40 desks and a status for every device, all valid', async () => {
    const { url } = await broker();
    const clock = { now: MORNING };
    const handle = await sim(url, clock);
    expect(handle.devices).toBe(42);
    expect(handle.seed).toBe(7);
    const seen = await subscriber(url);
    const retained = () => seen.filter((m) => m.retain);
    await until(() => retained().length >= 82);
    const decoded = seen.map((m) => decodeMessage(m.topic, Buffer.from(m.payload)));
    expect(decoded.filter((d) => !d.ok)).toEqual([]);
    const messages = decoded.flatMap((d) => (d.ok ? [d.message] : []));
    const desks = messages.filter((m) => m.kind === 'desk-state');
    expect(new Set(desks.map((m) => m.desk)).size).toBe(40);
    // At speed 1 timestamps are the (injected) real clock.
    expect(desks.every((m) => m.payload.ts === MORNING)).toBe(true);
    // Mid-morning on a Wednesday, the map is not all free.
    expect(desks.filter((m) => m.payload.occupied).length).toBeGreaterThan(10);
    const statuses = messages.filter((m) => m.kind === 'device-status');
    expect(new Set(statuses.map((m) => m.device)).size).toBe(42);
    expect(statuses.every((m) => m.payload.online)).toBe(true);
  });

  it('reports door counts on their interval, not retained, stamped with simulated time when sped up', async () => {
    const { url } = await broker();
    const clock = { now: MORNING };
    const handle = await sim(url, clock, { speed: 60 });
    const seen = await subscriber(url);
    const doorCounts = () => seen.filter((m) => m.topic.includes('/door/'));
    clock.now += 2_000; // two real seconds: two simulated minutes
    await until(() => doorCounts().length >= 4);
    expect(doorCounts().every((m) => !m.retain && decodeMessage(m.topic, Buffer.from(m.payload)).ok)).toBe(
      true,
    );
    const stamps = doorCounts().map((m) => JSON.parse(m.payload).ts as number);
    expect(Math.max(...stamps)).toBeGreaterThan(clock.now);
    expect(Math.max(...stamps)).toBeLessThanOrEqual(MORNING + 120_000);
    expect(handle.stats().simulatedNow).toBe(MORNING + 120_000);
  });

  it('closes every connection quickly and cleanly: no last will fires', async () => {
    const { url, aedes } = await broker();
    const handle = await sim(url, { now: MORNING });
    const seen = await subscriber(url);
    await until(() => seen.length >= 82);
    const started = performance.now();
    await handle.close();
    expect(performance.now() - started).toBeLessThan(1000);
    await until(() => aedes.connectedClients === 1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(seen.filter((m) => m.payload.includes('"online":false'))).toEqual([]);
  });

  it('comes back after a dropped connection, announcing itself with seq carried on', async () => {
    const { url, clients } = await broker();
    await sim(url, { now: MORNING });
    const seen = await subscriber(url);
    const deskTopic = 'prossima/v1/demo/desk/a-01/state';
    await until(() => seen.some((m) => m.topic === deskTopic));
    const before = JSON.parse(seen.find((m) => m.topic === deskTopic)?.payload ?? '{}').seq as number;
    clients.get('ds-a-01')?.close();
    // The broker publishes the will for the unclean drop; the device then reconnects and says it is back.
    await until(() => seen.some((m) => m.payload === '{"online":false}'));
    await until(() => seen.filter((m) => m.topic === deskTopic).length >= 2, 4000);
    const after = seen.filter((m) => m.topic === deskTopic).at(-1);
    expect(JSON.parse(after?.payload ?? '{}').seq).toBeGreaterThan(before);
    const status = seen.filter((m) => m.topic === 'prossima/v1/demo/device/ds-a-01/status').at(-1);
    expect(JSON.parse(status?.payload ?? '{}').online).toBe(true);
  });
});

describe('firmware sim start', () => {
  it('fails fast, naming the broker, when it cannot connect', async () => {
    await expect(start({ mqttUrl: 'mqtt://127.0.0.1:1', sites: [site] })).rejects.toThrow(/127\.0\.0\.1:1/);
  });
});
