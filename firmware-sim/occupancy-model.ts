import { atLocalMinutes, createLocalTime, type Door, type LocalTime, type Site } from '../protocol/index.ts';
import { chooseDesk, createDeskMap, type DeskMap } from './desk-choice.ts';
import { type MeetingSession, planMeetingDay } from './meeting-sessions.ts';
import {
  createPopulation,
  nextDue,
  type Person,
  type PersonView,
  planAttendance,
  schedule,
  viewOf,
} from './population.ts';

import { createPresence, type Moment, type Presence, SEATED_SHARE } from './presence.ts';
import { between, chance, mulberry32, pickWeighted, type Random } from './prng.ts';

export type { PersonView } from './population.ts';

/** One thing a sensor would notice: a desk changing state, or one person through a door. */
export type OccupancyEvent =
  | { kind: 'desk'; at: number; desk: string; occupied: boolean; person: string }
  | { kind: 'door'; at: number; door: string; direction: 'in' | 'out'; visitor: boolean; person: string };

export type OccupancyModelOptions = {
  site: Site;
  seed: number;
  /** Epoch ms the model starts at; desks start as the day profile implies for that moment. */
  start: number;
  /** Read the day profile this far ahead of the model's clock (see profile-shift.ts); 0 by default. */
  shiftMs?: number;
};

export type OccupancyModel = {
  /** Occupied or not, per desk id, as of the latest advance. */
  occupancy(): Map<string, boolean>;
  /** Runs the model up to `to` (epoch ms) and returns what happened since the previous call, oldest first. */
  advance(to: number): OccupancyEvent[];
  /** Everyone the model plays (regulars, drop-ins, meeting guests), as of the latest advance. */
  people(): PersonView[];
};

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
/** Hazards are drawn on a fixed grid, so the same seed gives the same day however often `advance` is called. */
export const MODEL_STEP_MS = 30_000;
// How fast desk occupancy relaxes towards the profile: with 40 minutes, stays run from tens of minutes
// (when the space is half full) to most of a day (when it is packed).
const RELAX_RATE = 1 / (40 * MINUTE_MS);
const CLOSED_LEAVE_RATE = 1 / (8 * MINUTE_MS);
const MAX_PRESENT_SHARE = 0.95;
// Short absences (coffee, a call): about one every 50 minutes, 2 to 12 minutes long, no door crossed.
const BREAK_RATE = 1 / (50 * MINUTE_MS);
const BREAK_MIN = [2, 12] as const;
const WALK_MIN = [0.5, 3] as const;
const VISITORS_PER_DESK_HOUR = 0.02;
const VISIT_MIN = [5, 45] as const;
const MEETING_GATHER_MIN = 12;

/**
 * A site's people, as a pure deterministic process: same site, seed and start give the same events.
 * @example const model = createOccupancyModel({ site, seed: 7, start: Date.now() }); model.advance(Date.now() + 60_000);
 */
export function createOccupancyModel(options: OccupancyModelOptions): OccupancyModel {
  const process = new SiteOccupancy(options);
  return {
    occupancy: () => process.occupancy(),
    advance: (to) => process.advance(to),
    people: () => process.people(),
  };
}

class SiteOccupancy {
  private readonly site: Site;
  private readonly random: Random;
  private readonly localAt: (t: number) => LocalTime;
  private readonly toEpoch: (t: number, minutes: number) => number;
  private readonly everyone: Person[];
  private readonly desks: DeskMap;
  private readonly occupied = new Map<string, boolean>();
  private readonly doors: Door[];
  private readonly pending: OccupancyEvent[] = [];
  private readonly sessions: MeetingSession[] = [];
  private readonly started = new Set<MeetingSession>();
  private plannedDay = '';
  private readonly presence: Presence;
  private nextStep: number;
  /** One step before, at and one step after the next step, for the profile and its slope. */
  private locals: [Moment, Moment, Moment];

  constructor({ site, seed, start, shiftMs = 0 }: OccupancyModelOptions) {
    this.site = site;
    this.random = mulberry32(seed);
    const localTime = createLocalTime(site.timezone);
    this.localAt = (t) => localTime(t + shiftMs);
    this.toEpoch = (t, minutes) => atLocalMinutes(localTime, t + shiftMs, minutes) - shiftMs;
    this.everyone = createPopulation(site, this.random);
    this.desks = createDeskMap(site);
    const workDesks = this.desks.zones.reduce((n, z) => n + z.desks.length, 0);
    this.presence = createPresence(site.openingHours, workDesks, MODEL_STEP_MS);
    for (const zone of site.floors.flatMap((f) => f.zones)) {
      for (const desk of zone.desks) this.occupied.set(desk.id, false);
    }
    this.doors = site.floors.flatMap((f) => f.doors);
    this.nextStep = Math.ceil(start / MODEL_STEP_MS) * MODEL_STEP_MS;
    const at = (k: number) => this.moment(this.nextStep + k * MODEL_STEP_MS);
    this.locals = [at(-1), at(0), at(1)];
    this.seedInitial(start);
  }

  occupancy(): Map<string, boolean> {
    return new Map(this.occupied);
  }

  people(): PersonView[] {
    return this.everyone.map(viewOf);
  }

  advance(to: number): OccupancyEvent[] {
    for (;;) {
      const due = nextDue(this.everyone, Math.min(to, this.nextStep));
      if (due) {
        this.fire(due);
        continue;
      }
      if (this.nextStep > to) break;
      this.step(this.nextStep);
      this.nextStep += MODEL_STEP_MS;
      this.locals = [this.locals[1], this.locals[2], this.moment(this.nextStep + MODEL_STEP_MS)];
    }
    const ready = this.pending.filter((e) => e.at <= to).sort((a, b) => a.at - b.at);
    const later = this.pending.filter((e) => e.at > to);
    this.pending.length = 0;
    this.pending.push(...later);
    return ready;
  }

  private moment(t: number): Moment {
    return this.presence.moment(this.localAt(t));
  }

  // People start as the profile implies for `start`, and those already inside get their door "in" at the
  // start, so a counter's day total is never below the desks it can see taken.
  private seedInitial(start: number): void {
    this.planDay(start);
    const initial = this.presence.around(this.everyone, this.locals, this.nextStep, this.plannedDay);
    for (const [i, person] of this.everyone.entries()) {
      const p = Math.min(MAX_PRESENT_SHARE, initial[i]?.[1] ?? 0);
      if (person.kind === 'guest' || !chance(this.random, p)) continue;
      this.takeDesk(person);
      if (person.desk && chance(this.random, SEATED_SHARE)) this.seat(person, start, true, false);
      else if (person.desk) schedule(person, start + this.between(BREAK_MIN) * MINUTE_MS, 'sit');
    }
    for (const session of this.sessions) {
      if (start < session.start - MEETING_GATHER_MIN * MINUTE_MS || start >= session.end) continue;
      this.started.add(session);
      for (const guest of this.sessionGuests(session)) {
        this.takeDesk(guest);
        this.seat(guest, start, true, false);
        schedule(guest, Math.max(start, session.end + between(this.random, -3, 6) * MINUTE_MS), 'leave');
      }
    }
    for (const person of this.everyone) if (person.present) this.door(start, 'in', person.id);
  }

  private step(t: number): void {
    this.planDay(t);
    this.gather(t);
    const current = this.locals[1].share;
    const visitorRate = (VISITORS_PER_DESK_HOUR * this.occupied.size * current) / HOUR_MS;
    if (chance(this.random, hazard(visitorRate))) {
      // Visitors come in, talk to someone, and leave without ever sitting at a desk.
      const at = t + this.random() * MODEL_STEP_MS;
      this.door(at, 'in', 'visitor', true);
      this.door(at + this.between(VISIT_MIN) * MINUTE_MS, 'out', 'visitor', true);
    }
    // A closed, empty site has nothing to draw: nights and Sundays cost almost nothing to simulate.
    if (this.locals.every((m) => m.share === 0) && !this.everyone.some((p) => p.present)) return;
    const chances = this.presence.around(this.everyone, this.locals, t, this.plannedDay);
    for (let i = 0; i < this.everyone.length; i++) {
      const person = this.everyone[i] as Person;
      // Guests follow their session; someone not coming today, and out, has nothing to decide.
      if (person.kind === 'guest' || person.action || !(person.today || person.present)) continue;
      const [before = 0, now = 0, after = 0] = chances[i] ?? [];
      const p = Math.min(MAX_PRESENT_SHARE, now);
      const dp = (after - before) / (2 * MODEL_STEP_MS);
      const at = t + this.random() * MODEL_STEP_MS;
      // Arrival and departure rates are chosen so the expected share present follows the profile, slope
      // included: d(share)/dt = arrive·(1 − p) − leave·p = dp.
      const arriveRate = RELAX_RATE * p + Math.max(0, dp) / (1 - p);
      const leaveRate = p <= 0.001 ? CLOSED_LEAVE_RATE : RELAX_RATE * (1 - p) + Math.max(0, -dp) / p;
      if (!person.present) {
        if (chance(this.random, hazard(arriveRate))) this.arrive(person, at, Number.POSITIVE_INFINITY);
      } else if (chance(this.random, hazard(leaveRate))) {
        schedule(person, at, 'leave');
      } else if (!person.desk) {
        // Someone who found every desk taken looks again now and then.
        if (this.takeDesk(person)) schedule(person, at, 'sit');
      } else if (chance(this.random, hazard(BREAK_RATE))) {
        schedule(person, at, 'break');
      }
    }
  }

  private fire(person: Person): void {
    const at = person.until;
    switch (person.action) {
      case 'sit':
        this.seat(person, at, true);
        schedule(person, person.leaveAt, person.kind === 'guest' ? 'leave' : undefined);
        return;
      case 'break':
        this.seat(person, at, false);
        schedule(person, at + this.between(BREAK_MIN) * MINUTE_MS, 'sit');
        return;
      case 'leave':
        this.seat(person, at, false);
        if (person.desk) this.desks.holders.delete(person.desk);
        person.desk = undefined;
        person.leaveAt = Number.POSITIVE_INFINITY;
        // Still walking out: they cannot come back in before they are through the door.
        schedule(person, at + this.between(WALK_MIN) * MINUTE_MS, 'exit');
        return;
      case 'exit':
        person.present = false;
        this.door(at, 'out', person.id);
        schedule(person, 0, undefined);
        return;
      case undefined:
        schedule(person, 0, undefined);
    }
  }

  /** Walks in through a door, picks a desk (if one is free) and sits down there a little later. */
  private arrive(person: Person, at: number, leaveAt: number): void {
    person.leaveAt = leaveAt;
    this.door(at, 'in', person.id);
    this.takeDesk(person);
    person.present = true;
    if (person.desk) schedule(person, at + this.between(WALK_MIN) * MINUTE_MS, 'sit');
  }

  /** Holds a desk from now until the person goes out, so nobody else sits there meanwhile. */
  private takeDesk(person: Person): string | undefined {
    person.present = true;
    const desk = chooseDesk(person, this.desks, this.random);
    if (!desk) return undefined;
    this.desks.holders.set(desk, person.id);
    person.desk = desk;
    person.lastDesk = desk;
    return desk;
  }

  private planDay(t: number): void {
    const local = this.localAt(t);
    if (local.day === this.plannedDay) return;
    this.plannedDay = local.day;
    const hours = this.site.openingHours[local.weekday] ?? [];
    this.presence.setAttendees(planAttendance(this.everyone, local.weekday, hours.length > 0, this.random));
    for (const zone of this.site.floors.flatMap((f) => f.zones)) {
      if (zone.kind !== 'meeting-room') continue;
      this.sessions.push(...planMeetingDay(this.random, zone, hours, (minutes) => this.toEpoch(t, minutes)));
    }
  }

  private sessionGuests(session: MeetingSession): Person[] {
    const seats = new Set(session.attendees);
    return this.everyone.filter((p) => p.kind === 'guest' && seats.has(p.favourites[0] ?? '') && !p.present);
  }

  /** Meeting attendees trickle in from a few minutes before the session and leave together after it. */
  private gather(t: number): void {
    for (const session of this.sessions) {
      if (this.started.has(session) || t < session.start - MEETING_GATHER_MIN * MINUTE_MS) continue;
      this.started.add(session);
      // A session already over when the model starts (or catches up) never gathers: its people would
      // otherwise sit down now and leave in the past.
      if (t >= session.end) continue;
      for (const guest of this.sessionGuests(session)) {
        const at = t + this.random() * Math.max(0, session.start + 2 * MINUTE_MS - t);
        this.arrive(guest, at, session.end + between(this.random, -3, 6) * MINUTE_MS);
      }
    }
    const done = this.sessions.filter((s) => s.end < t - HOUR_MS);
    for (const session of done) {
      this.sessions.splice(this.sessions.indexOf(session), 1);
      this.started.delete(session);
    }
  }

  /** The person sits down at (or gets up from) their desk; `report` false sets the start state silently. */
  private seat(person: Person, at: number, seated: boolean, report = true): void {
    const desk = person.desk;
    if (!desk || person.seated === seated) return;
    person.seated = seated;
    this.occupied.set(desk, seated);
    if (report)
      this.pending.push({ kind: 'desk', at: Math.round(at), desk, occupied: seated, person: person.id });
  }

  private door(at: number, direction: 'in' | 'out', person: string, visitor = false): void {
    if (this.doors.length === 0) return;
    // Most people use the main (first) entrance.
    const through = pickWeighted(this.random, this.doors, (_, i) => (i === 0 ? 2 : 1));
    this.pending.push({ kind: 'door', at: Math.round(at), door: through.id, direction, visitor, person });
  }

  private between(range: readonly [number, number]): number {
    return between(this.random, range[0], range[1]);
  }
}

/** The chance that an event with this rate (per ms) happens within one model step. */
function hazard(rate: number): number {
  return 1 - Math.exp(-rate * MODEL_STEP_MS);
}
