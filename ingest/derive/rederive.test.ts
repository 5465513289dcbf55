import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEMO_SITE_FILE, parseSite } from '../../protocol/index.ts';
import type { DeskStateRecord } from '../../store/records.ts';
import { openSqliteStore } from '../../store/sqlite-store.ts';
import { rederive } from './rederive.ts';

const site = parseSite(JSON.parse(readFileSync(DEMO_SITE_FILE, 'utf8')));
const MIN = 60_000;
const T = Date.UTC(2026, 10, 23, 8, 0); // Monday 09:00 in Rome
const state = (minute: number, occupied: boolean): DeskStateRecord => ({
  site: 'demo',
  desk: 'a-01',
  floor: 'ground',
  zone: 'open-a',
  ts: T + minute * MIN,
  occupied,
  seq: null,
});

describe('rederive', () => {
  it('derives again what the stored events touch, replacing what was there', async () => {
    const store = await openSqliteStore({ file: ':memory:' });
    // Events stored without their derived series, and a desk usage that disagrees with them.
    await store.write({ deskStates: [state(0, true), state(10, false), state(20, true)] });
    const wrong = { site: 'demo', floor: 'ground', zone: 'open-a', desk: 'a-01', ts: T };
    await store.write({ deskUsage: [{ ...wrong, occupiedMs: 0, knownMs: 0, arrivals: 0 }] });

    const from = T - 120 * MIN;
    const stats = await rederive({ store, sites: [site], from, to: T + 30 * MIN, now: () => T + 40 * MIN });

    const usage = await store.series('deskUsage', { site: 'demo', id: 'a-01', from: T, to: T + 30 * MIN });
    expect(usage.map((u) => [u.ts, u.occupiedMs / MIN, u.knownMs / MIN, u.arrivals])).toEqual([
      [T, 10, 15, 1],
      [T + 15 * MIN, 10, 15, 1],
    ]);
    const [minute] = await store.series('siteMinutes', { site: 'demo', from: T + 5 * MIN, to: T + 6 * MIN });
    expect(minute?.occupiedMax).toBe(1);
    // Only what the events touch, as ingest derives it: no empty buckets before the first event.
    expect(await store.series('siteQuarters', { site: 'demo', from, to: T })).toEqual([]);
    expect(stats.written).toBeGreaterThan(0);
    await store.close();
  });
});
