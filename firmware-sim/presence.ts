import type { LocalTime, OpeningHours } from '../protocol/index.ts';
import { openInterval, shareWithin } from './day-profile.ts';
import { type Person, personalMinutes } from './population.ts';

/** A moment on the model's grid: its local time, the opening interval it falls in, the site's share then. */
export type Moment = {
  local: LocalTime;
  interval: { open: number; close: number } | undefined;
  share: number;
};

export type Presence = {
  /** Reads the site's profile at one local time. */
  moment(local: LocalTime): Moment;
  /** Today's attendees, set each morning: together they fill the share of desks the profile asks for. */
  setAttendees(count: number): void;
  /**
   * Each person's chance of being in at the three moments around a step (before, at, after). Consecutive
   * steps share two of the three, so only the newest is read; `key` changing (a new day) reads all three.
   */
  around(people: readonly Person[], moments: readonly Moment[], step: number, key: string): number[][];
};

// Present people are seen at their desk about this share of the time (short breaks); see occupancy-model.ts.
export const SEATED_SHARE = 50 / (50 + 7);

/**
 * How likely each person is to be in: the day profile read on their own clock (early birds, late
 * leavers), scaled so that the day's attendees fill the share of `workDesks` the profile asks for.
 */
export function createPresence(hours: OpeningHours, workDesks: number, stepMs: number): Presence {
  let attendees = 0;
  let cache: { step: number; key: string; rows: number[][] } | undefined;
  const of = (person: Person, { local, interval }: Moment): number => {
    if (!person.today || !interval || attendees === 0) return 0;
    const own = shareWithin(interval, local.weekday, personalMinutes(person, local.minutes));
    return (presentShare(own) * workDesks) / attendees;
  };
  return {
    moment(local) {
      const interval = openInterval(hours, local);
      const share = interval ? presentShare(shareWithin(interval, local.weekday, local.minutes)) : 0;
      return { local, interval, share };
    },
    setAttendees(count) {
      attendees = count;
    },
    around(people, moments, step, key) {
      const newest = moments[moments.length - 1];
      if (cache && newest && cache.step === step - stepMs && cache.key === key) {
        for (const [i, row] of cache.rows.entries()) {
          row.shift();
          row.push(people[i] ? of(people[i], newest) : 0);
        }
        cache.step = step;
      } else {
        cache = { step, key, rows: people.map((p) => moments.map((m) => of(p, m))) };
      }
      return cache.rows;
    },
  };
}

/** People present for a share of desks taken: some of those present are on a break. */
export function presentShare(deskShare: number): number {
  return Math.min(1, deskShare / SEATED_SHARE);
}
