import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt, { type MqttClient } from 'mqtt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type BrokerHandle, start as startBroker } from '../broker/index.ts';
import {
  DEMO_SITE_FILE,
  deskStateTopic,
  doorCountTopic,
  parseSite,
  siteModelTopic,
} from '../protocol/index.ts';
import { openSqliteStore } from '../store/sqlite-store.ts';
import type { Store } from '../store/store.ts';
import { waitFor } from '../test/wait-for.ts';
import { type IngestHandle, start } from './index.ts';

const site = parseSite(JSON.parse(readFileSync(DEMO_SITE_FILE, 'utf8')));
const T = Date.now() - 60_000;
const range = { site: 'demo', from: T - 3_600_000, to: T + 3_600_000 };

describe('ingest', () => {
  let broker: BrokerHandle;
  let store: Store;
  let ingest: IngestHandle;
  let sensor: MqttClient;
  let walDir: string;
  const startIngest = (clientId: string) =>
    start({ mqttUrl: broker.url, sites: [site], store, clientId, walDir, statsIntervalMs: 0 });

  beforeEach(async () => {
    walDir = mkdtempSync(join(tmpdir(), 'prossima-ingest-'));
    broker = await startBroker({
      port: 0,
      allowAnonymous: true,
      limits: { publishRate: 1e6, publishBurst: 1e6 },
    });
    store = await openSqliteStore({ file: ':memory:' });
    ingest = await startIngest(`ingest-${Math.random()}`);
    sensor = await mqtt.connectAsync(broker.url, { clientId: 'test-sensor' });
  });
  afterEach(async () => {
    await sensor.endAsync();
    await ingest.close();
    await broker.close();
    await store.close();
    rmSync(walDir, { recursive: true, force: true });
  });

  const publish = (topic: string, payload: unknown) =>
    sensor.publishAsync(topic, typeof payload === 'string' ? payload : JSON.stringify(payload), { qos: 1 });

  it('stores desk states with their floor and zone, and door counts', async () => {
    await publish(deskStateTopic('demo', 'a-01'), { occupied: true, ts: T, seq: 1 });
    await publish(doorCountTopic('demo', 'main'), { in: 3, out: 1, ts: T });
    await waitFor(() => ingest.stats().counters.received === 2, 'two messages');
    await ingest.flush();
    expect(await store.deskStates(range)).toEqual([
      { site: 'demo', desk: 'a-01', floor: 'ground', zone: 'open-a', ts: T, occupied: true, seq: 1 },
    ]);
    expect(await store.doorCounts(range)).toEqual([
      { site: 'demo', door: 'main', floor: 'ground', ts: T, in: 3, out: 1, seq: null },
    ]);
    // …and the derived series reports read: the desk is occupied from T on, 2 people inside.
    const minute = Math.ceil(T / 60_000) * 60_000;
    const [derived] = await store.series('siteMinutes', { site: 'demo', from: minute, to: minute + 60_000 });
    expect(derived).toMatchObject({ occupiedAvg: 1, occupiedMax: 1, knownAvg: 1, headcount: 2 });
  });

  it('sets bad messages aside with their reason and keeps storing the good ones behind them', async () => {
    const bad: Array<[string, string]> = [
      [deskStateTopic('demo', 'a-01'), 'not json'],
      [deskStateTopic('demo', 'a-01'), '{"occupied":"yes"}'],
      [deskStateTopic('demo', 'nope'), '{"occupied":true}'],
      [deskStateTopic('elsewhere', 'a-01'), '{"occupied":true}'],
      [doorCountTopic('demo', 'main'), '{"in":-1,"out":0}'],
      [deskStateTopic('demo', 'a-01'), JSON.stringify({ occupied: true, ts: Date.now() + 86_400_000 })],
      ['prossima/v1/demo/desk/a-01/colour', '{}'],
    ];
    for (const [topic, payload] of bad) await publish(topic, payload);
    await publish(deskStateTopic('demo', 'a-02'), { occupied: true, ts: T });
    await waitFor(() => ingest.stats().counters.received === bad.length + 1, 'all messages');
    await ingest.flush();
    expect(ingest.stats().counters).toMatchObject({ deadLettered: bad.length, accepted: 1 });
    expect((await store.deskStates(range)).map((r) => r.desk)).toEqual(['a-02']);
    const letters = await store.deadLetters({ from: 0, to: Date.now() + 1000 });
    expect(letters.map((l) => l.reason)).toEqual([
      'payload is not valid JSON',
      'occupied: Invalid input: expected boolean, received string',
      'unknown desk "nope" in site "demo"',
      'unknown site "elsewhere"',
      'in: Too small: expected number to be >=0',
      expect.stringMatching(/too far in the future/),
      'unknown topic: prossima/v1/demo/desk/a-01/colour',
    ]);
    expect(letters[0]?.payload).toBe('not json');
  });

  it('sets aside as dead letters, with their topic and payload, the records the store refuses, and keeps the rest', async () => {
    await ingest.close();
    // A store that refuses the desk states with seq 2, as InfluxDB refuses lines of a partial write.
    const real = store;
    const refusing: Store = Object.create(real);
    refusing.write = async (batch) => {
      const refused = (batch.deskStates ?? []).flatMap((r, index) => (r.seq === 2 ? [index] : []));
      const result = await real.write({
        ...batch,
        deskStates: batch.deskStates?.filter((r) => r.seq !== 2),
      });
      return {
        rejected: [
          ...result.rejected,
          ...refused.map((index) => ({ kind: 'deskStates' as const, index, reason: 'field type conflict' })),
        ],
      };
    };
    ingest = await start({
      mqttUrl: broker.url,
      sites: [site],
      store: refusing,
      clientId: 'ingest-refused',
      walDir,
      statsIntervalMs: 0,
    });
    for (const seq of [1, 2, 3])
      await publish(deskStateTopic('demo', `a-0${seq}`), { occupied: true, ts: T, seq });
    await waitFor(() => ingest.stats().counters.received === 3, 'three messages');
    await ingest.flush();
    expect((await store.deskStates(range)).map((r) => r.seq)).toEqual([1, 3]);
    expect(await store.deadLetters({ from: 0, to: Date.now() + 1000 })).toMatchObject([
      {
        topic: deskStateTopic('demo', 'a-02'),
        reason: 'field type conflict',
        payload: JSON.stringify({ occupied: true, ts: T, seq: 2 }),
      },
    ]);
    expect(ingest.stats().counters).toMatchObject({ refusedByStore: 1, deadLettered: 1 });
  });

  it('follows a site edited through the API: a new desk is accepted without a restart', async () => {
    const edited = structuredClone(site);
    edited.floors[0]?.zones[0]?.desks.push({ id: 'a-99', label: 'A99', x: 500, y: 500 });
    await sensor.publishAsync(siteModelTopic('demo'), JSON.stringify(edited), { qos: 1, retain: true });
    await waitFor(async () => {
      await publish(deskStateTopic('demo', 'a-99'), { occupied: true, ts: T + 99 });
      await ingest.flush();
      return (await store.deskStates({ ...range, desk: 'a-99' })).length > 0;
    }, 'the new desk stored');
    expect((await store.deskStates({ ...range, desk: 'a-99' }))[0]).toMatchObject({
      zone: 'open-a',
      occupied: true,
    });
  });

  it('counts a duplicated report once', async () => {
    for (let i = 0; i < 3; i++)
      await publish(doorCountTopic('demo', 'main'), { in: 2, out: 0, ts: T, seq: 9 });
    await waitFor(() => ingest.stats().counters.received === 3, 'three messages');
    await ingest.flush();
    const counts = await store.doorCounts(range);
    expect(counts.reduce((sum, r) => sum + r.in, 0)).toBe(2);
  });

  it('receives what was published while it was down (persistent session)', async () => {
    await ingest.close();
    await publish(deskStateTopic('demo', 'b-01'), { occupied: true, ts: T + 1 });
    await publish(doorCountTopic('demo', 'garden'), { in: 1, out: 0, ts: T + 2 });
    ingest = await startIngest('ingest-persistent');
    await ingest.close();
    await publish(doorCountTopic('demo', 'garden'), { in: 4, out: 0, ts: T + 3 });
    ingest = await startIngest('ingest-persistent');
    await waitFor(() => ingest.stats().counters.received >= 1, 'the queued message');
    await ingest.flush();
    expect((await store.doorCounts(range)).map((r) => r.in)).toEqual([4]);
  });

  it('stays up through a flood of bad payloads, counting and keeping each, and stores the good ones', async () => {
    const bad = (i: number): [string, string | Buffer] => {
      switch (i % 5) {
        case 0:
          return [deskStateTopic('demo', 'a-01'), `{"occupied":`.repeat(1 + (i % 7)) + i];
        case 1:
          return [deskStateTopic('demo', 'a-01'), JSON.stringify({ occupied: 'yes', seq: i })];
        case 2:
          return [deskStateTopic('demo', `ghost-${i}`), JSON.stringify({ occupied: true })];
        case 3:
          return [doorCountTopic('demo', 'main'), `${'x'.repeat(10_000)}${i}`];
        default:
          return [deskStateTopic('demo', 'a-01'), Buffer.from([0xff, 0xfe, i % 256, 0x00])];
      }
    };
    for (let i = 0; i < 1500; i++) {
      const [topic, payload] = bad(i);
      await sensor.publishAsync(topic, payload, { qos: 1 });
      if (i % 15 === 0) await publish(deskStateTopic('demo', 'b-02'), { occupied: i % 2 === 0, ts: T + i });
    }
    await waitFor(() => ingest.stats().counters.received === 1600, 'every message', 15_000);
    await ingest.flush();
    expect(ingest.stats().counters).toMatchObject({ deadLettered: 1500, accepted: 100 });
    expect(await store.deskStates({ ...range, desk: 'b-02' })).toHaveLength(100);
    const letters = await store.deadLetters({ from: 0, to: Date.now() + 1000, limit: 5000 });
    expect(letters.length).toBeGreaterThan(1200); // identical letters in one millisecond are one
    const oversized = letters.find((l) => l.reason.startsWith('payload too large'));
    expect(oversized?.payload).toMatch(/… \[cut: 1000\d bytes in all\]$/);
  });

  it('leaves totals unchanged by duplicates and reordering, each event at its own time', async () => {
    const events = Array.from({ length: 200 }, (_, i) => ({
      in: (i % 3) + 1,
      out: i % 2,
      ts: T + i * 1000,
      seq: i,
    }));
    const shuffled = [...events, ...events].sort((a, b) => ((a.seq * 7919 + b.ts) % 13) - 6);
    for (const event of shuffled) await publish(doorCountTopic('demo', 'garden'), event);
    await waitFor(() => ingest.stats().counters.received === 400, 'every copy');
    await ingest.flush();
    const stored = await store.doorCounts({ ...range, door: 'garden' });
    expect(stored.map((r) => r.ts)).toEqual(events.map((e) => e.ts));
    expect(stored.reduce((sum, r) => sum + r.in, 0)).toBe(events.reduce((sum, e) => sum + e.in, 0));
  });

  it('publishes its figures, retained, for the API to read', async () => {
    const reporting = await start({
      mqttUrl: broker.url,
      sites: [site],
      store,
      clientId: 'reporter',
      walDir,
      statsIntervalMs: 50,
    });
    await publish(deskStateTopic('demo', 'a-03'), { occupied: true, ts: T });
    await waitFor(() => reporting.stats().counters.written === 1, 'the event stored');
    const reader = await mqtt.connectAsync(broker.url, { clientId: 'stats-reader' });
    const stats = new Promise<Record<string, unknown>>((resolve) =>
      reader.on('message', (_topic, payload) => {
        const parsed = JSON.parse(payload.toString()) as { counters: { written: number } };
        if (parsed.counters.written === 1) resolve(parsed);
      }),
    );
    await reader.subscribeAsync('prossima/sys/ingest/reporter/stats');
    expect(await stats).toMatchObject({ clientId: 'reporter', gauges: { storeUp: 1, backPressure: 0 } });
    await reader.endAsync();
    await reporting.close();
  });

  it("tells a slow store from a slow ingest: each write's time to the store's confirmation", async () => {
    await ingest.close();
    // The real store, answering each event write 80 ms late, as a busy InfluxDB may.
    const slow: Store = {
      ...store,
      write: async (batch) => {
        if (batch.deskStates?.length) await new Promise((resolve) => setTimeout(resolve, 80));
        return store.write(batch);
      },
    };
    ingest = await start({
      mqttUrl: broker.url,
      sites: [site],
      store: slow,
      clientId: 'slow',
      walDir,
      statsIntervalMs: 0,
    });
    for (let i = 0; i < 3; i++) {
      await publish(deskStateTopic('demo', 'a-02'), { occupied: i % 2 === 0, ts: Date.now() });
      await waitFor(() => ingest.stats().counters.received === i + 1, 'the event taken');
      await ingest.flush();
    }
    const { writeMs, lagMs, counters } = ingest.stats();
    expect(counters.batches).toBe(3);
    expect(writeMs.count).toBe(3);
    expect(writeMs.p50).toBeGreaterThanOrEqual(80);
    // Publish to stored includes the store's time.
    expect(lagMs.p50).toBeGreaterThanOrEqual(writeMs.p50);
  });

  it('keeps the days of events asked for: older ones are set aside, and expired from the store', async () => {
    const day = 86_400_000;
    const now = Date.now();
    const [first] = site.floors.flatMap((f) => f.zones.flatMap((z) => z.desks.map((d) => ({ d, z, f }))));
    if (!first) throw new Error('the demo site has desks');
    const at = (ts: number) => ({
      site: 'demo',
      floor: first.f.id,
      zone: first.z.id,
      desk: first.d.id,
      ts,
      occupied: true,
      seq: null,
    });
    // Already stored: an event past the 30 days kept (and the two days' margin), and one within.
    await store.write({ deskStates: [at(now - 40 * day), at(now - 10 * day)] });
    await ingest.close();
    ingest = await start({
      mqttUrl: broker.url,
      sites: [site],
      store,
      clientId: `keep-${Math.random()}`,
      walDir,
      statsIntervalMs: 0,
      keepEventsDays: 30,
    });
    const history = { site: 'demo', from: now - 50 * day, to: now };
    await waitFor(async () => (await store.deskStates(history)).length === 1, 'the old event expired');
    expect(await store.deskStates(history)).toEqual([at(now - 10 * day)]);

    await publish(deskStateTopic('demo', first.d.id), { occupied: false, ts: now - 31 * day, seq: 9 });
    const letters = await waitFor(async () => {
      const stored = await store.deadLetters({ from: now - day, to: Date.now() + 1000 });
      return stored.length > 0 && stored;
    }, 'a dead letter');
    expect(letters.map((l) => l.reason)).toEqual([
      expect.stringMatching(/older than the 30 days of events kept/),
    ]);
  });

  it('after days down, keeps the history the log it left behind still needs', async () => {
    // Run 1 stores a desk taken 5 min before a quarter 29 days back, then cannot store it freed
    // 5 min into that quarter; it stops with that event in its log. Run 2 starts 3.5 days later, when
    // the first event is past the 30 days kept and their margin, and stores the one left.
    const day = 86_400_000;
    const quarter = 900_000;
    const q = Math.ceil((Date.now() - 29 * day) / quarter) * quarter;
    const taken = q - 300_000;
    const freed = q + 300_000;
    const desk = site.floors[0]?.zones[0]?.desks[0]?.id ?? 'a-01';
    const keeping = (clientId: string, offset: number, into: Store) =>
      start({
        mqttUrl: broker.url,
        sites: [site],
        store: into,
        clientId,
        walDir,
        statsIntervalMs: 0,
        keepEventsDays: 30,
        closeDrainMs: 0,
        now: () => Date.now() + offset,
      });
    await ingest.close();
    const clientId = `down-${Math.random()}`;
    const failing: Store = {
      ...store,
      write: (batch) =>
        batch.deskStates?.some((r) => r.ts === freed)
          ? Promise.reject(new Error('the store is down'))
          : store.write(batch),
    };
    ingest = await keeping(clientId, 0, failing);
    await publish(deskStateTopic('demo', desk), { occupied: true, ts: taken, seq: 1 });
    await waitFor(() => ingest.stats().counters.written === 1, 'the first event stored');
    await ingest.flush();
    await publish(deskStateTopic('demo', desk), { occupied: false, ts: freed, seq: 2 });
    await waitFor(() => ingest.stats().counters.retries > 0, 'a failed write');
    await ingest.close();

    // A store that takes its time to answer, as InfluxDB over HTTP does.
    const slow: Store = {
      ...store,
      write: async (batch) => {
        await new Promise((resolve) => setTimeout(resolve, 100));
        return store.write(batch);
      },
    };
    ingest = await keeping(clientId, 3.5 * day, slow);
    await waitFor(() => ingest.stats().counters.written === 1, 'the log replayed');
    await ingest.flush();
    const [usage] = await store.series('deskUsage', { site: 'demo', id: desk, from: q, to: q + quarter });
    // The desk was known all the quarter, taken for its first 5 minutes.
    expect(usage).toMatchObject({ knownMs: quarter, occupiedMs: 300_000 });
  });

  // Whole batches under load (fewer, larger writes), and no extra wait under a light load. Small
  // numbers stand in for the defaults (5,000 a batch, 50 ms linger, 100 ms to fill under load); a
  // generous fill time keeps the test steady on a slow box.
  describe('batching', () => {
    const writes: number[] = [];
    const desks = site.floors.flatMap((f) => f.zones.flatMap((z) => z.desks.map((d) => d.id)));
    let n = 0;
    beforeEach(async () => {
      await ingest.close();
      writes.length = 0;
      ingest = await start({
        mqttUrl: broker.url,
        sites: [site],
        store,
        onStored: (batch) => void writes.push(batch.deskStates?.length ?? 0),
        clientId: `batching-${Math.random()}`,
        walDir,
        statsIntervalMs: 0,
        maxBatch: 100,
        maxWaitMs: 20,
        loadedWaitMs: 2_000,
      });
    });
    const event = () => {
      n += 1;
      return publish(deskStateTopic('demo', desks[n % desks.length] ?? 'a-01'), {
        occupied: n % 2 === 0,
        ts: T + n,
        seq: n,
      });
    };
    const stored = (count: number) =>
      waitFor(() => writes.reduce((a, b) => a + b, 0) >= count, `${count} stored`);

    it('under load, writes whole batches instead of one per linger', async () => {
      // A burst of 60, more than half a batch: the next batch waits to be whole.
      await Promise.all(Array.from({ length: 60 }, event));
      await stored(60);
      // Then 100 events over about 400 ms: one linger (20 ms) would hold about 5 of them.
      for (let i = 0; i < 100; i++) {
        void event();
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

    it('after the load, stores a lone event without waiting for a batch to fill', async () => {
      await Promise.all(Array.from({ length: 100 }, event));
      await stored(100);
      const started = Date.now();
      await event();
      await stored(101);
      // The fill time is 2 s here; a lone event goes out after the linger.
      expect(Date.now() - started).toBeLessThan(1_000);
    });
  });
});
