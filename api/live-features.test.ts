import { afterEach, describe, expect, it } from 'vitest';
import type { Headcount, LiveSite, Message } from '../protocol/index.ts';
import { deskMessage, inProcessApi, TEN_AM } from './test-harness.ts';

const MIN = 60_000;
const door = (id: string, inCount: number, out: number, ts: number): Message => ({
  kind: 'door-count',
  site: 'demo',
  door: id,
  payload: { in: inCount, out, ts },
});

let api: Awaited<ReturnType<typeof inProcessApi>>;
afterEach(() => api?.close());

const live = async () =>
  (await (await api.app.request('/api/sites/demo/live', api.manager)).json()) as LiveSite;

describe('away: a desk just left is still held', () => {
  it('shows a vacated desk away for the grace period, then free, and says so on the stream', async () => {
    api = await inProcessApi();
    api.apply(deskMessage('a-01', true, TEN_AM - 30 * MIN));
    api.apply(deskMessage('a-01', false, TEN_AM - 5 * MIN));
    api.apply(deskMessage('a-02', false, TEN_AM - 5 * MIN)); // never occupied: free at once
    let view = await live();
    expect(view.desks.find((d) => d.id === 'a-01')).toMatchObject({ state: 'away', since: TEN_AM - 5 * MIN });
    expect(view.desks.find((d) => d.id === 'a-02')?.state).toBe('free');
    expect(view.zones.find((z) => z.id === 'open-a')).toMatchObject({ away: 1, free: 1, occupied: 0 });

    api.apply(deskMessage('a-01', false, TEN_AM + 5 * MIN)); // a heartbeat: still empty
    api.advance(10.5 * MIN);
    const changes = api.state.sweep(api.now());
    expect(changes).toContainEqual(
      expect.objectContaining({ kind: 'desk', desk: expect.objectContaining({ id: 'a-01', state: 'free' }) }),
    );
    view = await live();
    expect(view.desks.find((d) => d.id === 'a-01')).toMatchObject({ state: 'free', since: TEN_AM - 5 * MIN });
  });
});

describe('headcount calibration', () => {
  it('sets the count now, follows the doors from there, and records who set it', async () => {
    api = await inProcessApi();
    api.apply(door('main', 5, 0, TEN_AM - 20 * MIN));
    const post = (body: unknown, init: { headers?: Record<string, string> } = api.manager) =>
      api.app.request('/api/sites/demo/headcount', {
        method: 'POST',
        body: JSON.stringify(body),
        headers: { 'Content-Type': 'application/json', ...init.headers },
      });
    expect((await post({ count: 2 }, {})).status).toBe(401);
    expect((await post({ count: 2 }, api.member)).status).toBe(403);

    const set = await post({ count: 2, at: TEN_AM - 10 * MIN, note: 'walk-round' });
    expect(set.status).toBe(200);
    expect(((await set.json()) as Headcount).count).toBe(2);
    api.apply(door('main', 1, 0, TEN_AM - 5 * MIN));
    api.apply(door('garden', 4, 0, TEN_AM - 15 * MIN)); // late, from before the calibration
    expect((await live()).headcount).toEqual({
      count: 3,
      in: 10,
      out: 0,
      since: expect.any(Number),
      calibration: { at: TEN_AM - 10 * MIN, count: 2 },
    });
    const log = await (await api.app.request('/api/sites/demo/calibrations', api.manager)).json();
    expect(log).toMatchObject({ calibrations: [{ site: 'demo', count: 2, note: 'walk-round' }] });
    expect((log as { calibrations: Array<{ by: string }> }).calibrations[0]?.by).toMatch(/^t-/);

    const yesterday = await post({ count: 1, at: TEN_AM - 24 * 60 * MIN });
    expect(yesterday.status).toBe(400);
    expect(await yesterday.json()).toEqual({
      error: { status: 400, message: 'at: must be since today’s daily reset and not in the future' },
    });
  });
});

describe('free-desk finder', () => {
  it('lists free desks by zone with how long they have been free and until when they usually stay free', async () => {
    api = await inProcessApi();
    // a-01 was busy 12:00–13:00 on each of the last four Tuesdays, free at 11:00; a-04 never busy.
    const tuesdays = [1, 2, 3, 4].map((weeks) => TEN_AM - weeks * 7 * 24 * 60 * MIN);
    const bucket = (desk: string, ts: number, occupiedMs: number) => ({
      site: 'demo',
      floor: 'ground',
      zone: 'open-a',
      desk,
      ts,
      occupiedMs,
      knownMs: 15 * MIN,
      arrivals: 0,
    });
    await api.store.write({
      deskUsage: tuesdays.flatMap((tuesday) =>
        [0, 1, 2, 3, 4, 5, 6, 7].flatMap((q) => [
          bucket('a-01', tuesday + 60 * MIN + q * 15 * MIN, q >= 4 ? 15 * MIN : 0),
          bucket('a-04', tuesday + 60 * MIN + q * 15 * MIN, 0),
        ]),
      ),
    });
    for (const id of ['a-01', 'a-03', 'a-04']) {
      api.apply(deskMessage(id, false, TEN_AM - 40 * MIN));
      api.apply(deskMessage(id, false, TEN_AM - 2 * MIN)); // heartbeat
    }
    api.apply(deskMessage('a-02', true, TEN_AM - 40 * MIN));

    const response = await api.app.request('/api/sites/demo/free-desks'); // anonymous, local: member
    expect(response.status).toBe(200);
    const body = (await response.json()) as { free: number; zones: Array<{ id: string; desks: unknown[] }> };
    expect(body.free).toBe(3);
    const noon = Date.UTC(2026, 10, 24, 11, 0); // 12:00 in Rome
    const closing = Date.UTC(2026, 10, 24, 19, 0); // 20:00 in Rome
    expect(body.zones.find((z) => z.id === 'open-a')?.desks).toEqual([
      { id: 'a-01', label: 'A1', freeSince: TEN_AM - 40 * MIN, freeForMs: 40 * MIN, usuallyFreeUntil: noon },
      { id: 'a-03', label: 'A3', freeSince: TEN_AM - 40 * MIN, freeForMs: 40 * MIN, usuallyFreeUntil: null },
      {
        id: 'a-04',
        label: 'A4',
        freeSince: TEN_AM - 40 * MIN,
        freeForMs: 40 * MIN,
        usuallyFreeUntil: closing,
      },
    ]);
    expect(body.zones.find((z) => z.id === 'quiet')).toMatchObject({ free: 0, desks: [] });
  });
});

describe('open data', () => {
  it('serves aggregate counts and a typical week to any origin, cacheable, with no desk or device in it', async () => {
    api = await inProcessApi({ memberAccess: 'token' });
    api.apply(deskMessage('a-01', true, TEN_AM - MIN));
    api.apply(deskMessage('a-02', false, TEN_AM - MIN));
    api.apply(door('main', 3, 0, TEN_AM - MIN));
    const response = await api.app.request('/api/open/sites/demo', {
      headers: { Origin: 'https://comune.example' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('cache-control')).toBe('public, max-age=60');
    const body = (await response.json()) as { now: unknown; typical: unknown[] };
    expect(body.now).toEqual({
      desks: 40,
      inUse: 1,
      free: 1,
      deskShare: 0.5,
      people: 3,
      capacity: 48,
      peopleShare: 0.063,
    });
    expect(body.typical).toHaveLength(168);
    expect(JSON.stringify(body)).not.toMatch(/a-01|ds-|dc-|lastSeen/);
    const preflight = await api.app.request('/api/open/sites/demo', {
      method: 'OPTIONS',
      headers: { Origin: 'https://comune.example', 'Access-Control-Request-Method': 'GET' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
  });
});
