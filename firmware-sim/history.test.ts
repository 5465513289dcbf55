import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { start as startIngest } from '../ingest/index.ts';
import { createLocalTime, decodeMessage, type Site } from '../protocol/index.ts';
import { openSqliteStore } from '../store/index.ts';
import { backfill, replay } from './index.ts';
import { demoSite, smallSite, subscriber, type TestBroker, testBroker, until } from './test-kit.ts';

const site = await demoSite();
const DAY = 86_400_000;
// Wednesday 12 March 2025, 10:30 in Rome.
const MORNING = Date.UTC(2025, 2, 12, 9, 30);
// Thursday 13 March 2025, 21:00 in Rome: a full working day of history behind it.
const EVENING = Date.UTC(2025, 2, 13, 20);
const FIXTURE = new URL('./fixtures/calit2-week.data', import.meta.url).pathname;
const cleanup: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const close of cleanup.splice(0).reverse()) await close();
});

/** A broker, a real ingest worker and a SQLite store in memory: the path history takes. */
async function pipeline(sites: Site[]) {
  const broker = await testBroker(sites, cleanup);
  const store = await openSqliteStore({ file: ':memory:' });
  cleanup.push(() => store.close());
  const walDir = mkdtempSync(join(tmpdir(), 'sim-history-'));
  cleanup.push(async () => rmSync(walDir, { recursive: true, force: true }));
  const ingest = await startIngest({
    mqttUrl: broker.url,
    ...broker.reader,
    sites,
    store,
    walDir,
    statsIntervalMs: 0,
    // Derived series are ingest's business (and its tests'); here they would only slow each flush.
    deriveMs: 0,
  });
  cleanup.push(() => ingest.close());
  return { broker, store, ingest };
}

function terminal() {
  const writes: string[] = [];
  return { writes, stream: { isTTY: true, columns: 100, write: (s: string) => writes.push(s) } };
}

describe('backfill', () => {
  it('sends days of history through MQTT into the store, never retained, with a progress bar and a count', async () => {
    // A third of the desks and both doors: what is asserted does not need the whole site.
    const small = smallSite(site, 12, 2);
    const { broker, store, ingest } = await pipeline([small]);
    const heard = await subscriber(broker as TestBroker, cleanup);
    const tty = terminal();
    const result = await backfill({
      mqttUrl: broker.url,
      ...broker.sim,
      sites: [small],
      days: 3,
      seed: 4,
      now: () => MORNING,
      progress: tty.stream,
    });
    await ingest.flush();
    expect(result).toMatchObject({ from: MORNING - 3 * DAY, to: MORNING, aborted: false });
    expect(result.messages).toBe(result.deskStates + result.doorCounts);
    // No fault flags, no faults: history goes out as the devices made it.
    expect(result.faults).toMatchObject({ made: result.messages, dropped: 0, duplicated: 0, malformed: 0 });
    const desks = await store.deskStates({ site: 'demo', from: result.from, to: result.to + 1 });
    const doors = await store.doorCounts({ site: 'demo', from: result.from, to: result.to + 1 });
    expect(desks).toHaveLength(result.deskStates);
    expect(doors).toHaveLength(result.doorCounts);
    // Door reports every 15 minutes in history, zeros included: 2 doors × 4 an hour × 72 hours.
    expect(result.doorCounts).toBe(2 * 4 * 72);
    expect(heard.length).toBeGreaterThanOrEqual(result.messages);
    expect(heard.every((m) => !m.retain)).toBe(true);
    // Sunday is closed; Monday and Tuesday are working days.
    const rome = createLocalTime('Europe/Rome');
    const byDay = new Map<string, number>();
    for (const d of desks) byDay.set(rome(d.ts).weekday, (byDay.get(rome(d.ts).weekday) ?? 0) + 1);
    expect(byDay.get('sun')).toBeUndefined();
    expect(byDay.get('mon')).toBeGreaterThan(30);
    expect(byDay.get('tue')).toBeGreaterThan(30);
    expect(tty.writes.some((w) => w.includes('%'))).toBe(true);
    expect(tty.writes.at(-1)).toMatch(
      /Backfill: sent [\d,]+ messages \([\d,]+ desk changes, 576 door reports\) for 3 days/,
    );
  });

  it('is the same history for the same seed, and stops when asked', async () => {
    const small = smallSite(site, 12, 2);
    const broker = await testBroker([small], cleanup);
    const run = (signal?: AbortSignal) =>
      backfill({
        mqttUrl: broker.url,
        ...broker.sim,
        sites: [small],
        days: 1,
        seed: 8,
        now: () => MORNING,
        signal,
      });
    const [a, b] = [await run(), await run()];
    expect(a.deskStates).toBe(b.deskStates);
    const controller = new AbortController();
    controller.abort();
    expect((await run(controller.signal)).aborted).toBe(true);
  });
});

describe('backfill with network faults', () => {
  it('loses, repeats, breaks and reorders the shares of history asked for', async () => {
    const broker = await testBroker([site], cleanup);
    const seen = await subscriber(broker, cleanup);
    const faults = { drop: 0.1, duplicate: 0.1, malformed: 0.1, reorder: 0.1 };
    const result = await backfill({
      mqttUrl: broker.url,
      ...broker.sim,
      sites: [site],
      days: 1,
      seed: 6,
      faults,
      now: () => EVENING,
    });
    await until(() => seen.length >= result.messages, `${result.messages} messages`);
    const { made, dropped, duplicated, reordered, malformed } = result.faults;
    expect(made).toBeGreaterThan(800);
    expect(result.messages).toBe(made - dropped + duplicated);
    expect(seen).toHaveLength(result.messages);
    expect(dropped / made).toBeGreaterThan(0.07);
    expect(dropped / made).toBeLessThan(0.13);
    // The others act on what was not dropped.
    for (const count of [duplicated, reordered, malformed]) {
      expect(count / (made - dropped)).toBeGreaterThan(0.065);
      expect(count / (made - dropped)).toBeLessThan(0.135);
    }
    // What a subscriber (ingest) sees: the same payload twice, payloads the contract refuses, seqs that
    // go back, and seqs never heard (dropped, or broken so their seq cannot be read): 1 − 0.9 × 0.9.
    const repeats = seen.length - new Set(seen.map((m) => `${m.topic} ${m.payload}`)).size;
    expect(repeats / seen.length).toBeGreaterThan(0.06);
    expect(repeats / seen.length).toBeLessThan(0.13);
    const decoded = seen.map((m) => decodeMessage(m.topic, Buffer.from(m.payload)));
    const broken = decoded.filter((d) => !d.ok).length;
    expect(broken / seen.length).toBeGreaterThan(0.06);
    expect(broken / seen.length).toBeLessThan(0.14);
    const seqs = new Map<string, number[]>();
    for (const d of decoded) {
      if (!d.ok || d.message.kind === 'device-status' || d.message.payload.seq === undefined) continue;
      const key = d.message.kind === 'desk-state' ? d.message.desk : d.message.door;
      seqs.set(key, [...(seqs.get(key) ?? []), d.message.payload.seq]);
    }
    let heard = 0;
    let expected = 0;
    let backwards = 0;
    for (const list of seqs.values()) {
      const unique = new Set(list);
      heard += unique.size;
      expected += Math.max(...list) + 1;
      backwards += list.filter((seq, i) => i > 0 && seq < (list[i - 1] ?? 0)).length;
    }
    expect(1 - heard / expected).toBeGreaterThan(0.14);
    expect(1 - heard / expected).toBeLessThan(0.24);
    // A held message shows up as a seq going back when its device sends again before it is released.
    expect(backwards / heard).toBeGreaterThan(0.03);
    expect(backwards / heard).toBeLessThan(0.13);
  });
});

describe('replay', () => {
  it('plays the CalIt2 week through MQTT into the store with the file’s totals, shifted to the last week', async () => {
    const { broker, store, ingest } = await pipeline([site]);
    const now = Date.now();
    const result = await replay({
      mqttUrl: broker.url,
      ...broker.sim,
      sites: [site],
      file: FIXTURE,
      shift: 'auto',
      door: 'garden',
    });
    await ingest.flush();
    expect(result).toMatchObject({ rows: 336, messages: 336, in: 1169, out: 1116, skipped: 0 });
    expect(result.shiftDays % 7).toBe(0);
    expect(result.to).toBeLessThanOrEqual(now);
    expect(result.to).toBeGreaterThan(now - 7 * DAY - 3_600_000);
    const stored = await store.doorCounts({
      site: 'demo',
      door: 'garden',
      from: result.from,
      to: result.to + 1,
    });
    expect(stored).toHaveLength(336);
    expect(stored.reduce((n, r) => n + r.in, 0)).toBe(1169);
    expect(stored.reduce((n, r) => n + r.out, 0)).toBe(1116);
    // Weekday and time of day stay as recorded: the file starts on Sunday 24 July 2005 at 00:00.
    const first = createLocalTime('Europe/Rome')(result.from);
    expect(first).toMatchObject({ weekday: 'sun', minutes: 0 });
  });

  it('refuses a door the site does not have, naming it', async () => {
    await expect(
      replay({ mqttUrl: 'mqtt://127.0.0.1:1', sites: [site], file: FIXTURE, door: 'back' }),
    ).rejects.toThrow(/no door "back" \(doors: main, garden\)/);
  });
});
