import { describe, expect, it } from 'vitest';
import { createRecentValues } from './recent-values.ts';

const MIN = 60_000;

describe('recent values', () => {
  it('gives percentiles of the last values only, once the ring is full', () => {
    const values = createRecentValues(100);
    for (let i = 1; i <= 250; i += 1) values.add(i, i);
    // 151 to 250 are held: the first 150 were overwritten.
    expect(values.percentiles(250)).toEqual({ count: 100, p50: 200, p99: 249, max: 250 });
  });

  it('leaves out values older than its age limit, so a backfill of history stops showing', () => {
    const values = createRecentValues(20_000, 10 * MIN);
    const t = Date.UTC(2026, 10, 27, 9, 0);
    // History replayed: events of two weeks ago, stored now.
    for (let i = 0; i < 5_000; i += 1) values.add(14 * 24 * 60 * MIN, t + i);
    expect(values.percentiles(t + 5_000).p50).toBe(14 * 24 * 60 * MIN);
    // Live events from then on, stored 40 ms after they happened.
    for (let i = 0; i < 600; i += 1) values.add(40, t + 5 * MIN + i * 1000);
    expect(values.percentiles(t + 15 * MIN)).toEqual({ count: 600, p50: 40, p99: 40, max: 40 });
    // Half the history is still inside the window ten minutes after its start: it shows in the tail.
    expect(values.percentiles(t + 10 * MIN + 2_500).max).toBe(14 * 24 * 60 * MIN);
  });

  it('reads zeros when nothing is recent', () => {
    const values = createRecentValues(10, 1_000);
    expect(values.percentiles(0)).toEqual({ count: 0, p50: 0, p99: 0, max: 0 });
    values.add(5, 0);
    expect(values.percentiles(1_000).count).toBe(1);
    expect(values.percentiles(1_001)).toEqual({ count: 0, p50: 0, p99: 0, max: 0 });
  });
});
