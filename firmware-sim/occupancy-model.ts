import type { Door, Site } from '../protocol/index.ts';
import { atLocalMinutes, createLocalTime, type LocalTime } from '../protocol/index.ts';
import { targetShare } from './day-profile.ts';
import { createSlots, type DeskSlot, nextDue, schedule } from './desk-slot.ts';
import { type MeetingSession, planMeetingDay } from './meeting-sessions.ts';
import { between, chance, mulberry32, pickWeighted, type Random } from './prng.ts';

/** One thing a sensor would notice: a desk changing state, or one person through a door. */
export type OccupancyEvent =
  | { kind: 'desk'; at: number; desk: string; occupied: boolean }
  | { kind: 'door'; at: number; door: string; direction: 'in' | 'out'; visitor: boolean };

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
/** The share of present people seen at their desk, given the breaks above. */
const SEATED_SHARE = 50 / (50 + 7);
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
  return { occupancy: () => process.occupancy(), advance: (to) => process.advance(to) };
}

class SiteOccupancy {
  private readonly site: Site;
  private readonly random: Random;
  private readonly localAt: (t: number) => LocalTime;
  private readonly toEpoch: (t: number, minutes: number) => number;
  private readonly slots: DeskSlot[];
  private readonly doors: Door[];
  private readonly pending: OccupancyEvent[] = [];
  private readonly sessions: MeetingSession[] = [];
  private readonly started = new Set<MeetingSession>();
  private plannedDay = '';
  private nextStep: number;
  private shares: [number, number, number];

  constructor({ site, seed, start, shiftMs = 0 }: OccupancyModelOptions) {
    this.site = site;
    this.random = mulberry32(seed);
    const localTime = createLocalTime(site.timezone);
    this.localAt = (t) => localTime(t + shiftMs);
    this.toEpoch = (t, minutes) => atLocalMinutes(localTime, t + shiftMs, minutes) - shiftMs;
    this.slots = createSlots(site, this.random);
    this.doors = site.floors.flatMap((f) => f.doors);
    this.nextStep = Math.ceil(start / MODEL_STEP_MS) * MODEL_STEP_MS;
    this.shares = [this.share(this.nextStep - MODEL_STEP_MS), this.share(this.nextStep), 0];
    this.shares[2] = this.share(this.nextStep + MODEL_STEP_MS);
    this.seedInitial(start);
  }

  occupancy(): Map<string, boolean> {
    return new Map(this.slots.map((s) => [s.id, s.occupied]));
  }

  advance(to: number): OccupancyEvent[] {
    for (;;) {
      const due = nextDue(this.slots, Math.min(to, this.nextStep));
      if (due) {
        this.fire(due);
        continue;
      }
      if (this.nextStep > to) break;
      this.step(this.nextStep);
      this.nextStep += MODEL_STEP_MS;
      this.shares = [this.shares[1], this.shares[2], this.share(this.nextStep + MODEL_STEP_MS)];
    }
    const ready = this.pending.filter((e) => e.at <= to).sort((a, b) => a.at - b.at);
    const later = this.pending.filter((e) => e.at > to);
    this.pending.length = 0;
    this.pending.push(...later);
    return ready;
  }

  /** The share of people present the profile asks for, before per-desk popularity. */
  private share(t: number): number {
    return Math.min(1, targetShare(this.site.openingHours, this.localAt(t)) / SEATED_SHARE);
  }

  // Desks start as the profile implies for `start`, and people already inside get their door "in" at the
  // start, so a counter's day total is never below the desks it can see taken.
  private seedInitial(start: number): void {
    this.planDay(start);
    const [, initial] = this.shares;
    for (const slot of this.slots) {
      if (slot.meeting || !chance(this.random, Math.min(MAX_PRESENT_SHARE, initial * slot.weight))) continue;
      slot.present = true;
      if (chance(this.random, SEATED_SHARE)) slot.occupied = true;
      else schedule(slot, start + this.between(BREAK_MIN) * MINUTE_MS, 'sit');
    }
    for (const session of this.sessions) {
      if (start < session.start - MEETING_GATHER_MIN * MINUTE_MS || start >= session.end) continue;
      this.started.add(session);
      for (const slot of this.slots.filter((s) => session.attendees.includes(s.id))) {
        slot.present = true;
        slot.occupied = true;
        schedule(slot, Math.max(start, session.end + between(this.random, -3, 6) * MINUTE_MS), 'leave');
      }
    }
    for (const slot of this.slots) if (slot.present) this.door(start, 'in');
  }

  private step(t: number): void {
    this.planDay(t);
    this.gather(t);
    const [previous, current, following] = this.shares;
    const slope = (following - previous) / (2 * MODEL_STEP_MS);
    const visitorRate = (VISITORS_PER_DESK_HOUR * this.slots.length * current) / HOUR_MS;
    if (chance(this.random, hazard(visitorRate))) {
      // Visitors come in, talk to someone, and leave without ever sitting at a desk.
      const at = t + this.random() * MODEL_STEP_MS;
      this.door(at, 'in', true);
      this.door(at + this.between(VISIT_MIN) * MINUTE_MS, 'out', true);
    }
    // A closed, empty site has nothing to draw: nights and Sundays cost almost nothing to simulate.
    if (previous + current + following === 0 && !this.slots.some((s) => s.present)) return;
    for (const slot of this.slots) {
      if (slot.meeting || slot.action) continue;
      const p = Math.min(MAX_PRESENT_SHARE, current * slot.weight);
      const dp = slope * slot.weight;
      const at = t + this.random() * MODEL_STEP_MS;
      // Arrival and departure rates are chosen so the expected share present follows the profile, slope
      // included: d(share)/dt = arrive·(1 − p) − leave·p = dp.
      const arriveRate = RELAX_RATE * p + Math.max(0, dp) / (1 - p);
      const leaveRate = p <= 0.001 ? CLOSED_LEAVE_RATE : RELAX_RATE * (1 - p) + Math.max(0, -dp) / p;
      if (!slot.present) {
        if (chance(this.random, hazard(arriveRate))) this.arrive(slot, at, Number.POSITIVE_INFINITY);
      } else if (chance(this.random, hazard(leaveRate))) {
        schedule(slot, at, 'leave');
      } else if (chance(this.random, hazard(BREAK_RATE))) {
        schedule(slot, at, 'break');
      }
    }
  }

  private fire(slot: DeskSlot): void {
    const at = slot.until;
    switch (slot.action) {
      case 'sit':
        this.desk(slot, at, true);
        schedule(slot, slot.leaveAt, slot.meeting ? 'leave' : undefined);
        return;
      case 'break':
        this.desk(slot, at, false);
        schedule(slot, at + this.between(BREAK_MIN) * MINUTE_MS, 'sit');
        return;
      case 'leave':
        this.desk(slot, at, false);
        slot.present = false;
        slot.leaveAt = Number.POSITIVE_INFINITY;
        this.door(at + this.between(WALK_MIN) * MINUTE_MS, 'out');
        schedule(slot, 0, undefined);
        return;
      case undefined:
        schedule(slot, 0, undefined);
    }
  }

  private arrive(slot: DeskSlot, at: number, leaveAt: number): void {
    slot.present = true;
    slot.leaveAt = leaveAt;
    this.door(at, 'in');
    schedule(slot, at + this.between(WALK_MIN) * MINUTE_MS, 'sit');
  }

  private planDay(t: number): void {
    const local = this.localAt(t);
    if (local.day === this.plannedDay) return;
    this.plannedDay = local.day;
    const hours = this.site.openingHours[local.weekday] ?? [];
    for (const zone of this.site.floors.flatMap((f) => f.zones)) {
      if (zone.kind !== 'meeting-room') continue;
      this.sessions.push(...planMeetingDay(this.random, zone, hours, (minutes) => this.toEpoch(t, minutes)));
    }
  }

  /** Meeting attendees trickle in from a few minutes before the session and leave together after it. */
  private gather(t: number): void {
    for (const session of this.sessions) {
      if (this.started.has(session) || t < session.start - MEETING_GATHER_MIN * MINUTE_MS) continue;
      this.started.add(session);
      // A session already over when the model starts (or catches up) never gathers: its people would
      // otherwise sit down now and leave in the past.
      if (t >= session.end) continue;
      for (const slot of this.slots.filter((s) => session.attendees.includes(s.id) && !s.present)) {
        const at = t + this.random() * Math.max(0, session.start + 2 * MINUTE_MS - t);
        this.arrive(slot, at, session.end + between(this.random, -3, 6) * MINUTE_MS);
      }
    }
    const done = this.sessions.filter((s) => s.end < t - HOUR_MS);
    for (const session of done) {
      this.sessions.splice(this.sessions.indexOf(session), 1);
      this.started.delete(session);
    }
  }

  private desk(slot: DeskSlot, at: number, occupied: boolean): void {
    if (slot.occupied === occupied) return;
    slot.occupied = occupied;
    this.pending.push({ kind: 'desk', at: Math.round(at), desk: slot.id, occupied });
  }

  private door(at: number, direction: 'in' | 'out', visitor = false): void {
    if (this.doors.length === 0) return;
    // Most people use the main (first) entrance.
    const through = pickWeighted(this.random, this.doors, (_, i) => (i === 0 ? 2 : 1));
    this.pending.push({ kind: 'door', at: Math.round(at), door: through.id, direction, visitor });
  }

  private between(range: readonly [number, number]): number {
    return between(this.random, range[0], range[1]);
  }
}

/** The chance that an event with this rate (per ms) happens within one model step. */
function hazard(rate: number): number {
  return 1 - Math.exp(-rate * MODEL_STEP_MS);
}
