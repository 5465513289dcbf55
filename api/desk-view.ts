import type { DeskStateName } from '../protocol/index.ts';

/** What the API knows of one desk: its last accepted report and when its sensor was last heard. */
export type DeskMemory = {
  occupied: boolean | undefined;
  /** Timestamp of the report `occupied` came from; an older report never overrides it. */
  reportTs: number | undefined;
  /** When the desk entered its current occupied/free state. */
  since: number | undefined;
  /** The desk was occupied right before its current free spell: it is `away` for the grace period. */
  vacated: boolean;
  lastSeen: number | undefined;
  /** The sensor's last will arrived and nothing has been heard since. */
  willReceived: boolean;
};

export const newDeskMemory = (): DeskMemory => ({
  occupied: undefined,
  reportTs: undefined,
  since: undefined,
  vacated: false,
  lastSeen: undefined,
  willReceived: false,
});

export type DeskTimings = { offlineAfterMs: number; awayGraceMs: number };

/**
 * The state a desk shows now. A silent sensor makes the desk `offline`, never `free`:
 * a member must not walk to a desk we know nothing about. A desk left less than the grace ago is
 * `away` (held: someone went for a coffee), then `free`.
 */
export function deskStateName(memory: DeskMemory, now: number, timings: DeskTimings): DeskStateName {
  if (memory.willReceived) return 'offline';
  if (memory.lastSeen !== undefined && now - memory.lastSeen > timings.offlineAfterMs) return 'offline';
  if (memory.occupied === undefined) return 'unknown';
  if (memory.occupied) return 'occupied';
  const away = memory.vacated && memory.since !== undefined && now - memory.since < timings.awayGraceMs;
  return away ? 'away' : 'free';
}

/** Applies a desk report; returns false when it is older than what we have (stale, ignored). */
export function applyDeskReport(memory: DeskMemory, occupied: boolean, ts: number, heardAt: number): boolean {
  memory.lastSeen = Math.max(memory.lastSeen ?? 0, Math.min(ts, heardAt));
  memory.willReceived = false;
  if (memory.reportTs !== undefined && ts < memory.reportTs) return false;
  if (memory.occupied !== occupied || memory.since === undefined) {
    memory.vacated = memory.occupied === true && !occupied;
    memory.since = ts;
  }
  memory.occupied = occupied;
  memory.reportTs = ts;
  return true;
}

/** A device heartbeat or last will for the sensor of this desk. */
export function applySensorStatus(memory: DeskMemory, online: boolean, ts: number, heardAt: number): void {
  if (!online) {
    memory.willReceived = true;
    return;
  }
  memory.willReceived = false;
  memory.lastSeen = Math.max(memory.lastSeen ?? 0, Math.min(ts, heardAt));
}
