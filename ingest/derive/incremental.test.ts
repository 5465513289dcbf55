import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_SITE_FILE, indexSite, parseSite } from '../../protocol/index.ts';
import { SERIES_NAMES } from '../../store/derived-series.ts';
import type { DeskStateRecord, DoorCountRecord } from '../../store/records.ts';
import { openSqliteStore } from '../../store/sqlite-store.ts';
import type { Store } from '../../store/store.ts';
import { createDeriver, type DeriverOptions } from './index.ts';
import { seededRandom } from './seeded-random.ts';

// The incremental deriver (events kept in memory) against a full recompute from the store: fed the
// same events, in order, late, duplicated, or across a restart, both must write the same series.

const site = parseSite(JSON.parse(readFileSync(DEMO_SITE_FILE, 'utf8')));
const desks = [...indexSite(site).desks.entries()];
const MIN = 60_000;
const T = Date.UTC(2026, 10, 23, 6, 0); // Monday 07:00 in Rome
const HOURS = 2;

type Event = { desk?: DeskStateRecord; door?: DoorCountRecord; arrives: number };

/** Two hours of a busy morning: state changes, heartbeats, silences, door counts; deterministic. */
function morning(seed: number): Event[] {
  const random = seededRandom(seed);
  const events: Event[] = [];
  for (const [desk, place] of desks) {
    let occupied = random() < 0.5;
    for (let ts = T + Math.floor(random() * 5 * MIN); ts < T + HOURS * 60 * MIN; ) {
      if (random() < 0.25) occupied = !occupied;
      const where = { site: 'demo', desk, floor: place.floor.id, zone: place.zone.id };
      events.push({ desk: { ...where, ts, occupied, seq: null }, arrives: ts });
      // Mostly heartbeats a few minutes apart; now and then a silence longer than the window.
      ts +=
        random() < 0.05 ? 15 * MIN + Math.floor(random() * 20 * MIN) : Math.floor((1 + random() * 4) * MIN);
    }
  }
  for (let ts = T; ts < T + HOURS * 60 * MIN; ts += Math.floor(random() * 6 * MIN) + 1000) {
    const door = random() < 0.5 ? 'main' : 'garden';
    const counts = { in: Math.floor(random() * 4), out: Math.floor(random() * 3) };
    events.push({ door: { site: 'demo', door, floor: 'ground', ts, ...counts, seq: null }, arrives: ts });
  }
  return events;
}

const byArrival = (a: Event, b: Event) => a.arrives - b.arrives;

/**
 * Feeds events in batches of five minutes of arrival time, running the deriver after each, until the
 * last event; `clock` is then the time of the last run.
 */
async function feed(
  store: Store,
  events: readonly Event[],
  options: Partial<DeriverOptions> & { start?: number; until?: number } = {},
) {
  let clock = options.start ?? T;
  const deriver = createDeriver({ store, sites: [site], now: () => clock, ...options });
  const sorted = [...events].sort(byArrival);
  const end = options.until ?? (sorted.at(-1)?.arrives ?? T) + 1;
  for (let at = clock, i = 0; at < end; at += 5 * MIN) {
    const deskStates: DeskStateRecord[] = [];
    const doorCounts: DoorCountRecord[] = [];
    for (; i < sorted.length && (sorted[i]?.arrives ?? 0) < at + 5 * MIN; i++) {
      const event = sorted[i] as Event;
      if (event.desk) deskStates.push(event.desk);
      if (event.door) doorCounts.push(event.door);
    }
    clock = at + 5 * MIN;
    await store.write({ deskStates, doorCounts });
    deriver.markStored({ deskStates, doorCounts });
    await deriver.run();
  }
  return { deriver, clock };
}

/** Every event written, then derived in one go by reading the store at `clock`: today's definition. */
async function fullRecompute(events: readonly Event[], clock: number) {
  const store = await openSqliteStore({ file: ':memory:' });
  const deskStates = events.flatMap((e) => (e.desk ? [e.desk] : []));
  const doorCounts = events.flatMap((e) => (e.door ? [e.door] : []));
  const deriver = createDeriver({ store, sites: [site], now: () => clock, incremental: false });
  await store.write({ deskStates, doorCounts });
  deriver.markStored({ deskStates, doorCounts });
  await deriver.run();
  return store;
}

/**
 * Every series up to the end of the events. Past it both derive only up to the offline window after
 * the clock of their last run, which differ: the incremental one ran as the events came.
 */
async function series(store: Store) {
  const range = { site: 'demo', from: T - 24 * 60 * MIN, to: T + HOURS * 60 * MIN };
  return Object.fromEntries(
    await Promise.all(SERIES_NAMES.map(async (n) => [n, await store.series(n, range)])),
  );
}

describe('incremental deriver', () => {
  it('derives events fed in order from memory, exactly as a full recompute does', async () => {
    const events = morning(1);
    const store = await openSqliteStore({ file: ':memory:' });
    const { deriver, clock } = await feed(store, events);
    const full = await series(await fullRecompute(events, clock));
    expect(full.zoneMinutes.length).toBeGreaterThan(HOURS * 60);
    expect(await series(store)).toEqual(full);
    // One read of the store when it started, one of the day's desk usage; every range after that
    // came from memory, and desk days were summed there.
    expect(deriver.stats()).toMatchObject({ memoryLoads: 1, fromStore: 0, dayLoads: 1 });
    expect(deriver.stats().fromMemory).toBeGreaterThanOrEqual(deriver.stats().runs);
    // Records that came out as last written were not written again, and the series are still exact.
    expect(deriver.stats().unchanged).toBeGreaterThan(deriver.stats().written / 4);
  });

  it('places late, reordered and repeated events exactly, reading the store only when it must', async () => {
    const events = morning(2);
    let n = 0;
    const delivered = events.flatMap((e) => {
      n += 1;
      // One event in 20 arrives 2–40 minutes late, one in 50 twice, one in 200 two hours late.
      if (n % 200 === 0) return [{ ...e, arrives: e.arrives + 120 * MIN }];
      if (n % 20 === 0) return [{ ...e, arrives: e.arrives + (2 + (n % 39)) * MIN }];
      if (n % 50 === 0) return [e, { ...e, arrives: e.arrives + 7 * MIN }];
      return [e];
    });
    const store = await openSqliteStore({ file: ':memory:' });
    const { deriver, clock } = await feed(store, delivered, { memoryMs: 90 * MIN });
    expect(await series(store)).toEqual(await series(await fullRecompute(events, clock)));
    const stats = deriver.stats();
    expect(stats.memoryLoads).toBeGreaterThan(1);
    expect(stats.fromStore).toBeGreaterThan(0);
    expect(stats.fromMemory).toBeGreaterThan(stats.fromStore);
  });

  it('takes a repeated event without reading the store again', async () => {
    const events = morning(3);
    const again = events.filter((_, i) => i % 10 === 0).map((e) => ({ ...e, arrives: e.arrives + 3 * MIN }));
    const store = await openSqliteStore({ file: ':memory:' });
    const { deriver, clock } = await feed(store, [...events, ...again]);
    expect(await series(store)).toEqual(await series(await fullRecompute(events, clock)));
    expect(deriver.stats()).toMatchObject({ memoryLoads: 1, fromStore: 0 });
  });

  it('picks up after a restart from its state file, ranges stored but not yet derived included', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'prossima-derive-'));
    try {
      const stateFile = join(dir, 'derive-state.json');
      const events = morning(4);
      const half = T + 90 * MIN;
      const store = await openSqliteStore({ file: ':memory:' });
      await feed(store, events, { stateFile, until: half });
      // Stored and marked, then the process died before deriving them.
      const crashed = createDeriver({ store, sites: [site], now: () => half + 10 * MIN, stateFile });
      const lost = events.filter((e) => e.arrives >= half && e.arrives < half + 10 * MIN);
      const batch = {
        deskStates: lost.flatMap((e) => (e.desk ? [e.desk] : [])),
        doorCounts: lost.flatMap((e) => (e.door ? [e.door] : [])),
      };
      await store.write(batch);
      crashed.markStored(batch);
      // As ingest does before it saves its checkpoint past these events.
      crashed.save();
      const rest = events.filter((e) => e.arrives >= half + 10 * MIN);
      const restarted = await feed(store, rest, { stateFile, start: half + 10 * MIN });
      const full = await fullRecompute(events, restarted.clock);
      expect(await series(store)).toEqual(await series(full));
      expect(restarted.deriver.stats().memoryLoads).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
