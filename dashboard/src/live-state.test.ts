import { describe, expect, it } from 'vitest';
import type { LiveDesk, LiveSite } from '../../protocol/live-view.ts';
import { applyLiveEvent, percent } from './live-state.ts';

const counts = (
  c: Partial<Record<'desks' | 'occupied' | 'free' | 'offline' | 'unknown' | 'capacity', number>>,
) => ({
  desks: 0,
  occupied: 0,
  away: 0,
  free: 0,
  offline: 0,
  unknown: 0,
  capacity: 0,
  ...c,
});

const desk = (id: string, state: LiveDesk['state'], since: number | null = 1000): LiveDesk => ({
  id,
  zone: 'open-a',
  floor: 'ground',
  state,
  since,
  lastSeen: since,
});

function snapshot(): LiveSite {
  return {
    site: 'demo',
    at: 5000,
    desks: [desk('a-01', 'free'), desk('a-02', 'occupied')],
    zones: [{ id: 'open-a', floor: 'ground', ...counts({ desks: 2, free: 1, occupied: 1, capacity: 4 }) }],
    floors: [{ id: 'ground', ...counts({ desks: 2, free: 1, occupied: 1, capacity: 4 }) }],
    totals: counts({ desks: 2, free: 1, occupied: 1, capacity: 10 }),
    headcount: { count: 3, in: 4, out: 1, since: 0, calibration: null },
  };
}

describe('applyLiveEvent', () => {
  it('moves a desk that becomes occupied from the free count to the occupied count everywhere', () => {
    const live = applyLiveEvent(
      snapshot(),
      { kind: 'desk', site: 'demo', desk: desk('a-01', 'occupied', 6000) },
      6001,
    );
    expect(live.desks.find((d) => d.id === 'a-01')).toMatchObject({ state: 'occupied', since: 6000 });
    for (const c of [live.zones[0], live.floors[0], live.totals])
      expect(c).toMatchObject({ free: 0, occupied: 2, desks: 2 });
    expect(live.totals.capacity).toBe(10);
    expect(live.at).toBe(6001);
  });

  it('does not count a repeated event twice', () => {
    const event = { kind: 'desk', site: 'demo', desk: desk('a-01', 'offline') } as const;
    const once = applyLiveEvent(snapshot(), event, 6000);
    expect(applyLiveEvent(once, event, 6000)).toEqual(once);
    expect(once.totals).toMatchObject({ free: 0, offline: 1, occupied: 1 });
  });

  it('adds a desk it had not seen and counts it', () => {
    const live = applyLiveEvent(
      snapshot(),
      { kind: 'desk', site: 'demo', desk: desk('a-03', 'unknown') },
      6000,
    );
    expect(live.desks).toHaveLength(3);
    expect(live.totals).toMatchObject({ desks: 3, unknown: 1 });
  });

  it('replaces the headcount and leaves the snapshot it was given unchanged', () => {
    const before = snapshot();
    const headcount = { count: 4, in: 5, out: 1, since: 0, calibration: null };
    const live = applyLiveEvent(before, { kind: 'headcount', site: 'demo', headcount }, 6000);
    expect(live.headcount).toEqual(headcount);
    expect(before).toEqual(snapshot());
  });

  it('ignores events for another site', () => {
    const before = snapshot();
    expect(
      applyLiveEvent(before, { kind: 'desk', site: 'other', desk: desk('a-01', 'occupied') }, 9000),
    ).toBe(before);
  });
});

describe('percent', () => {
  it('rounds and treats an empty whole as 0%', () => {
    expect(percent(1, 3)).toBe(33);
    expect(percent(5, 0)).toBe(0);
  });
});
