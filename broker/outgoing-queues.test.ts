import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { installOutgoingQueues, type OutgoingMethods, type QueuedPacket } from './outgoing-queues.ts';

// The indexed queues must answer exactly as aedes-persistence's scans do: both get the same random
// calls (message ids drawn from a few values so they collide, PUBRELs replacing PUBLISHes, packets
// from two brokers, clears of ids never sent) and must return, throw and stream the same.

const require = createRequire(import.meta.url);
const Reference = require('aedes-persistence/asyncPersistence.js') as new () => OutgoingMethods;

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

async function contents(p: OutgoingMethods, id: string): Promise<QueuedPacket[]> {
  return (await p.outgoingStream({ id }).toArray()) as QueuedPacket[];
}

async function outcome(call: () => Promise<unknown>): Promise<unknown> {
  try {
    return { value: await call() };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

describe('indexed outgoing queues', () => {
  for (const seed of [1, 2, 3, 4]) {
    it(`answer as aedes-persistence does on 400 random calls (seed ${seed})`, async () => {
      const random = seeded(seed);
      const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
      const reference = new Reference();
      const ours = new Reference();
      installOutgoingQueues(ours);
      let counter = 0;
      for (let step = 0; step < 400; step++) {
        const client = { id: pick(['c1', 'c2']) };
        const queued = await contents(reference, client.id);
        const r = random();
        let call: (p: OutgoingMethods) => Promise<unknown>;
        if (r < 0.35 || queued.length === 0) {
          counter += 1;
          const packet = {
            cmd: 'publish',
            topic: 't',
            payload: Buffer.from(String(counter)),
            qos: pick([1, 2]),
            brokerId: pick(['b1', 'b1', 'b2']),
            brokerCounter: counter,
          };
          // Overlapping subscriptions of one client queue a message twice under one broker counter.
          const which = random();
          const subs =
            which < 0.4
              ? [{ clientId: client.id }]
              : which < 0.8
                ? [{ clientId: 'c1' }, { clientId: 'c2' }]
                : [{ clientId: client.id }, { clientId: client.id }];
          call = (p) =>
            subs.length === 1
              ? p.outgoingEnqueue(subs[0] as { clientId: string }, packet)
              : p.outgoingEnqueueCombi(subs, packet);
        } else if (r < 0.6) {
          const target = pick(queued);
          const messageId = pick([1, 2, 3, 4, 5]);
          call = (p) => p.outgoingUpdate(client, { ...target, messageId });
        } else if (r < 0.7) {
          const messageId = pick([1, 2, 3, 4, 5]);
          call = (p) => p.outgoingUpdate(client, { cmd: 'pubrel', messageId });
        } else {
          const messageId = pick([1, 2, 3, 4, 5, 6, undefined]);
          call = (p) => p.outgoingClearMessageId(client, { cmd: 'puback', messageId });
        }
        expect(await outcome(() => call(ours))).toEqual(await outcome(() => call(reference)));
        expect(await contents(ours, client.id)).toEqual(await contents(reference, client.id));
      }
    });
  }

  it('drains a long queue in order, front to back', async () => {
    const ours = new Reference();
    installOutgoingQueues(ours);
    const client = { id: 'ingest' };
    for (let i = 1; i <= 5000; i++) {
      await ours.outgoingEnqueue(
        { clientId: 'ingest' },
        { cmd: 'publish', qos: 1, brokerId: 'b', brokerCounter: i },
      );
    }
    const cleared: number[] = [];
    for (let i = 1; i <= 5000; i++) {
      await ours.outgoingUpdate(client, { brokerId: 'b', brokerCounter: i, messageId: i % 65535 });
      cleared.push(
        (await ours.outgoingClearMessageId(client, { messageId: i % 65535 }))?.brokerCounter ?? -1,
      );
    }
    expect(cleared).toEqual(Array.from({ length: 5000 }, (_, i) => i + 1));
    expect(await contents(ours, 'ingest')).toEqual([]);
  });
});
