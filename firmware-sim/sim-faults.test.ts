import { afterEach, describe, expect, it } from 'vitest';
import { decodeMessage } from '../protocol/index.ts';
import { type SimOptions, start } from './index.ts';
import { demoSite, type Seen, subscriber, type TestBroker, testBroker, until } from './test-kit.ts';

const site = await demoSite();
// Wednesday 12 March 2025, 10:30 in Rome.
const MORNING = Date.UTC(2025, 2, 12, 9, 30);
const cleanup: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const close of cleanup.splice(0).reverse()) await close();
});

/** Runs the sim for `realMs` on a clock that then stops, and returns what a subscriber heard. */
async function play(broker: TestBroker, options: Partial<SimOptions>, realMs: number) {
  const seen = await subscriber(broker, cleanup);
  const clock = { now: MORNING };
  const handle = await start({
    mqttUrl: broker.url,
    ...broker.sim,
    sites: [site],
    now: () => clock.now,
    tickMs: 20,
    ...options,
  });
  cleanup.push(() => handle.close());
  const began = Date.now();
  while (Date.now() - began < realMs) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    clock.now = MORNING + Date.now() - began;
  }
  return { seen, handle };
}

const decoded = (seen: Seen[]) =>
  seen.flatMap((m) => {
    const d = decodeMessage(m.topic, Buffer.from(m.payload));
    return d.ok ? [d.message] : [];
  });

describe('faults at a real subscriber', () => {
  it('loses, repeats and breaks the shares of messages asked for', async () => {
    const broker = await testBroker([site], cleanup);
    const faults = { drop: 0.1, duplicate: 0.1, malformed: 0.1 };
    // 75 simulated minutes in half a second.
    const { seen, handle } = await play(broker, { seed: 11, speed: 9000, faults }, 500);
    await new Promise((resolve) => setTimeout(resolve, 60));
    const stats = handle.stats();
    const sent = stats.made - stats.dropped + stats.duplicated;
    await until(() => seen.length >= sent, `${sent} messages`);
    await handle.close();
    expect(seen).toHaveLength(sent);
    expect(stats.made).toBeGreaterThan(1000);

    // Repeats: the same topic and payload (so the same seq) heard twice.
    const repeats = seen.length - new Set(seen.map((m) => `${m.topic} ${m.payload}`)).size;
    expect(repeats / (stats.made - stats.dropped)).toBeGreaterThan(0.065);
    expect(repeats / (stats.made - stats.dropped)).toBeLessThan(0.135);
    // Broken: payloads the contract refuses.
    const broken = seen.filter((m) => !decodeMessage(m.topic, Buffer.from(m.payload)).ok).length;
    expect(broken / seen.length).toBeGreaterThan(0.065);
    expect(broken / seen.length).toBeLessThan(0.135);
    // Lost: seq numbers never heard (dropped, or broken so their seq cannot be read): 1 − 0.9 × 0.9.
    const seqs = new Map<string, Set<number>>();
    for (const m of decoded(seen)) {
      if (m.kind === 'device-status' || m.payload.seq === undefined) continue;
      const key = m.kind === 'desk-state' ? m.desk : m.door;
      seqs.set(key, (seqs.get(key) ?? new Set()).add(m.payload.seq));
    }
    let expected = 0;
    let heard = 0;
    for (const set of seqs.values()) {
      expected += Math.max(...set) + 1;
      heard += set.size;
    }
    expect(1 - heard / expected).toBeGreaterThan(0.14);
    expect(1 - heard / expected).toBeLessThan(0.24);
  });

  it('skews the clocks of the share of devices asked for', async () => {
    const broker = await testBroker([site], cleanup);
    const faults = { skew: 0.5, skewMs: 90_000 };
    const { seen } = await play(broker, { seed: 2, faults }, 0);
    const statuses = () => decoded(seen).filter((m) => m.kind === 'device-status');
    await until(() => statuses().length >= 42, 'every status');
    // The first status says MORNING on a right clock, 45–90 s off on a wrong one.
    const offsets = statuses().map((m) => (m.payload.ts ?? 0) - MORNING);
    const wrong = offsets.filter((ms) => ms !== 0);
    expect(wrong.length / offsets.length).toBeGreaterThan(0.25);
    expect(wrong.length / offsets.length).toBeLessThan(0.75);
    expect(wrong.every((ms) => Math.abs(ms) >= 45_000 && Math.abs(ms) <= 90_000)).toBe(true);
    expect(wrong.some((ms) => ms < 0) && wrong.some((ms) => ms > 0)).toBe(true);
  });

  it('drops devices abruptly so their wills fire, and brings every one back', async () => {
    const broker = await testBroker([site], cleanup);
    const faults = { offline: 3, offlineMs: 60_000 };
    const { seen, handle } = await play(
      broker,
      { seed: 5, speed: 1000, faults, backoff: { baseMs: 20, maxMs: 200 } },
      1200,
    );
    const { outages, lostOffline } = handle.stats();
    // 42 devices × 3 an hour × 20 simulated minutes ≈ 42.
    expect(outages).toBeGreaterThan(20);
    expect(outages).toBeLessThan(70);
    expect(lostOffline).toBeGreaterThan(0);
    const wills = () => seen.filter((m) => m.payload === '{"online":false}');
    // Every outage fires its will; under load a missed keepalive may fire one more of its own.
    await until(() => wills().length >= outages, `${outages} wills`);
    const back = () =>
      wills().every((will) =>
        seen.some((m) => m.topic === will.topic && m.at >= will.at && m.payload.includes('"online":true')),
      );
    await until(back, 'every device back online', 15_000);
    // Coming back is the device's own reconnect (its connection was cut, so it cannot publish without one).
    expect(handle.stats().reconnects).toBeGreaterThan(0);
  });
});
