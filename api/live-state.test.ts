import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEMO_SITE_FILE, type Message, parseSite } from '../protocol/index.ts';
import { createLiveState } from './live-state.ts';

const site = parseSite(JSON.parse(readFileSync(DEMO_SITE_FILE, 'utf8')));
const NINE = Date.UTC(2026, 10, 25, 8, 0); // 09:00 in Rome
const MIN = 60_000;

const desk = (id: string, occupied: boolean, ts?: number): Message => ({
  kind: 'desk-state',
  site: 'demo',
  desk: id,
  payload: ts === undefined ? { occupied } : { occupied, ts },
});
const door = (id: string, inCount: number, out: number, ts?: number): Message => ({
  kind: 'door-count',
  site: 'demo',
  door: id,
  payload: ts === undefined ? { in: inCount, out } : { in: inCount, out, ts },
});
const fresh = () => createLiveState({ sites: [site], offlineAfterMs: 11 * MIN });

describe('live state', () => {
  it('starts with every desk unknown, never free', () => {
    const view = fresh().view('demo', NINE);
    expect(view?.totals).toEqual({
      desks: 40,
      occupied: 0,
      away: 0,
      free: 0,
      offline: 0,
      unknown: 40,
      capacity: 48,
    });
  });

  it('shows a desk occupied since its report, and counts it in its zone and floor', () => {
    const state = fresh();
    const events = state.apply(desk('a-01', true, NINE), NINE + 100);
    expect(events).toEqual([
      {
        kind: 'desk',
        site: 'demo',
        desk: { id: 'a-01', zone: 'open-a', floor: 'ground', state: 'occupied', since: NINE, lastSeen: NINE },
      },
    ]);
    const view = state.view('demo', NINE + MIN);
    expect(view?.zones.find((z) => z.id === 'open-a')).toMatchObject({
      occupied: 1,
      unknown: 15,
      capacity: 16,
    });
    expect(view?.floors.find((f) => f.id === 'ground')).toMatchObject({
      occupied: 1,
      desks: 22,
      capacity: 24,
    });
  });

  it('keeps "since" through heartbeats and says nothing new for them', () => {
    const state = fresh();
    state.apply(desk('a-01', true, NINE), NINE);
    expect(state.apply(desk('a-01', true, NINE + 5 * MIN), NINE + 5 * MIN)).toEqual([]);
    expect(state.view('demo', NINE + 6 * MIN)?.desks[0]).toMatchObject({
      since: NINE,
      lastSeen: NINE + 5 * MIN,
    });
  });

  it('never lets a late, older report move a desk backwards', () => {
    const state = fresh();
    state.apply(desk('a-01', false, NINE + 2 * MIN), NINE + 2 * MIN);
    expect(state.apply(desk('a-01', true, NINE + MIN), NINE + 3 * MIN)).toEqual([]);
    expect(state.view('demo', NINE + 3 * MIN)?.desks[0]?.state).toBe('free');
  });

  it('turns a desk offline when its sensor falls silent or its last will arrives', () => {
    const state = fresh();
    state.apply(desk('a-01', true, NINE), NINE);
    state.apply(desk('a-02', false, NINE), NINE);
    expect(state.sweep(NINE + 10 * MIN)).toHaveLength(0);
    const silent = state.sweep(NINE + 12 * MIN);
    expect(silent.map((e) => (e.kind === 'desk' ? [e.desk.id, e.desk.state] : []))).toEqual([
      ['a-01', 'offline'],
      ['a-02', 'offline'],
    ]);
    state.apply(desk('a-01', true, NINE + 13 * MIN), NINE + 13 * MIN);
    const will: Message = {
      kind: 'device-status',
      site: 'demo',
      device: 'ds-a-01',
      payload: { online: false },
    };
    expect(state.apply(will, NINE + 14 * MIN)).toMatchObject([{ desk: { id: 'a-01', state: 'offline' } }]);
  });

  it('counts people in minus out from the doors, once per report, never below zero', () => {
    const state = fresh();
    state.apply(door('main', 5, 0, NINE), NINE);
    state.apply(door('main', 5, 0, NINE), NINE); // redelivered
    state.apply(door('garden', 1, 2, NINE + MIN), NINE + MIN);
    expect(state.view('demo', NINE + MIN)?.headcount).toMatchObject({ count: 4, in: 6, out: 2 });
    state.apply(door('main', 0, 9, NINE + 2 * MIN), NINE + 2 * MIN);
    expect(state.view('demo', NINE + 2 * MIN)?.headcount.count).toBe(0);
  });

  it('counts two reports without ts heard within one millisecond twice, as ingest stores them', () => {
    const state = fresh();
    state.apply(door('main', 2, 0), NINE);
    state.apply(door('main', 1, 0), NINE);
    state.apply(door('main', 1, 0), NINE + 1);
    expect(state.view('demo', NINE + 1)?.headcount).toMatchObject({ count: 4, in: 4 });
  });

  it('starts the headcount again at the daily reset, 04:00 in the site time zone', () => {
    const state = fresh();
    const evening = Date.UTC(2026, 10, 25, 19, 0);
    state.apply(door('main', 7, 2, evening), evening);
    const resetAt = Date.UTC(2026, 10, 26, 3, 0);
    const events = state.sweep(resetAt + 1000);
    expect(events).toEqual([
      {
        kind: 'headcount',
        site: 'demo',
        headcount: { count: 0, in: 0, out: 0, since: resetAt, calibration: null },
      },
    ]);
    // A report from before the reset, arriving late, belongs to yesterday.
    state.apply(door('main', 3, 0, resetAt - MIN), resetAt + 2000);
    expect(state.view('demo', resetAt + 2000)?.headcount.in).toBe(0);
  });
});
