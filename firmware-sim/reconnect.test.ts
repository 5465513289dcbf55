import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff.ts';
import { start } from './index.ts';
import { mulberry32 } from './prng.ts';
import { demoSite, smallSite, subscriber, testBroker, until } from './test-kit.ts';

const site = smallSite(await demoSite(), 1);
// Small steps and a low cap: six attempts and the way back take about a second.
const BACKOFF = { baseMs: 15, maxMs: 400 };
const cleanup: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const close of cleanup.splice(0).reverse()) await close();
});

describe('reconnect backoff', () => {
  it('doubles each step up to the cap, with jitter between half and all of the step', () => {
    const random = mulberry32(1);
    const options = { baseMs: 100, maxMs: 2000 };
    for (let attempt = 0; attempt < 10; attempt++) {
      const step = Math.min(2000, 100 * 2 ** attempt);
      for (let i = 0; i < 50; i++) {
        const delay = backoffDelay(attempt, random, options);
        expect(delay).toBeGreaterThanOrEqual(step / 2);
        expect(delay).toBeLessThanOrEqual(step);
      }
    }
    const spread = new Set(Array.from({ length: 20 }, () => backoffDelay(3, random, options)));
    expect(spread.size).toBeGreaterThan(10);
  });
});

describe('a device losing its broker', () => {
  it('retries with growing waits, then comes back and carries its seq on', async () => {
    const first = await testBroker([site], cleanup);
    const handle = await start({
      mqttUrl: first.url,
      ...first.sim,
      sites: [site],
      seed: 3,
      backoff: BACKOFF,
    });
    cleanup.push(() => handle.close());
    const before = await subscriber(first, cleanup);
    const deskTopic = 'prossima/v1/demo/desk/a-01/state';
    await until(() => before.some((m) => m.topic === deskTopic), 'the desk state');
    const seqBefore = JSON.parse(before.find((m) => m.topic === deskTopic)?.payload ?? '{}').seq as number;

    await before.close(); // its own reconnects would knock on the same port
    // The broker goes away; in its place, a port that hangs up on every attempt, noting when it came.
    await first.close();
    const attempts: number[] = [];
    const refuser = createServer((socket) => {
      attempts.push(performance.now());
      socket.destroy();
    });
    await new Promise<void>((resolve) => refuser.listen(first.port, '127.0.0.1', resolve));
    await until(() => attempts.length >= 6, 'six attempts', 6000);
    await new Promise<void>((resolve) => refuser.close(() => resolve()));
    const gaps = attempts.slice(1).map((t, i) => t - (attempts[i] ?? 0));
    // Attempt k + 1 waits at least half its step, min(cap, base × 2^(k+1)) / 2: a busy machine only adds.
    const least = (k: number) => Math.min(BACKOFF.maxMs, BACKOFF.baseMs * 2 ** (k + 1)) / 2;
    for (const [k, gap] of gaps.entries()) expect(gap).toBeGreaterThanOrEqual(least(k) - 2);
    expect(gaps.at(-1)).toBeGreaterThan(3 * (gaps[0] ?? 0));

    const second = await testBroker([site], cleanup, first);
    const after = await subscriber(second, cleanup);
    await until(() => after.some((m) => m.topic === deskTopic), 'the desk state again', 8000);
    const seqAfter = JSON.parse(after.find((m) => m.topic === deskTopic)?.payload ?? '{}').seq as number;
    expect(seqAfter).toBeGreaterThan(seqBefore);
    expect(handle.stats().reconnects).toBe(1);
  });
});
