import { createArrivalStamps } from '../protocol/index.ts';

// The times ingest gives messages without `ts`: their arrival, with two corrections. A redelivered
// copy (its acknowledgement was lost in a crash) gets the time its first copy got, or it would be a
// second event a moment later: a door's people counted twice. A copy is recognised by its topic and
// its exact payload, which carries the device's `seq`; messages with neither `ts` nor `seq` cannot be
// told from a repeat and are not remembered. And two messages of one topic never get the same time
// (protocol/arrival-stamps.ts), as when the broker hands over a queue in a burst after ingest was down.

export type SeqMemory = {
  /**
   * The time to store a message that arrived at `ts` without a time of its own: the first copy's
   * when `payload` (set when it carries `seq`) was seen on `topic` before; otherwise the topic's
   * arrival stamp for `ts` (protocol/arrival-stamps.ts).
   */
  stamp(topic: string, payload: string | undefined, ts: number): number;
  /** Copies recognised so far. */
  repeats(): number;
  size(): number;
};

/**
 * Remembers the last `capacity` messages with `seq`, and the last time of as many topics, forgetting
 * the oldest message and the topic quiet longest, so memory stays bounded.
 */
export function createSeqMemory(capacity: number): SeqMemory {
  const seen = new Map<string, number>();
  const times = createArrivalStamps(capacity);
  let repeats = 0;
  return {
    stamp(topic, payload, ts) {
      const key = payload === undefined ? undefined : `${topic}\n${payload}`;
      const first = key === undefined ? undefined : seen.get(key);
      if (first !== undefined) {
        repeats += 1;
        return first;
      }
      const stamp = times.stamp(topic, ts);
      if (key !== undefined) {
        seen.set(key, stamp);
        if (seen.size > capacity) seen.delete(seen.keys().next().value as string);
      }
      return stamp;
    },
    repeats: () => repeats,
    size: () => seen.size,
  };
}
