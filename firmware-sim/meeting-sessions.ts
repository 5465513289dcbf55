import type { Zone } from '../protocol/index.ts';
import { toMinutes } from './day-profile.ts';
import { chance, type Random } from './prng.ts';

/** One booking of a meeting room: its attendees arrive together and leave together. */
export type MeetingSession = { zone: string; start: number; end: number; attendees: string[] };

// A small space's course or meeting room is booked on some days only, once or twice, on the half hour.
const BOOKED_DAY_CHANCE = 0.6;
const SHORT_DAY_BOOKED_CHANCE = 0.25;
const SHORT_DAY_MIN = 6 * 60;
const SECOND_SESSION_CHANCE = 0.4;
const ATTEND_CHANCE = 0.8;
const DURATIONS_MIN = [60, 90, 120] as const;

/**
 * The sessions of one meeting-room zone on one local day, as epoch ms.
 * `hours` are that day's opening intervals; `at(minutes)` turns a local time of that day into epoch ms.
 */
export function planMeetingDay(
  random: Random,
  zone: Zone,
  hours: ReadonlyArray<{ open: string; close: string }>,
  at: (minutes: number) => number,
): MeetingSession[] {
  const longest = hours
    .map((i) => ({ open: toMinutes(i.open), close: toMinutes(i.close) }))
    .sort((a, b) => b.close - b.open - (a.close - a.open))[0];
  if (!longest || zone.desks.length === 0) return [];
  const openMinutes = longest.close - longest.open;
  if (!chance(random, openMinutes >= SHORT_DAY_MIN ? BOOKED_DAY_CHANCE : SHORT_DAY_BOOKED_CHANCE)) return [];
  const sessions: MeetingSession[] = [];
  let earliest = longest.open + 60;
  const count = chance(random, SECOND_SESSION_CHANCE) ? 2 : 1;
  for (let n = 0; n < count; n++) {
    const duration = DURATIONS_MIN[Math.floor(random() * DURATIONS_MIN.length)] ?? 60;
    const latest = longest.close - duration - 30;
    if (latest < earliest) break;
    // Spread the first session over the first half of what is left, so a second one still fits after it.
    const span = n === 0 && count === 2 ? (latest - earliest) / 2 : latest - earliest;
    const start = Math.ceil((earliest + random() * span) / 30) * 30;
    if (start > latest) break;
    sessions.push({
      zone: zone.id,
      start: at(start),
      end: at(start + duration),
      attendees: attendees(random, zone),
    });
    earliest = start + duration + 30;
  }
  return sessions;
}

function attendees(random: Random, zone: Zone): string[] {
  const chosen = zone.desks.filter(() => chance(random, ATTEND_CHANCE)).map((d) => d.id);
  if (chosen.length >= Math.min(2, zone.desks.length)) return chosen;
  return zone.desks.slice(0, 2).map((d) => d.id);
}
