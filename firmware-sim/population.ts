import type { Site, Weekday, Zone } from '../protocol/index.ts';
import { WEEKDAYS } from '../protocol/index.ts';
import { between, chance, pickWeighted, type Random } from './prng.ts';

/** What a person does when their timer fires: sits down, steps away for a bit, gets up to go, goes out. */
export type PersonAction = 'sit' | 'break' | 'leave' | 'exit';

/**
 * Someone the model plays. A regular has a home zone and one or two favourite desks; a drop-in takes any free
 * desk; a guest is a meeting-room seat's attendee, who comes and goes with a session.
 */
export type Person = {
  id: string;
  kind: 'regular' | 'drop-in' | 'guest';
  /** The regular's home zone; the guest's seat's zone. */
  zone: string | undefined;
  /** Desk ids, best first: a regular's favourites, a guest's seat. */
  favourites: string[];
  /** The chance of coming in at all on each weekday. */
  attendance: Record<Weekday, number>;
  /** Minutes this person runs ahead of (−) or behind (+) the day profile in the morning and the evening. */
  arriveShift: number;
  leaveShift: number;
  /** Decided each morning: this person comes in today. */
  today: boolean;
  /** Inside the building (between the door's in and out). */
  present: boolean;
  /** The desk held: from walking in until going out, breaks included. */
  desk: string | undefined;
  /** The desk's sensor sees them. */
  seated: boolean;
  /** The last desk of the day, which a drop-in goes back to after lunch if it is still free. */
  lastDesk: string | undefined;
  /** When `action` fires; Infinity when nothing is pending. */
  until: number;
  action: PersonAction | undefined;
  /** Guests leave when their session ends; Infinity for everyone else. */
  leaveAt: number;
};

// A coworking space sells more memberships than it has desks: about 1.2 regulars per desk, each coming in
// on 35–95 % of the days, and a pool of drop-ins (0.8 per desk) each coming on about 40 % of the days.
const REGULARS_PER_DESK = 1.2;
const REGULAR_ATTENDANCE = [0.35, 0.95] as const;
const DROP_INS_PER_DESK = 0.8;
const DROP_IN_ATTENDANCE = 0.4;
const TWO_FAVOURITES_CHANCE = 0.4;
// People shift the profile by up to this many minutes: early birds, late risers, those who stay on.
const SHIFT_MIN = 50;
// Regulars favour midweek; at weekends, when the space opens at all, fewer come.
const WEEKDAY_ATTENDANCE: Record<Weekday, number> = {
  mon: 0.9,
  tue: 1,
  wed: 1,
  thu: 1,
  fri: 0.85,
  sat: 0.5,
  sun: 0.4,
};
// Quiet rooms draw fewer regulars than the open space; phone booths are nobody's home.
const HOME_WEIGHT: Record<Zone['kind'], number> = {
  'open-space': 1,
  'quiet-room': 0.85,
  'phone-booth': 0.1,
  'meeting-room': 0,
};

/**
 * The site's people, seeded: regulars spread over the zones by desk count, a pool of drop-ins, and one guest
 * per meeting-room seat.
 */
export function createPopulation(site: Site, random: Random): Person[] {
  const zones = site.floors.flatMap((f) => f.zones);
  const workZones = zones.filter((z) => z.kind !== 'meeting-room' && z.desks.length > 0);
  const desks = workZones.reduce((n, z) => n + z.desks.length, 0);
  const people: Person[] = [];
  const fans = new Map<string, number>();
  const regulars = desks === 0 ? 0 : Math.round(REGULARS_PER_DESK * desks);
  for (let i = 0; i < regulars; i++) {
    const zone = pickWeighted(random, workZones, (z) => z.desks.length * HOME_WEIGHT[z.kind] + 0.01);
    const base = between(random, REGULAR_ATTENDANCE[0], REGULAR_ATTENDANCE[1]);
    const attendance = byWeekday((day) =>
      Math.min(1, base * WEEKDAY_ATTENDANCE[day] * between(random, 0.85, 1.15)),
    );
    people.push(
      person(`r${i + 1}`, 'regular', zone.id, favouritesIn(zone, fans, random), attendance, random),
    );
  }
  const dropIns = Math.round(DROP_INS_PER_DESK * desks);
  for (let i = 0; i < dropIns; i++) {
    people.push(
      person(
        `d${i + 1}`,
        'drop-in',
        undefined,
        [],
        byWeekday(() => DROP_IN_ATTENDANCE),
        random,
      ),
    );
  }
  for (const zone of zones.filter((z) => z.kind === 'meeting-room')) {
    for (const desk of zone.desks) {
      people.push(
        person(
          `g-${desk.id}`,
          'guest',
          zone.id,
          [desk.id],
          byWeekday(() => 0),
          () => 0.5,
        ),
      );
    }
  }
  return people;
}

/** One person as the model sees them now: who they are, and where. */
export type PersonView = Pick<
  Person,
  'id' | 'kind' | 'zone' | 'favourites' | 'today' | 'present' | 'desk' | 'seated'
>;

export function viewOf({ id, kind, zone, favourites, today, present, desk, seated }: Person): PersonView {
  return { id, kind, zone, favourites: [...favourites], today, present, desk, seated };
}

/**
 * Decides who comes in on a new day (everyone still inside counts as coming) and returns how many do.
 * Guests come with their sessions instead.
 */
export function planAttendance(
  people: readonly Person[],
  weekday: Weekday,
  open: boolean,
  random: Random,
): number {
  let attendees = 0;
  for (const person of people) {
    if (person.kind === 'guest') continue;
    const comes = open && chance(random, person.attendance[weekday]);
    person.today = comes || person.present;
    person.lastDesk = undefined;
    if (person.today) attendees++;
  }
  return attendees;
}

export function schedule(person: Person, until: number, action: PersonAction | undefined): void {
  person.until = action ? until : Number.POSITIVE_INFINITY;
  person.action = action;
}

/** The person whose timer fires first (the lowest index on a tie, so runs replay exactly), if any is due by `to`. */
export function nextDue(people: readonly Person[], to: number): Person | undefined {
  let next: Person | undefined;
  for (const p of people) {
    if (p.until <= to && (!next || p.until < next.until)) next = p;
  }
  return next;
}

function person(
  id: string,
  kind: Person['kind'],
  zone: string | undefined,
  favourites: string[],
  attendance: Record<Weekday, number>,
  random: Random,
): Person {
  return {
    id,
    kind,
    zone,
    favourites,
    attendance,
    arriveShift: shift(random),
    leaveShift: shift(random),
    today: false,
    present: false,
    desk: undefined,
    seated: false,
    lastDesk: undefined,
    until: Number.POSITIVE_INFINITY,
    action: undefined,
    leaveAt: Number.POSITIVE_INFINITY,
  };
}

/** One or two desks of the zone, each among those fewest regulars favour yet: people spread out. */
function favouritesIn(zone: Zone, fans: Map<string, number>, random: Random): string[] {
  const count = zone.desks.length > 1 && chance(random, TWO_FAVOURITES_CHANCE) ? 2 : 1;
  const chosen: string[] = [];
  for (let n = 0; n < count; n++) {
    const open = zone.desks.map((d) => d.id).filter((id) => !chosen.includes(id));
    const fewest = Math.min(...open.map((id) => fans.get(id) ?? 0));
    const least = open.filter((id) => (fans.get(id) ?? 0) === fewest);
    const desk = least[Math.floor(random() * least.length)];
    if (desk === undefined) break;
    chosen.push(desk);
    fans.set(desk, fewest + 1);
  }
  return chosen;
}

/** Symmetric around zero, most people near it: the mean of two uniform draws. */
function shift(random: Random): number {
  return ((random() + random()) / 2 - 0.5) * 2 * SHIFT_MIN;
}

function byWeekday(value: (day: Weekday) => number): Record<Weekday, number> {
  return Object.fromEntries(WEEKDAYS.map((day) => [day, value(day)])) as Record<Weekday, number>;
}

// Arrival and departure habits shift the morning and the evening; lunch is when it is for everyone.
const MORNING_END_MIN = 11 * 60;
const LUNCH_FROM_MIN = 12 * 60;
const LUNCH_TO_MIN = 14 * 60 + 30;
const EVENING_FROM_MIN = 16 * 60;

/** The time of day (minutes) on this person's own clock: the profile is read there for them. */
export function personalMinutes(person: Person, minutes: number): number {
  const { arriveShift, leaveShift } = person;
  if (minutes <= MORNING_END_MIN) return minutes - arriveShift;
  if (minutes < LUNCH_FROM_MIN) {
    return minutes - (arriveShift * (LUNCH_FROM_MIN - minutes)) / (LUNCH_FROM_MIN - MORNING_END_MIN);
  }
  if (minutes <= LUNCH_TO_MIN) return minutes;
  if (minutes < EVENING_FROM_MIN) {
    return minutes - (leaveShift * (minutes - LUNCH_TO_MIN)) / (EVENING_FROM_MIN - LUNCH_TO_MIN);
  }
  return minutes - leaveShift;
}
