import { describe, expect, it } from 'vitest';
import type { LiveDesk, LiveSite } from '../../../../protocol/live-view.ts';
import { createOfflineWatch } from './offline-watch.ts';

const counts = { desks: 0, occupied: 0, away: 0, free: 0, offline: 0, unknown: 0, capacity: 0 };
const desk = (id: string, state: LiveDesk['state']): LiveDesk => ({
  id,
  zone: 'open-a',
  floor: 'ground',
  state,
  since: null,
  lastSeen: null,
});
const live = (...desks: LiveDesk[]): LiveSite => ({
  site: 'demo',
  at: 0,
  desks,
  zones: [],
  floors: [],
  totals: counts,
  headcount: { count: 0, in: 0, out: 0, since: 0, calibration: null },
});

describe('createOfflineWatch', () => {
  it('answers true only when a desk turns offline after the first state', () => {
    const wentOffline = createOfflineWatch();
    expect(wentOffline(live(desk('a-01', 'offline'), desk('a-02', 'free')))).toBe(false);
    expect(wentOffline(live(desk('a-01', 'offline'), desk('a-02', 'occupied')))).toBe(false);
    expect(wentOffline(live(desk('a-01', 'offline'), desk('a-02', 'offline')))).toBe(true);
    expect(wentOffline(live(desk('a-01', 'offline'), desk('a-02', 'offline')))).toBe(false);
    expect(wentOffline(live(desk('a-01', 'free'), desk('a-02', 'offline'), desk('a-03', 'offline')))).toBe(
      true,
    );
  });
});
