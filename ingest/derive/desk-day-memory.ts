import { atLocalMinutes, createLocalTime, createOpeningHours, type SiteIndex } from '../../protocol/index.ts';
import { DESK_BUCKET_MS, type DeskDayRecord, type DeskUsageRecord } from '../../store/derived-records.ts';
import { emptyDeskDay } from './desk-days.ts';

// A site's desk days (store/derived-records.ts) kept as running sums of the desk usage buckets
// written for them, so a run need not read the whole day's buckets back from the store: by evening
// that is 96 buckets per desk, 96,000 rows for 1,000 desks, on every run. A day is read from the
// store once (its first run here, or a late event for an older day); after that each bucket written
// replaces its old value in the sums. The sums equal what deriveDeskDays computes from the store
// (incremental.test.ts): buckets are only ever overwritten, never deleted, and both sum them all.

type Day = { buckets: Map<string, DeskUsageRecord>; desks: Map<string, DeskDayRecord> };

export type DeskDayMemory = ReturnType<typeof createDeskDayMemory>;

export function createDeskDayMemory(index: SiteIndex) {
  const { site } = index;
  const local = createLocalTime(site.timezone);
  const opening = createOpeningHours(site);
  const days = new Map<number, Day>();
  // Every time zone's midnight falls on a quarter hour, so a bucket's day is looked up per bucket.
  const dayStarts = new Map<number, number>();

  const dayOf = (ts: number): number => {
    const bucket = Math.floor(ts / DESK_BUCKET_MS) * DESK_BUCKET_MS;
    let start = dayStarts.get(bucket);
    if (start === undefined) {
      start = atLocalMinutes(local, ts, 0);
      dayStarts.set(bucket, start);
    }
    return start;
  };
  /** Days are 23 to 25 hours long: 26 hours after a midnight is always in the next day. */
  const nextDay = (start: number) => atLocalMinutes(local, start + 26 * 3_600_000, 0);

  function add(day: Day, bucket: DeskUsageRecord, sign: 1 | -1, start: number): void {
    let total = day.desks.get(bucket.desk);
    if (!total) {
      total = emptyDeskDay(bucket, start);
      day.desks.set(bucket.desk, total);
    }
    total.occupiedMs += sign * bucket.occupiedMs;
    total.knownMs += sign * bucket.knownMs;
    total.arrivals += sign * bucket.arrivals;
    if (opening.isOpen(bucket.ts)) {
      total.openOccupiedMs += sign * bucket.occupiedMs;
      total.openKnownMs += sign * bucket.knownMs;
      total.openArrivals += sign * bucket.arrivals;
    }
  }

  /** Takes a bucket as the store now holds it (a new one, or one written again). */
  function put(bucket: DeskUsageRecord): void {
    const start = dayOf(bucket.ts);
    const day = days.get(start);
    if (!day) return; // not loaded: read from the store when it is needed
    const key = `${bucket.desk}\u0000${bucket.ts}`;
    const old = day.buckets.get(key);
    if (old) add(day, old, -1, start);
    day.buckets.set(key, bucket);
    add(day, bucket, 1, start);
  }

  return {
    /** The starts of the local days that [from, to) touches. */
    daysOf(from: number, to: number): number[] {
      const starts: number[] = [];
      for (let start = dayOf(from); start < to; start = nextDay(start)) starts.push(start);
      return starts;
    },
    nextDay,
    has: (start: number) => days.has(start),
    /** A day's buckets as read from the store, from its midnight to the next. */
    load(start: number, buckets: readonly DeskUsageRecord[]): void {
      days.set(start, { buckets: new Map(), desks: new Map() });
      for (const bucket of buckets) put(bucket);
    },
    put(buckets: readonly DeskUsageRecord[]): void {
      for (const bucket of buckets) put(bucket);
    },
    /** The desk days of a loaded day. */
    deskDays(start: number): DeskDayRecord[] {
      return [...(days.get(start)?.desks.values() ?? [])].map((d) => ({ ...d }));
    },
    /** Drops days that ended before `before`. */
    forget(before: number): void {
      for (const start of days.keys()) if (nextDay(start) <= before) days.delete(start);
      for (const bucket of dayStarts.keys())
        if (bucket < before - 2 * 24 * 3_600_000) dayStarts.delete(bucket);
    },
  };
}
