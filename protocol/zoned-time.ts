import type { Weekday } from './site-model.ts';

// Sites live in their own time zone: opening hours, the daily headcount reset and every report are
// in local time. Intl does the zone arithmetic, so no date library and no hand-kept DST table.

export type LocalParts = {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: Weekday;
};

const WEEKDAY_BY_SHORT: Record<string, Weekday> = {
  Mon: 'mon',
  Tue: 'tue',
  Wed: 'wed',
  Thu: 'thu',
  Fri: 'fri',
  Sat: 'sat',
  Sun: 'sun',
};

/** The wall-clock date and time at `ts` in `timeZone`. */
export function localParts(ts: number, timeZone: string): LocalParts {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
    weekday: 'short',
  });
  const parts: Record<string, string> = {};
  for (const part of format.formatToParts(ts)) parts[part.type] = part.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: WEEKDAY_BY_SHORT[parts.weekday ?? ''] ?? 'mon',
  };
}

/**
 * The epoch ms of a wall-clock time in `timeZone`. In a DST gap it gives the time just after the
 * gap; in a DST overlap, the earlier of the two.
 */
export function zonedTime(
  date: { year: number; month: number; day: number },
  time: { hour: number; minute: number },
  timeZone: string,
): number {
  const wall = Date.UTC(date.year, date.month - 1, date.day, time.hour, time.minute);
  // Guess with the offset at the wall time read as UTC, then correct once with the offset found there.
  let ts = wall - offsetAt(wall, timeZone);
  ts = wall - offsetAt(ts, timeZone);
  return ts;
}

function offsetAt(ts: number, timeZone: string): number {
  const p = localParts(ts, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(ts / 1000) * 1000;
}

/** The latest moment at or before `ts` when the local clock read `hhmm` (e.g. the daily reset). */
export function lastLocalTime(ts: number, hhmm: string, timeZone: string): number {
  const [hour = 0, minute = 0] = hhmm.split(':').map(Number);
  const today = localParts(ts, timeZone);
  const candidate = zonedTime(today, { hour, minute }, timeZone);
  if (candidate <= ts) return candidate;
  const yesterday = localParts(candidate - 86_400_000 + 3_600_000 * 3, timeZone);
  return zonedTime(yesterday, { hour, minute }, timeZone);
}
