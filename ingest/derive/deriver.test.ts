import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEMO_SITE_FILE, parseSite } from '../../protocol/index.ts';
import type { DeskStateRecord } from '../../store/records.ts';
import { openSqliteStore } from '../../store/sqlite-store.ts';
import { createDeriver } from './index.ts';

const site = parseSite(JSON.parse(readFileSync(DEMO_SITE_FILE, 'utf8')));
const MIN = 60_000;
const T = Date.UTC(2026, 10, 23, 8, 0); // Monday 09:00 in Rome
const at = (minutes: number) => T + minutes * MIN;
const desk = (id: string, zone: string, minute: number, occupied: boolean): DeskStateRecord => ({
  site: 'demo',
  desk: id,
  floor: 'ground',
  zone,
  ts: at(minute),
  occupied,
  seq: null,
});

async function setup() {
  const store = await openSqliteStore({ file: ':memory:' });
  const deriver = createDeriver({ store, sites: [site], now: () => at(120) });
  const write = async (deskStates: DeskStateRecord[]) => {
    await store.write({ deskStates });
    deriver.markStored({ deskStates });
    await deriver.run();
  };
  return { store, deriver, write };
}

describe('deriver', () => {
  it('turns stored desk reports into zone minutes and desk usage, as computed by hand', async () => {
    const { store, write } = await setup();
    await write([
      desk('a-01', 'open-a', 0, true),
      desk('a-02', 'open-a', 0, true),
      desk('a-02', 'open-a', 5, false),
      desk('a-01', 'open-a', 10, false),
    ]);
    const zone = await store.series('zoneMinutes', { site: 'demo', id: 'open-a', from: at(0), to: at(15) });
    expect(zone.map((m) => m.occupiedAvg)).toEqual([2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0]);
    expect(zone.map((m) => m.occupiedMax)).toEqual([2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0]);
    expect(zone.map((m) => m.knownAvg)).toEqual([2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2]);
    // a-02 stopped reporting at minute 5: known until 16, then unknown.
    const later = await store.series('zoneMinutes', { site: 'demo', id: 'open-a', from: at(15), to: at(23) });
    expect(later.map((m) => m.knownAvg)).toEqual([2, 1, 1, 1, 1, 1, 0, 0]);
    const usage = await store.series('deskUsage', { site: 'demo', id: 'a-01', from: at(0), to: at(30) });
    expect(usage.map((u) => [u.occupiedMs / MIN, u.knownMs / MIN, u.arrivals])).toEqual([
      [10, 15, 1],
      [0, 6, 0],
    ]);
    // The quarter sums the minutes: 5 minutes at 2 desks, 5 at 1, 5 at 0; all 15 known.
    const [quarter] = await store.series('zoneQuarters', {
      site: 'demo',
      id: 'open-a',
      from: at(0),
      to: at(15),
    });
    expect(quarter).toMatchObject({
      minutes: 15,
      occupiedSum: 15,
      knownSum: 30,
      usedMinutes: 10,
      occupiedMax: 2,
      occupiedMaxAt: at(0),
    });
    // Desk days: 09:00–09:15 is open on a Monday, so open and whole-day sums agree here.
    const [day] = await store.series('deskDays', { site: 'demo', id: 'a-01', from: at(-540), to: at(900) });
    expect(day).toMatchObject({
      openOccupiedMs: 10 * MIN,
      openKnownMs: 21 * MIN,
      openArrivals: 1,
      occupiedMs: 10 * MIN,
      knownMs: 21 * MIN,
    });
    const siteMinutes = await store.series('siteMinutes', { site: 'demo', from: at(0), to: at(1) });
    expect(siteMinutes).toEqual([
      { site: 'demo', ts: at(0), occupiedAvg: 2, occupiedMax: 2, knownAvg: 2, headcount: 0 },
    ]);
  });

  it('recomputes when a late report arrives, and a duplicate changes nothing', async () => {
    const { store, write } = await setup();
    await write([desk('b-01', 'open-b', 0, true), desk('b-01', 'open-b', 10, false)]);
    const before = await store.series('deskUsage', { site: 'demo', id: 'b-01', from: at(0), to: at(15) });
    expect(before[0]?.occupiedMs).toBe(10 * MIN);
    // A report from minute 4, delayed: the desk was free from 4 to 10.
    await write([desk('b-01', 'open-b', 4, false)]);
    const after = await store.series('deskUsage', { site: 'demo', id: 'b-01', from: at(0), to: at(15) });
    expect(after[0]?.occupiedMs).toBe(4 * MIN);
    await write([desk('b-01', 'open-b', 4, false), desk('b-01', 'open-b', 0, true)]);
    expect(await store.series('deskUsage', { site: 'demo', id: 'b-01', from: at(0), to: at(15) })).toEqual(
      after,
    );
  });

  it('gives the door headcount per minute', async () => {
    const { store, deriver } = await setup();
    const doorCounts = [
      { site: 'demo', door: 'main', floor: 'ground', ts: at(1) + 5000, in: 4, out: 0, seq: 1 },
      { site: 'demo', door: 'garden', floor: 'ground', ts: at(2) + 5000, in: 1, out: 2, seq: 1 },
    ];
    await store.write({ doorCounts });
    deriver.markStored({ doorCounts });
    await deriver.run();
    const minutes = await store.series('siteMinutes', { site: 'demo', from: at(0), to: at(4) });
    expect(minutes.map((m) => m.headcount)).toEqual([0, 4, 3, 3]);
  });
});
