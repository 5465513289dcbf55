import { WEEKDAYS, type Weekday } from './site-model.ts';

// Sites live in their own time zone: opening hours, the daily headcount reset, the simulator's day and
// every report are in local time. Intl gives each zone's UTC offset; everything else is arithmetic on
// it, so there is no date library and no hand-kept daylight-saving table.

const MINUTE_MS = 60_000;
// Every zone in use today changes its UTC offset on a quarter-hour boundary, so one Intl lookup per
// quarter hour is exact and keeps Intl (microseconds a call) off the path of a simulated or reported year.
const BUCKET_MS = 15 * MINUTE_MS;
const CACHE_LIMIT = 4096;

/** Wall-clock time at the site: what its people see on their watches. */
export type LocalTime = {
  weekday: Weekday;
  /** Minutes since local midnight, with fractions. */
  minutes: number;
  /** The local calendar day as YYYY-MM-DD; changes at local midnight. */
  day: string;
};

export type LocalParts = {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: Weekday;
};

/** The zone's UTC offset (ms to add to UTC) at each instant, cached per quarter hour. */
export function createOffsetLookup(timeZone: string): (epochMs: number) => number {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
  });
  const offsets = new Map<number, number>();
  return (epochMs) => {
    const bucket = Math.floor(epochMs / BUCKET_MS);
    let offset = offsets.get(bucket);
    if (offset === undefined) {
      offset = utcOffset(format, bucket * BUCKET_MS);
      if (offsets.size >= CACHE_LIMIT) offsets.clear();
      offsets.set(bucket, offset);
    }
    return offset;
  };
}

/**
 * A fast converter from epoch ms to the site's local time.
 * @example createLocalTime('Europe/Rome')(Date.UTC(2025, 2, 12, 9, 30)) // { weekday: 'wed', minutes: 630, ... }
 */
export function createLocalTime(timeZone: string): (epochMs: number) => LocalTime {
  const offsetAt = createOffsetLookup(timeZone);
  return (epochMs) => {
    const wall = new Date(epochMs + offsetAt(epochMs));
    const midnight = Date.UTC(wall.getUTCFullYear(), wall.getUTCMonth(), wall.getUTCDate());
    return {
      weekday: weekdayOf(wall),
      minutes: (wall.getTime() - midnight) / MINUTE_MS,
      day: new Date(midnight).toISOString().slice(0, 10),
    };
  };
}

/** The epoch ms at which the local clock shows `minutes` on the same local day as `epochMs`. */
export function atLocalMinutes(
  localTime: (epochMs: number) => LocalTime,
  epochMs: number,
  minutes: number,
): number {
  let guess = epochMs + (minutes - localTime(epochMs).minutes) * MINUTE_MS;
  // One correction absorbs a daylight-saving change between the two instants.
  guess += (minutes - localTime(guess).minutes) * MINUTE_MS;
  return Math.round(guess);
}

/**
 * One time zone's conversions, sharing one cached offset lookup. The lookup builds an
 * Intl.DateTimeFormat, so a one-off call below costs about 80 µs and a clock's about 1: code that
 * converts often (the deriver, per door report and per range) keeps a clock per site.
 * @example createZoneClock('Europe/Rome').lastLocalTime(Date.now(), '04:00') // today's 04:00, or yesterday's
 */
export function createZoneClock(timeZone: string) {
  const offsetAt = createOffsetLookup(timeZone);
  const localPartsAt = (ts: number): LocalParts => partsOf(new Date(ts + offsetAt(ts)));
  const zonedTimeOf = (date: LocalDate, time: LocalClockTime): number => {
    const wall = Date.UTC(date.year, date.month - 1, date.day, time.hour, time.minute);
    // Guess with the offset at the wall time read as UTC, then correct once with the offset found there.
    return wall - offsetAt(wall - offsetAt(wall));
  };
  return {
    /** The wall-clock date and time at `ts`. */
    localParts: localPartsAt,
    /** The epoch ms of a wall-clock time: in a DST gap the time just after it, in an overlap the earlier. */
    zonedTime: zonedTimeOf,
    /** The latest moment at or before `ts` when the local clock read `hhmm` (e.g. the daily reset). */
    lastLocalTime(ts: number, hhmm: string): number {
      const [hour = 0, minute = 0] = hhmm.split(':').map(Number);
      const candidate = zonedTimeOf(localPartsAt(ts), { hour, minute });
      if (candidate <= ts) return candidate;
      return zonedTimeOf(localPartsAt(candidate - 86_400_000 + 3_600_000 * 3), { hour, minute });
    },
  };
}

export type ZoneClock = ReturnType<typeof createZoneClock>;
type LocalDate = { year: number; month: number; day: number };
type LocalClockTime = { hour: number; minute: number };

/** The wall-clock date and time at `ts` in `timeZone` (one-off: see createZoneClock). */
export function localParts(ts: number, timeZone: string): LocalParts {
  return createZoneClock(timeZone).localParts(ts);
}

/**
 * The epoch ms of a wall-clock time in `timeZone`. In a DST gap it gives the time just after the
 * gap; in a DST overlap, the earlier of the two (one-off: see createZoneClock).
 */
export function zonedTime(date: LocalDate, time: LocalClockTime, timeZone: string): number {
  return createZoneClock(timeZone).zonedTime(date, time);
}

/** The latest moment at or before `ts` when the local clock read `hhmm` (one-off: see createZoneClock). */
export function lastLocalTime(ts: number, hhmm: string, timeZone: string): number {
  return createZoneClock(timeZone).lastLocalTime(ts, hhmm);
}

function partsOf(wall: Date): LocalParts {
  return {
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
    second: wall.getUTCSeconds(),
    weekday: weekdayOf(wall),
  };
}

// getUTCDay counts from Sunday; WEEKDAYS starts on Monday.
function weekdayOf(wall: Date): Weekday {
  return WEEKDAYS[(wall.getUTCDay() + 6) % 7] as Weekday;
}

function utcOffset(format: Intl.DateTimeFormat, epochMs: number): number {
  const parts: Record<string, number> = {};
  for (const part of format.formatToParts(epochMs)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const wall = Date.UTC(
    parts.year ?? 1970,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
  );
  return wall - Math.floor(epochMs / MINUTE_MS) * MINUTE_MS;
}
