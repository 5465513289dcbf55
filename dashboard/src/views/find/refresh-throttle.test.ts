import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createRefreshThrottle } from './refresh-throttle.ts';

describe('refresh throttle', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs at once, then at most once a second however many changes arrive', async () => {
    const runs: number[] = [];
    const throttle = createRefreshThrottle(async () => {
      runs.push(Date.now());
    });
    const start = Date.now();
    throttle.request();
    for (let i = 0; i < 19; i++) {
      await vi.advanceTimersByTimeAsync(100);
      throttle.request();
    }
    await vi.advanceTimersByTimeAsync(2000);
    expect(runs.map((t) => t - start)).toEqual([0, 1000, 2000]);
    throttle.close();
  });

  it('never runs twice at once, and runs again after a slow run if asked meanwhile', async () => {
    let active = 0;
    let most = 0;
    let runs = 0;
    const throttle = createRefreshThrottle(async () => {
      runs++;
      active++;
      most = Math.max(most, active);
      await new Promise((resolve) => setTimeout(resolve, 3000));
      active--;
    });
    throttle.request();
    await vi.advanceTimersByTimeAsync(1500);
    throttle.request();
    await vi.advanceTimersByTimeAsync(10_000);
    expect([runs, most]).toEqual([2, 1]);
    throttle.close();
  });

  it('keeps going after a failed run and stops when closed', async () => {
    let runs = 0;
    const throttle = createRefreshThrottle(async () => {
      runs++;
      throw new Error('offline');
    });
    throttle.request();
    await vi.advanceTimersByTimeAsync(10);
    throttle.request();
    throttle.close();
    await vi.advanceTimersByTimeAsync(5000);
    expect(runs).toBe(1);
  });
});
