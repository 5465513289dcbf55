import type { Site, Zone } from '../protocol/index.ts';
import { between, type Random } from './prng.ts';

/** What happens to a desk when its timer fires: its person sits down, steps away for a bit, or goes home. */
export type SlotAction = 'sit' | 'break' | 'leave';

/** One desk and the person who uses it: in the building or not, seen at the desk or not. */
export type DeskSlot = {
  id: string;
  /** Meeting-room seats fill and empty with a session instead of by the day profile. */
  meeting: boolean;
  /** How much more (or less) than the average desk this one is taken: window seats, quiet rooms. */
  weight: number;
  /** The person is inside the building (between the door's in and out). */
  present: boolean;
  /** What the desk's sensor reports. */
  occupied: boolean;
  /** When `action` fires; Infinity when nothing is pending. */
  until: number;
  action: SlotAction | undefined;
  /** Meeting attendees leave when the session ends; Infinity for everyone else. */
  leaveAt: number;
};

// Quiet rooms are used less than the open space; phone booths for short spells only.
const ZONE_WEIGHT: Record<Zone['kind'], number> = {
  'open-space': 1,
  'quiet-room': 0.85,
  'phone-booth': 0.5,
  'meeting-room': 0,
};

/** One slot per desk of the site, each free; desks get a popularity that averages 1 over the site. */
export function createSlots(site: Site, random: Random): DeskSlot[] {
  const slots: DeskSlot[] = [];
  for (const floor of site.floors) {
    for (const zone of floor.zones) {
      for (const desk of zone.desks) {
        slots.push({
          id: desk.id,
          meeting: zone.kind === 'meeting-room',
          weight: ZONE_WEIGHT[zone.kind] * between(random, 0.7, 1.3),
          present: false,
          occupied: false,
          until: Number.POSITIVE_INFINITY,
          action: undefined,
          leaveAt: Number.POSITIVE_INFINITY,
        });
      }
    }
  }
  return slots;
}

export function schedule(slot: DeskSlot, until: number, action: SlotAction | undefined): void {
  slot.until = action ? until : Number.POSITIVE_INFINITY;
  slot.action = action;
}

/** The slot whose timer fires first (the lowest index on a tie, so runs replay exactly), if any is due by `to`. */
export function nextDue(slots: readonly DeskSlot[], to: number): DeskSlot | undefined {
  let next: DeskSlot | undefined;
  for (const slot of slots) {
    if (slot.until <= to && (!next || slot.until < next.until)) next = slot;
  }
  return next;
}
