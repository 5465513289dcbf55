import { describe, expect, it } from 'vitest';
import { singleFlight } from './single-flight.ts';

describe('singleFlight', () => {
  it('runs once more after the current run, however many calls came during it', async () => {
    const started: number[] = [];
    let release = () => {};
    const task = () =>
      new Promise<void>((resolve) => {
        started.push(started.length);
        release = resolve;
      });
    const run = singleFlight(task);
    const first = run();
    void run();
    const last = run();
    expect(started).toEqual([0]);
    release();
    await new Promise((r) => setTimeout(r, 0));
    expect(started).toEqual([0, 1]);
    release();
    await Promise.all([first, last]);
    expect(started).toEqual([0, 1]);
    void run();
    expect(started).toEqual([0, 1, 2]);
    release();
  });

  it('keeps going after a failed run', async () => {
    let calls = 0;
    const run = singleFlight(async () => {
      calls += 1;
      throw new Error('offline');
    });
    await run();
    await run();
    expect(calls).toBe(2);
  });
});
