import { describe, expect, it } from 'vitest';
import { createZoneClock } from '../../protocol/index.ts';
import { deskSegments } from './desk-segments.ts';
import { deskUsage } from './desk-usage.ts';
import { headcountMinutes } from './headcount-minutes.ts';
import { sweepMinutes } from './occupancy-sweep.ts';

const MIN = 60_000;
const T = Date.UTC(2026, 10, 23, 8, 0); // Monday 09:00 in Rome, a bucket boundary
const W = 11 * MIN;
const at = (minutes: number) => T + minutes * MIN;

describe('desk segments', () => {
  it('holds a report until the next one, joins heartbeats, and forgets a silent desk after the window', () => {
    const reports = [
      { ts: at(0), occupied: true },
      { ts: at(5), occupied: true }, // heartbeat
      { ts: at(8), occupied: false },
      { ts: at(30), occupied: true }, // then silence
    ];
    expect(deskSegments(reports, W, at(0), at(60))).toEqual([
      { from: at(0), to: at(8), occupied: true },
      { from: at(8), to: at(19), occupied: false }, // 22 minutes of silence: known only for 11
      { from: at(30), to: at(41), occupied: true },
    ]);
  });

  it('clips to the range, keeping the state a report before it carried in', () => {
    expect(deskSegments([{ ts: at(-5), occupied: true }], W, at(0), at(15))).toEqual([
      { from: at(0), to: at(6), occupied: true },
    ]);
  });
});

describe('desk usage per 15 minutes', () => {
  it('sums occupied and known time per bucket and counts arrivals, computed by hand', () => {
    const segments = [
      { from: at(0), to: at(8), occupied: true },
      { from: at(8), to: at(19), occupied: false },
      { from: at(19), to: at(20), occupied: true },
      { from: at(20), to: at(40), occupied: true }, // continues: not a new arrival
    ];
    const place = { site: 's', floor: 'f', zone: 'z', desk: 'd' };
    expect(deskUsage(place, segments, at(0), at(45))).toEqual([
      { ...place, ts: at(0), occupiedMs: 8 * MIN, knownMs: 15 * MIN, arrivals: 1 },
      { ...place, ts: at(15), occupiedMs: 11 * MIN, knownMs: 15 * MIN, arrivals: 1 },
      { ...place, ts: at(30), occupiedMs: 10 * MIN, knownMs: 10 * MIN, arrivals: 0 },
    ]);
  });
});

describe('desk usage from a range that starts mid-occupation', () => {
  it('does not count an occupation going on since before the range as an arrival in it', () => {
    const place = { site: 's', floor: 'f', zone: 'z', desk: 'd' };
    const segments = [
      { from: at(-10), to: at(20), occupied: true }, // arrived before the range
      { from: at(20), to: at(25), occupied: false },
      { from: at(25), to: at(30), occupied: true }, // a real arrival
    ];
    expect(deskUsage(place, segments, at(15), at(30))).toEqual([
      { ...place, ts: at(15), occupiedMs: 10 * MIN, knownMs: 15 * MIN, arrivals: 1 },
    ]);
    expect(deskUsage(place, segments, at(0), at(30))[1]).toEqual(
      deskUsage(place, segments, at(15), at(30))[0],
    );
  });
});

describe('minute sweep', () => {
  it('gives the time-weighted mean and the peak at any instant, minute by minute', () => {
    const intervals = [
      { from: at(0) + 30_000, to: at(2) }, // half of minute 0, all of minute 1
      { from: at(0), to: at(0) + 45_000 },
      { from: at(1) + 15_000, to: at(1) + 30_000 },
    ];
    const { avg, max } = sweepMinutes(intervals, at(0), at(3));
    expect(avg).toEqual([0.5 + 0.75, 1 + 0.25, 0]);
    expect(max).toEqual([2, 2, 0]);
  });

  it('does not count a desk handed over at the same instant twice', () => {
    const { max } = sweepMinutes(
      [
        { from: at(0), to: at(0) + 30_000 },
        { from: at(0) + 30_000, to: at(1) },
      ],
      at(0),
      at(1),
    );
    expect(max).toEqual([1]);
  });
});

describe('headcount minutes', () => {
  const clock = createZoneClock('Europe/Rome');
  const lastReset = (ts: number) => clock.lastLocalTime(ts, '04:00');
  it('counts in − out since the daily reset, never below zero, and starts again at the reset', () => {
    const reset = Date.UTC(2026, 10, 24, 3, 0); // Tuesday 04:00 in Rome
    const reports = [
      { ts: reset - 10 * MIN, in: 5, out: 0 }, // yesterday's: not counted after the reset
      { ts: reset + 30_000, in: 3, out: 0 },
      { ts: reset + MIN + 10_000, in: 0, out: 5 },
      { ts: reset + 2 * MIN, in: 4, out: 1 },
    ];
    // Before the reset, yesterday's five are still inside; after it the count starts from zero.
    expect(headcountMinutes(reports, reset - 2 * MIN, reset + 3 * MIN, lastReset)).toEqual([5, 5, 3, 0, 1]);
  });
});
