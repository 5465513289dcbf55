// The time a message without `ts` is given: its arrival, unless its desk or door was already given
// that time or a later one, and then 1 ms past it. To a store, one desk or door at one time is one
// point, so two messages given one time would be one. Ingest stamps what it stores by this rule, and
// the API its live headcount, so both count a burst alike.

export type ArrivalStamps = {
  /** The time for a message of `key` (its topic, or its door) that arrived at `arrivedAt`. */
  stamp(key: string, arrivedAt: number): number;
};

/**
 * A last time this far ahead of an arrival means the clock was set back, not a burst (one desk would
 * need tens of thousands of messages at once): the times start again from the arrival, as if this
 * were the key's first, rather than run ahead of the clock until it catches up.
 */
const MAX_STAMP_LEAD_MS = 60_000;

/** Remembers the last time of `capacity` keys, forgetting the one quiet longest. */
export function createArrivalStamps(capacity: number): ArrivalStamps {
  const lastOf = new Map<string, number>();
  return {
    stamp(key, arrivedAt) {
      const last = lastOf.get(key);
      const burst = last !== undefined && last >= arrivedAt && last - arrivedAt < MAX_STAMP_LEAD_MS;
      const stamp = burst ? last + 1 : arrivedAt;
      // Deleted first, so the map's order is of use: the first key in it is the one quiet longest.
      if (last !== undefined) lastOf.delete(key);
      else if (lastOf.size >= capacity) lastOf.delete(lastOf.keys().next().value as string);
      lastOf.set(key, stamp);
      return stamp;
    },
  };
}
