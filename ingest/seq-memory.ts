// The times ingest gives messages without `ts`: their arrival, with two corrections. A redelivered
// copy (its acknowledgement was lost in a crash) gets the time its first copy got, or it would be a
// second event a moment later: a door's people counted twice. A copy is recognised by its topic and
// its exact payload, which carries the device's `seq`; messages with neither `ts` nor `seq` cannot be
// told from a repeat and are not remembered. And two messages of one topic never get the same time:
// for the store, one desk or door at one time is one point, so the second would replace the first.
// That happens when the broker hands over a queue in a burst, after ingest was down.

export type SeqMemory = {
  /**
   * The time to store a message that arrived at `ts` without a time of its own: the first copy's
   * when `payload` (set when it carries `seq`) was seen on `topic` before; otherwise `ts`, or 1 ms
   * past the topic's last time when `ts` is not later than it.
   */
  stamp(topic: string, payload: string | undefined, ts: number): number;
  /** Copies recognised so far. */
  repeats(): number;
  size(): number;
};

/**
 * Remembers the last `capacity` messages with `seq`, and the last time of as many topics, forgetting
 * the oldest first, so memory stays bounded.
 */
export function createSeqMemory(capacity: number): SeqMemory {
  const seen = new Map<string, number>();
  const lastOf = new Map<string, number>();
  let repeats = 0;
  return {
    stamp(topic, payload, ts) {
      const key = payload === undefined ? undefined : `${topic}\n${payload}`;
      if (key !== undefined) {
        const first = seen.get(key);
        if (first !== undefined) {
          repeats += 1;
          return first;
        }
      }
      const last = lastOf.get(topic);
      const stamp = last !== undefined && last >= ts ? last + 1 : ts;
      // Deleted first, so the map's order is of use and the topic forgotten is the one quiet longest.
      if (last !== undefined) lastOf.delete(topic);
      else if (lastOf.size >= capacity) lastOf.delete(lastOf.keys().next().value as string);
      lastOf.set(topic, stamp);
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
