import type { DeskUsageRecord } from '../../store/derived-records.ts';
import { DESK_BUCKET_MS } from '../../store/derived-records.ts';
import type { Segment } from './desk-segments.ts';

export type DeskPlace = { site: string; floor: string; zone: string; desk: string };

/**
 * One record per 15-minute bucket in [from, to): occupied and known milliseconds, and arrivals (a
 * stretch of occupation that follows a free or unknown one starts in the bucket). Every bucket in the
 * range gets a record, zeros included, so a recomputation overwrites whatever was there. Stretches may
 * start before `from`: one that does was an arrival before the range, not in it, so the answer does
 * not depend on where a recomputation happens to start.
 */
export function deskUsage(
  place: DeskPlace,
  segments: readonly Segment[],
  from: number,
  to: number,
): DeskUsageRecord[] {
  const records: DeskUsageRecord[] = [];
  // Written out, not spread from `place`: an object spread cost about 1 µs each on Node 20, and a
  // pass over history makes one record per desk and quarter hour.
  const { site, floor, zone, desk } = place;
  for (let ts = from; ts < to; ts += DESK_BUCKET_MS) {
    records.push({ site, floor, zone, desk, ts, occupiedMs: 0, knownMs: 0, arrivals: 0 });
  }
  let previous: Segment | undefined;
  for (const segment of segments) {
    for (
      let ts = floorTo(Math.max(segment.from, from), from);
      ts < segment.to && ts < to;
      ts += DESK_BUCKET_MS
    ) {
      const record = records[(ts - from) / DESK_BUCKET_MS];
      if (!record) continue;
      const overlap = Math.min(segment.to, ts + DESK_BUCKET_MS) - Math.max(segment.from, ts);
      record.knownMs += overlap;
      if (segment.occupied) record.occupiedMs += overlap;
    }
    const continues = previous?.occupied === true && previous.to === segment.from;
    if (segment.occupied && !continues && segment.from >= from) {
      const record = records[Math.floor((segment.from - from) / DESK_BUCKET_MS)];
      if (record) record.arrivals += 1;
    }
    previous = segment;
  }
  return records;
}

function floorTo(ts: number, origin: number): number {
  return origin + Math.floor((ts - origin) / DESK_BUCKET_MS) * DESK_BUCKET_MS;
}
