import type { SiteIndex, TopicParser } from '../protocol/index.ts';
import type {
  DeadLetterRecord,
  DeskStateRecord,
  DeviceStatusRecord,
  DoorCountRecord,
} from '../store/records.ts';
import { dispatch } from './dispatch.ts';
import type { SeqMemory } from './seq-memory.ts';
import type { WalEntry } from './wal-format.ts';

// Turns records read from the log into one store write. Validation happens here, not on arrival, so
// a replay after a crash decides exactly as the first pass did: each message is judged at the time
// it was received, which the log kept.

export type EventBatch = {
  deskStates: DeskStateRecord[];
  doorCounts: DoorCountRecord[];
  deviceStatuses: DeviceStatusRecord[];
  deadLetters: DeadLetterRecord[];
};

export type BuiltBatch = {
  batch: EventBatch;
  /**
   * Where in `entries` each stored event came from, per kind, so a refused one becomes a dead letter.
   * Numbers, not the records: a batch waits for the store, and the log holds the records anyway.
   */
  origins: { [K in Exclude<keyof EventBatch, 'deadLetters'>]: number[] };
  accepted: number;
  deadLettered: number;
  retainedSkipped: number;
};

export type BuildContext = {
  sites: ReadonlyMap<string, SiteIndex>;
  maxFutureMs: number;
  /** Events older than this are set aside (the days of events kept); 0: any age. */
  maxAgeMs?: number;
  memory: SeqMemory;
  /** Reads topics (a `cachedTopicParser()` in ingest); `parseTopic` when unset. */
  parseTopic?: TopicParser;
};

export function buildBatch(entries: readonly WalEntry[], context: BuildContext): BuiltBatch {
  const built: BuiltBatch = {
    batch: { deskStates: [], doorCounts: [], deviceStatuses: [], deadLetters: [] },
    origins: { deskStates: [], doorCounts: [], deviceStatuses: [] },
    accepted: 0,
    deadLettered: 0,
    retainedSkipped: 0,
  };
  const { batch, origins } = built;
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i] as WalEntry;
    const result = judge(entry, context);
    if (!result.ok) {
      built.deadLettered += 1;
      batch.deadLetters.push(result.deadLetter);
    } else if (entry.retain && result.stamped) {
      // A retained message replayed on (re)subscribing, with no time of its own: it was stored when
      // it first arrived, and storing it again would invent an event now.
      built.retainedSkipped += 1;
    } else {
      built.accepted += 1;
      const { accepted } = result;
      if (accepted.kind === 'desk-state') {
        batch.deskStates.push(accepted.record);
        origins.deskStates.push(i);
      } else if (accepted.kind === 'door-count') {
        batch.doorCounts.push(accepted.record);
        origins.doorCounts.push(i);
      } else {
        batch.deviceStatuses.push(accepted.record);
        origins.deviceStatuses.push(i);
      }
    }
  }
  return built;
}

/** Runs records through validation only for what it teaches the memory (the replayed, confirmed tail). */
export function rememberOnly(entries: readonly WalEntry[], context: BuildContext): void {
  for (const entry of entries) judge(entry, context);
}

function judge(entry: WalEntry, context: BuildContext) {
  return dispatch(entry.topic, entry.payload, {
    sites: context.sites,
    now: entry.receivedAt,
    maxFutureMs: context.maxFutureMs,
    maxAgeMs: context.maxAgeMs,
    stamp: context.memory.stamp,
    parseTopic: context.parseTopic,
    wholeBytes: entry.wholeBytes,
  });
}
