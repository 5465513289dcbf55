import { atLocalMinutes, createLocalTime, createOpeningHours, type SiteIndex } from '../../protocol/index.ts';
import type { DeskDayRecord, DeskUsageRecord } from '../../store/derived-records.ts';
import type { Store } from '../../store/store.ts';

/**
 * Recomputes the desk days (store/derived-records.ts) of every local day that [from, to) touches,
 * from the desk usage buckets already stored. Opening hours are the site's as they are now.
 */
export async function deriveDeskDays(
  store: Store,
  index: SiteIndex,
  from: number,
  to: number,
): Promise<DeskDayRecord[]> {
  const { site } = index;
  const local = createLocalTime(site.timezone);
  const opening = createOpeningHours(site);
  const first = atLocalMinutes(local, from, 0);
  const afterLast = atLocalMinutes(local, to - 1 + 26 * 3_600_000, 0);
  const buckets = await store.series('deskUsage', { site: site.id, from: first, to: afterLast });
  const days = new Map<string, DeskDayRecord>();
  const dayStarts = new Map<string, number>();
  for (const bucket of buckets) {
    const time = local(bucket.ts);
    let start = dayStarts.get(time.day);
    if (start === undefined) {
      start = atLocalMinutes(local, bucket.ts, 0);
      dayStarts.set(time.day, start);
    }
    const key = `${bucket.desk}@${start}`;
    let day = days.get(key);
    if (!day) {
      day = emptyDeskDay(bucket, start);
      days.set(key, day);
    }
    day.occupiedMs += bucket.occupiedMs;
    day.knownMs += bucket.knownMs;
    day.arrivals += bucket.arrivals;
    if (opening.isOpen(bucket.ts)) {
      day.openOccupiedMs += bucket.occupiedMs;
      day.openKnownMs += bucket.knownMs;
      day.openArrivals += bucket.arrivals;
    }
  }
  return [...days.values()];
}

/** A desk day with nothing summed yet, for the desk of `bucket` and the day starting at `start`. */
export function emptyDeskDay(bucket: DeskUsageRecord, start: number): DeskDayRecord {
  const { site, floor, zone, desk } = bucket;
  return {
    site,
    floor,
    zone,
    desk,
    ts: start,
    openOccupiedMs: 0,
    openKnownMs: 0,
    openArrivals: 0,
    occupiedMs: 0,
    knownMs: 0,
    arrivals: 0,
  };
}
