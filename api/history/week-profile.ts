import { createLocalTime, type Site, WEEKDAYS, type Weekday } from '../../protocol/index.ts';
import type { Store } from '../../store/store.ts';

// Hour-by-weekday profiles from the derived series: what a desk or the site usually looks like at
// this hour on this weekday, over the last weeks. 168 slots, Monday 00:00 first, in the site's zone.

export const PROFILE_DAYS = 28;
const DAY_MS = 86_400_000;
export const SLOTS = 7 * 24;

export const slotOf = (weekday: Weekday, hour: number) => WEEKDAYS.indexOf(weekday) * 24 + hour;

/** Per desk and slot: milliseconds occupied and milliseconds known, summed over the weeks. */
export type DeskWeekProfile = Map<string, { occupiedMs: Float64Array; knownMs: Float64Array }>;

export async function deskWeekProfile(store: Store, site: Site, now: number): Promise<DeskWeekProfile> {
  const local = createLocalTime(site.timezone);
  const rows = await store.series('deskUsage', { site: site.id, from: now - PROFILE_DAYS * DAY_MS, to: now });
  const profile: DeskWeekProfile = new Map();
  for (const row of rows) {
    let desk = profile.get(row.desk);
    if (!desk) {
      desk = { occupiedMs: new Float64Array(SLOTS), knownMs: new Float64Array(SLOTS) };
      profile.set(row.desk, desk);
    }
    const time = local(row.ts);
    const slot = slotOf(time.weekday, Math.floor(time.minutes / 60));
    desk.occupiedMs[slot] = (desk.occupiedMs[slot] ?? 0) + row.occupiedMs;
    desk.knownMs[slot] = (desk.knownMs[slot] ?? 0) + row.knownMs;
  }
  return profile;
}

/** Per slot: the site's desk occupancy share and mean headcount, null where nothing was known. */
export type SiteWeekSlot = {
  weekday: Weekday;
  hour: number;
  deskShare: number | null;
  headcount: number | null;
};

export async function siteWeekProfile(store: Store, site: Site, now: number): Promise<SiteWeekSlot[]> {
  const local = createLocalTime(site.timezone);
  const rows = await store.series('siteQuarters', {
    site: site.id,
    from: now - PROFILE_DAYS * DAY_MS,
    to: now,
  });
  const occupied = new Float64Array(SLOTS);
  const known = new Float64Array(SLOTS);
  const people = new Float64Array(SLOTS);
  const minutes = new Float64Array(SLOTS);
  for (const row of rows) {
    const time = local(row.ts);
    const slot = slotOf(time.weekday, Math.floor(time.minutes / 60));
    occupied[slot] = (occupied[slot] ?? 0) + row.occupiedSum;
    known[slot] = (known[slot] ?? 0) + row.knownSum;
    people[slot] = (people[slot] ?? 0) + row.headcountSum;
    minutes[slot] = (minutes[slot] ?? 0) + row.headcountMinutes;
  }
  return WEEKDAYS.flatMap((weekday) =>
    Array.from({ length: 24 }, (_, hour) => {
      const slot = slotOf(weekday, hour);
      const k = known[slot] ?? 0;
      const m = minutes[slot] ?? 0;
      return {
        weekday,
        hour,
        deskShare: k > 0 ? round3((occupied[slot] ?? 0) / k) : null,
        headcount: m > 0 ? Math.round(((people[slot] ?? 0) / m) * 10) / 10 : null,
      };
    }),
  );
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;
