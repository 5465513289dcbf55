import { afterEach, describe, expect, it } from 'vitest';
import { decodeMessage } from '../protocol/index.ts';
import { type SimHandle, type SimOptions, scaleSites, start } from './index.ts';
import { demoSite, subscriber, type TestBroker, testBroker, until } from './test-kit.ts';

const site = await demoSite();
// Wednesday 12 March 2025, 10:30 in Rome: the space is busy.
const MORNING = Date.UTC(2025, 2, 12, 9, 30);

const cleanup: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const close of cleanup.splice(0).reverse()) await close();
});

async function sim(
  broker: TestBroker,
  clock: { now: number },
  extra: Partial<SimOptions> = {},
): Promise<SimHandle> {
  const handle = await start({
    mqttUrl: broker.url,
    ...broker.sim,
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
    const broker = await testBroker([site], cleanup);
    const handle = await sim(broker, { now: MORNING });
    expect(handle.devices).toBe(42);
    expect(handle.seed).toBe(7);
    const seen = await subscriber(broker, cleanup);
    const retained = () => seen.filter((m) => m.retain);
    await until(() => retained().length >= 82, 'retained states and statuses');
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

  it('plays several sites at once, each device on its own connection', async () => {
    const sites = scaleSites([site], 84);
    const broker = await testBroker(sites, cleanup);
    const handle = await sim(broker, { now: MORNING }, { sites });
    expect(handle.devices).toBe(84);
    expect(broker.aedes.connectedClients).toBeGreaterThanOrEqual(84);
    const seen = await subscriber(broker, cleanup);
    await until(() => seen.filter((m) => m.retain).length >= 164, 'both sites retained');
    const sitesSeen = new Set(seen.map((m) => m.topic.split('/')[2]));
    expect(sitesSeen).toEqual(new Set(['demo', 'demo-2']));
  });

  it('reports door counts on their interval, not retained, stamped with simulated time when sped up', async () => {
    const broker = await testBroker([site], cleanup);
    const clock = { now: MORNING };
    const handle = await sim(broker, clock, { speed: 60 });
    const seen = await subscriber(broker, cleanup);
    const doorCounts = () => seen.filter((m) => m.topic.includes('/door/'));
    clock.now += 2_000; // two real seconds: two simulated minutes
    await until(() => doorCounts().length >= 4, 'four door counts');
    expect(doorCounts().every((m) => !m.retain && decodeMessage(m.topic, Buffer.from(m.payload)).ok)).toBe(
      true,
    );
    const stamps = doorCounts().map((m) => JSON.parse(m.payload).ts as number);
    expect(Math.max(...stamps)).toBeGreaterThan(clock.now);
    expect(Math.max(...stamps)).toBeLessThanOrEqual(MORNING + 120_000);
    expect(handle.stats().simulatedNow).toBe(MORNING + 120_000);
  });

  it('closes every connection quickly and cleanly: no last will fires', async () => {
    const broker = await testBroker([site], cleanup);
    const handle = await sim(broker, { now: MORNING });
    const seen = await subscriber(broker, cleanup);
    await until(() => seen.length >= 82, 'the first messages');
    const started = performance.now();
    await handle.close();
    expect(performance.now() - started).toBeLessThan(1000);
    await until(() => broker.aedes.connectedClients === 1, 'only the subscriber left');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(seen.filter((m) => m.payload.includes('"online":false'))).toEqual([]);
  });

  it('holds a target message rate with --rate and reports the rate it achieved', async () => {
    const broker = await testBroker([site], cleanup);
    const handle = await sim(broker, { now: MORNING }, { rate: 1500, now: Date.now });
    const seen = await subscriber(broker, cleanup);
    const before = seen.length;
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const heard = seen.length - before;
    expect(heard).toBeGreaterThan(900);
    expect(heard).toBeLessThan(2000);
    const { rate } = handle.stats();
    expect(rate?.target).toBe(1500);
    expect(rate?.achieved).toBeGreaterThan(600);
    expect(rate?.achieved).toBeLessThan(1900);
  });
});

describe('firmware sim start', () => {
  it('fails fast, naming the broker, when it cannot connect', async () => {
    await expect(start({ mqttUrl: 'mqtt://127.0.0.1:1', sites: [site] })).rejects.toThrow(/127\.0\.0\.1:1/);
  });

  it('fails fast when the broker refuses its credentials', async () => {
    const broker = await testBroker([site], cleanup);
    const started = performance.now();
    await expect(
      start({ mqttUrl: broker.url, mqttUsername: 'prossima-sim', mqttPassword: 'wrong', sites: [site] }),
    ).rejects.toThrow(/ds-a-01: cannot connect/);
    expect(performance.now() - started).toBeLessThan(3000);
  });
});
