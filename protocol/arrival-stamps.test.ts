import { describe, expect, it } from 'vitest';
import { createArrivalStamps } from './arrival-stamps.ts';

const T = 1_790_000_000_000;

describe('arrival stamps', () => {
  it('gives a burst on one key times 1 ms apart, and catches up with the clock after it', () => {
    const stamps = createArrivalStamps(10);
    const times = [T, T, T, T + 1, T + 9, T].map((at) => stamps.stamp('door/main', at));
    expect(times).toEqual([T, T + 1, T + 2, T + 3, T + 9, T + 10]);
    expect(stamps.stamp('door/garden', T)).toBe(T);
  });

  it('starts again from the arrival when the clock was set back, rather than run an hour ahead of it', () => {
    const stamps = createArrivalStamps(10);
    stamps.stamp('door/main', T + 3_600_000);
    expect([stamps.stamp('door/main', T), stamps.stamp('door/main', T)]).toEqual([T, T + 1]);
  });

  it('at its bound, forgets the key quiet longest, not the one stamped first', () => {
    const stamps = createArrivalStamps(2);
    stamps.stamp('a', T);
    stamps.stamp('b', T);
    stamps.stamp('a', T);
    stamps.stamp('c', T);
    expect([stamps.stamp('a', T), stamps.stamp('b', T)]).toEqual([T + 2, T]);
  });
});
