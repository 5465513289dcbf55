import type { DoorCountRecord } from '../../store/records.ts';
import type { Segment } from './desk-segments.ts';
import type { DoorReport } from './headcount-minutes.ts';

// What the deriver keeps of one site's recent events, so that deriving the live ranges needs no store
// read. Each desk's reports are kept as the stretches they make (heartbeats merged, as deskSegments
// merges them), so memory grows with state changes, not with reports; door reports are kept as they
// are (they are few). Memory is exact from `from` on: a derivation of [a, b) with a ≥ from gives what
// reading the store would. A late report that changes a stretch already kept cannot be placed
// exactly (the heartbeats inside a stretch are gone), so it makes the memory invalid instead; the
// deriver then reads the store again. A report the memory already holds changes nothing.

export type DeskReport = { desk: string; ts: number; occupied: boolean };

type Track = { segments: Segment[]; lastTs: number };

export type SiteMemory = ReturnType<typeof createSiteMemory>;

/**
 * @param from where exactness starts; desk reports from `from − windowMs` on and door reports from
 * `doorsFrom` on (the daily reset before `from`) must all be fed, in any order.
 */
export function createSiteMemory(windowMs: number, from: number, doorsFrom: number) {
  const tracks = new Map<string, Track>();
  let doors: DoorCountRecord[] = [];
  let start = from;
  let doorStart = doorsFrom;
  let valid = true;

  function append(track: Track, ts: number, occupied: boolean): void {
    const last = track.segments.at(-1);
    // The report before holds until this one at the latest.
    if (last && last.to > ts) last.to = ts;
    if (last && last.to === ts && last.occupied === occupied) last.to = ts + windowMs;
    else track.segments.push({ from: ts, to: ts + windowMs, occupied });
    track.lastTs = ts;
  }

  /**
   * Whether adding a report at or before the last one changes nothing: it falls inside a stretch of
   * its own state that lasts its whole hold, or that another state's stretch ends. A report already
   * held always does; a new one there would only repeat what the stretch says.
   */
  function absorbed(track: Track, ts: number, occupied: boolean): boolean {
    const { segments } = track;
    for (let i = segments.length - 1; i >= 0; i--) {
      const s = segments[i] as Segment;
      if (s.from > ts) continue;
      if (ts >= s.to || s.occupied !== occupied) return false;
      return ts + windowMs <= s.to || segments[i + 1]?.from === s.to;
    }
    return false;
  }

  return {
    /** Where exactness starts; undefined once a late report made the memory invalid. */
    from: (): number | undefined => (valid ? start : undefined),
    addDesk(report: DeskReport): void {
      if (!valid || report.ts + windowMs < start) return;
      let track = tracks.get(report.desk);
      if (!track) {
        track = { segments: [], lastTs: Number.NEGATIVE_INFINITY };
        tracks.set(report.desk, track);
      }
      if (report.ts > track.lastTs) append(track, report.ts, report.occupied);
      else if (!absorbed(track, report.ts, report.occupied)) valid = false;
    },
    addDoor(report: DoorCountRecord): void {
      if (!valid || report.ts < doorStart) return;
      // Sorted by time then door, as the store reads them; the same door and time is one point.
      let i = doors.length;
      while (i > 0 && compareDoor(doors[i - 1] as DoorCountRecord, report) > 0) i--;
      const before = doors[i - 1];
      if (before && compareDoor(before, report) === 0) doors[i - 1] = report;
      else doors.splice(i, 0, report);
    },
    /** A desk's stretches that reach into [from, to), those ending right at `from` included. */
    segments(desk: string, from: number, to: number): Segment[] {
      const segments = tracks.get(desk)?.segments ?? [];
      return segments.filter((s) => s.to >= from && s.from < to);
    },
    /** Door reports in [from, to), sorted. */
    doors(from: number, to: number): DoorReport[] {
      return doors.filter((d) => d.ts >= from && d.ts < to);
    },
    /** Moves the start later and forgets what only mattered before it, so memory stays bounded. */
    forget(from: number, doorsFrom: number): void {
      if (from <= start) return;
      start = from;
      doorStart = Math.max(doorStart, doorsFrom);
      for (const track of tracks.values()) {
        const keep = track.segments.findIndex((s) => s.to >= start);
        track.segments = keep === -1 ? [] : track.segments.slice(keep);
      }
      doors = doors.filter((d) => d.ts >= doorStart);
    },
    /** Stretches and door reports held, for the stats. */
    size: () => [...tracks.values()].reduce((n, t) => n + t.segments.length, doors.length),
  };
}

function compareDoor(a: DoorCountRecord, b: DoorCountRecord): number {
  return a.ts - b.ts || (a.door < b.door ? -1 : a.door > b.door ? 1 : 0);
}
