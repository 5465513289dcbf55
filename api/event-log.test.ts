import { describe, expect, it } from 'vitest';
import type { LiveEvent } from '../protocol/index.ts';
import { createEventLog } from './event-log.ts';

const event = (count: number): LiveEvent => ({
  kind: 'headcount',
  site: 'demo',
  headcount: { count, in: count, out: 0, since: 0, calibration: null },
});

describe('event log', () => {
  it('gives a reconnecting client exactly what it missed', () => {
    const log = createEventLog(10);
    for (let i = 1; i <= 5; i++) log.append(event(i));
    expect(log.since(3)?.map((e) => e.id)).toEqual([4, 5]);
    expect(log.since(5)).toEqual([]);
  });

  it('says so when what was missed is no longer kept, or the id is from another run', () => {
    const log = createEventLog(3);
    for (let i = 1; i <= 6; i++) log.append(event(i));
    expect(log.since(3)?.map((e) => e.id)).toEqual([4, 5, 6]);
    expect(log.since(2)).toBeUndefined();
    expect(log.since(99)).toBeUndefined();
  });
});
