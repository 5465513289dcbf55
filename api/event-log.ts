import type { LiveEvent } from '../protocol/index.ts';

export type LoggedEvent = { id: number; event: LiveEvent };
type Listener = (entry: LoggedEvent) => void;

/**
 * The live stream's memory: every change gets the next id, and the last `capacity` changes are kept
 * so a client that reconnects with Last-Event-ID gets what it missed instead of a gap.
 */
export function createEventLog(capacity = 2000) {
  const ring: LoggedEvent[] = [];
  const listeners = new Set<Listener>();
  let nextId = 1;

  return {
    append(event: LiveEvent): LoggedEvent {
      const entry = { id: nextId++, event };
      ring.push(entry);
      if (ring.length > capacity) ring.shift();
      for (const listener of listeners) listener(entry);
      return entry;
    },
    /**
     * What came after `lastId`; `undefined` when part of it has already been forgotten, so the
     * client must reload the whole live view instead.
     */
    since(lastId: number): LoggedEvent[] | undefined {
      if (lastId >= nextId) return undefined;
      const oldest = ring[0]?.id ?? nextId;
      if (lastId + 1 < oldest) return undefined;
      return ring.filter((entry) => entry.id > lastId);
    },
    subscribe(listener: Listener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    lastId: () => nextId - 1,
  };
}

export type EventLog = ReturnType<typeof createEventLog>;
