// Gives a redelivered copy of a message without `ts` the timestamp its first copy got. Such a message
// is stamped with its arrival time, so a copy the broker sends again (its acknowledgement was lost in
// a crash) would otherwise be a second event a moment later: a door's people counted twice. A copy
// is recognised by its topic and its exact payload, which carries the device's `seq`; messages with
// neither `ts` nor `seq` cannot be told from a repeat and are not remembered.

export type SeqMemory = {
  /** The timestamp to store the message at: the first copy's, or `ts` when this is the first. */
  stamp(topic: string, payload: string, ts: number): number;
  /** Copies recognised so far. */
  repeats(): number;
  size(): number;
};

/** Remembers the last `capacity` messages, forgetting the oldest first, so memory stays bounded. */
export function createSeqMemory(capacity: number): SeqMemory {
  const seen = new Map<string, number>();
  let repeats = 0;
  return {
    stamp(topic, payload, ts) {
      const key = `${topic}\n${payload}`;
      const first = seen.get(key);
      if (first !== undefined) {
        repeats += 1;
        return first;
      }
      seen.set(key, ts);
      if (seen.size > capacity) seen.delete(seen.keys().next().value as string);
      return ts;
    },
    repeats: () => repeats,
    size: () => seen.size,
  };
}
