import { describe, expect, it } from 'vitest';
import { decodeMessage } from '../protocol/index.ts';
import type { Outbound } from './device-state.ts';
import { type Faults, faultOptionsSchema, NO_FAULTS } from './fault-options.ts';
import { corrupt, createNetworkFaults } from './network-faults.ts';

const START = Date.UTC(2025, 2, 12, 9);
const DEVICES = 20;

/** 20 devices each sending one desk state a second for `count` messages in all. */
function traffic(count: number): Outbound[] {
  return Array.from({ length: count }, (_, i) => {
    const device = i % DEVICES;
    const seq = Math.floor(i / DEVICES);
    const at = START + seq * 1000;
    return {
      device: `ds-${device}`,
      topic: `prossima/v1/demo/desk/d-${device}/state`,
      payload: JSON.stringify({ occupied: seq % 2 === 0, ts: at, seq }),
      retain: true,
      at,
    };
  });
}

function run(faults: Partial<Faults>, count = 10_000, seed = 1) {
  const net = createNetworkFaults(faultOptionsSchema.parse(faults), seed);
  const input = traffic(count);
  const out: Outbound[] = [];
  // Ticks of 100 messages, then a long quiet time so every held or delayed message comes out.
  for (let i = 0; i < input.length; i += 100) {
    const batch = input.slice(i, i + 100);
    out.push(...net.pass(batch, batch.at(-1)?.at ?? START));
  }
  out.push(...net.pass([], START + 10 * 86_400_000));
  return { input, out, counts: net.counts() };
}

const key = (m: Outbound) => `${m.device}#${JSON.parse(m.payload).seq}`;
const N = 10_000;

describe('network faults', () => {
  it('pass every message through unchanged and in order when off', () => {
    const { input, out, counts } = run({});
    expect(out.length).toBe(input.length);
    expect(out.every((m, i) => m === input[i])).toBe(true);
    expect(counts).toEqual({ made: N, dropped: 0, duplicated: 0, reordered: 0, delayed: 0, malformed: 0 });
  });

  it('drop the share of messages asked for', () => {
    const { out, counts } = run({ drop: 0.1 });
    expect(N - out.length).toBe(counts.dropped);
    expect(counts.dropped / N).toBeGreaterThan(0.088);
    expect(counts.dropped / N).toBeLessThan(0.112);
  });

  it('send the share asked for twice, with the same seq', () => {
    const { out } = run({ duplicate: 0.05 });
    const twice = out.length - new Set(out.map(key)).size;
    expect(twice / N).toBeGreaterThan(0.041);
    expect(twice / N).toBeLessThan(0.059);
  });

  it('deliver the share asked for after a later message of the same device', () => {
    const { out } = run({ reorder: 0.1 });
    const last = new Map<string, number>();
    let late = 0;
    for (const m of out) {
      const seq = JSON.parse(m.payload).seq as number;
      if ((last.get(m.device) ?? -1) > seq) late++;
      last.set(m.device, Math.max(seq, last.get(m.device) ?? -1));
    }
    expect(out).toHaveLength(N);
    expect(late / N).toBeGreaterThan(0.087);
    expect(late / N).toBeLessThan(0.113);
  });

  it('hold the share asked for back, up to delayMs, with their timestamps unchanged', () => {
    const net = createNetworkFaults(faultOptionsSchema.parse({ delay: 0.2, delayMs: 60_000 }), 5);
    const input = traffic(N);
    const sentAt = new Map<string, number>();
    for (let i = 0; i < input.length; i += DEVICES) {
      const batch = input.slice(i, i + DEVICES);
      const now = batch[0]?.at ?? START;
      for (const m of net.pass(batch, now)) sentAt.set(key(m), now - m.at);
    }
    const lateness = [...sentAt.values()];
    const delayed = lateness.filter((ms) => ms > 0);
    expect(delayed.length / lateness.length).toBeGreaterThan(0.185);
    expect(delayed.length / lateness.length).toBeLessThan(0.215);
    expect(Math.max(...delayed)).toBeLessThanOrEqual(61_000);
    expect(Math.min(...delayed)).toBeGreaterThanOrEqual(5_000);
  });

  it('break the share of payloads asked for, each in a way the wire contract refuses', () => {
    const { out, counts } = run({ malformed: 0.08 });
    const bad = out.filter((m) => !decodeMessage(m.topic, Buffer.from(m.payload)).ok).length;
    expect(bad).toBe(counts.malformed);
    expect(bad / N).toBeGreaterThan(0.069);
    expect(bad / N).toBeLessThan(0.091);
  });

  it('corrupt door counts and statuses too, four ways', () => {
    const payloads = {
      'prossima/v1/demo/door/main/count': '{"in":2,"out":1,"ts":1741770000000,"seq":4}',
      'prossima/v1/demo/device/ds-a-01/status': '{"online":true,"battery":80,"ts":1741770000000}',
    };
    for (const [topic, payload] of Object.entries(payloads)) {
      for (const pick of [0, 0.3, 0.6, 0.9]) {
        expect(decodeMessage(topic, Buffer.from(corrupt(payload, pick))).ok).toBe(false);
      }
    }
  });

  it('are the same for the same seed, and differ for another', () => {
    const faults = { ...NO_FAULTS, drop: 0.1, duplicate: 0.1, reorder: 0.1, malformed: 0.1 };
    expect(run(faults, 2000, 9).out).toEqual(run(faults, 2000, 9).out);
    expect(run(faults, 2000, 9).out).not.toEqual(run(faults, 2000, 10).out);
  });
});
