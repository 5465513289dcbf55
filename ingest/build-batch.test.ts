import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEMO_SITE_FILE, doorCountTopic, indexSite, parseSite } from '../protocol/index.ts';
import { buildBatch, rememberOnly } from './build-batch.ts';
import { createSeqMemory } from './seq-memory.ts';

const site = parseSite(JSON.parse(readFileSync(DEMO_SITE_FILE, 'utf8')));
const T = 1_790_000_000_000;
const topic = doorCountTopic('demo', 'main');
const arrival = (payload: unknown, receivedAt: number, retain = false) => ({
  topic,
  payload: Buffer.from(JSON.stringify(payload)),
  receivedAt,
  retain,
});

describe('building a store batch from the log', () => {
  const context = () => ({
    sites: new Map([['demo', indexSite(site)]]),
    maxFutureMs: 300_000,
    memory: createSeqMemory(100),
  });

  it('gives a redelivered copy without ts the time its first copy got, so people are counted once', () => {
    const ctx = context();
    const first = buildBatch([arrival({ in: 3, out: 0, seq: 41 }, T)], ctx);
    const again = buildBatch([arrival({ in: 3, out: 0, seq: 41 }, T + 4000)], ctx);
    expect(again.batch.doorCounts).toEqual(first.batch.doorCounts);
    expect(first.batch.doorCounts[0]?.ts).toBe(T);
    expect(ctx.memory.repeats()).toBe(1);
  });

  it('stores a message without ts or seq at each arrival: it cannot be told from a repeat', () => {
    const ctx = context();
    const built = buildBatch([arrival({ in: 1, out: 0 }, T), arrival({ in: 1, out: 0 }, T + 60_000)], ctx);
    expect(built.batch.doorCounts.map((r) => r.ts)).toEqual([T, T + 60_000]);
  });

  it('gives messages of one door that arrive within a millisecond times of their own, so none replaces another', () => {
    const ctx = context();
    const burst = [41, 42, 43].map((seq) => arrival({ in: 1, out: 0, seq }, T));
    const built = buildBatch(
      [...burst, arrival({ in: 1, out: 0 }, T + 1), arrival({ in: 1, out: 0 }, T + 9)],
      ctx,
    );
    expect(built.batch.doorCounts.map((r) => r.ts)).toEqual([T, T + 1, T + 2, T + 3, T + 9]);
    const other = buildBatch(
      [{ ...arrival({ in: 1, out: 0, seq: 41 }, T), topic: doorCountTopic('demo', 'garden') }],
      ctx,
    );
    expect(other.batch.doorCounts[0]?.ts).toBe(T);
  });

  it('takes a burst ingest stamped past its arrival as its own, however little of the future is allowed', () => {
    const ctx = { ...context(), maxFutureMs: 0 };
    const built = buildBatch(
      [41, 42, 43].map((seq) => arrival({ in: 1, out: 0, seq }, T)),
      ctx,
    );
    expect(built.batch.doorCounts.map((r) => r.ts)).toEqual([T, T + 1, T + 2]);
  });

  it('stamps a burst after a restart as the first pass did, its copies included', () => {
    const ctx = context();
    const burst = [41, 42, 43].map((seq) => arrival({ in: 1, out: 0, seq }, T));
    const first = buildBatch(burst, ctx).batch.doorCounts.map((r) => r.ts);
    // The store confirmed the first two before the crash; the third is written again from the log.
    const restarted = context();
    rememberOnly(burst.slice(0, 2), restarted);
    const replayed = buildBatch(burst.slice(2), restarted);
    const copy = buildBatch([{ ...(burst[1] as (typeof burst)[number]), receivedAt: T + 5000 }], restarted);
    expect([replayed, copy].map((b) => b.batch.doorCounts[0]?.ts)).toEqual([first[2], first[1]]);
  });

  it('rebuilds the memory from the confirmed tail of the log after a restart', () => {
    const ctx = context();
    rememberOnly([arrival({ in: 2, out: 1, seq: 7 }, T)], ctx);
    const replayed = buildBatch([arrival({ in: 2, out: 1, seq: 7 }, T + 9000)], ctx);
    expect(replayed.batch.doorCounts[0]?.ts).toBe(T);
  });

  it('judges a message at the time it arrived, so a replay decides as the first pass did', () => {
    const ctx = context();
    const future = arrival({ in: 1, out: 0, ts: T + 60_000 }, T);
    expect(buildBatch([future], ctx).accepted).toBe(1);
    const tooFar = arrival({ in: 1, out: 0, ts: T + 600_000 }, T);
    const built = buildBatch([tooFar], ctx);
    expect(built.batch.deadLetters[0]).toMatchObject({ ts: T, reason: expect.stringMatching(/future/) });
  });

  it('skips a retained replay that has no time of its own', () => {
    const ctx = context();
    const built = buildBatch(
      [arrival({ in: 1, out: 0 }, T, true), arrival({ in: 1, out: 0, ts: T }, T, true)],
      ctx,
    );
    expect(built).toMatchObject({ retainedSkipped: 1, accepted: 1 });
  });
});
