import type { Site } from '../protocol/index.ts';
import type { Person } from './population.ts';
import { chance, type Random } from './prng.ts';

/** The work desks of a site (meeting-room seats are not taken at will) and who holds each. */
export type DeskMap = {
  zones: Array<{ id: string; desks: string[] }>;
  /** Desk id → the id of the person holding it (walking to it, at it, or on a break from it). */
  holders: Map<string, string>;
};

// Drop-ins mostly head for the emptiest zone (the quiet side of the room), some take whatever they see first.
const EMPTIEST_ZONE_CHANCE = 0.7;

export function createDeskMap(site: Site): DeskMap {
  const zones = site.floors
    .flatMap((f) => f.zones)
    .filter((z) => z.kind !== 'meeting-room' && z.desks.length > 0)
    .map((z) => ({ id: z.id, desks: z.desks.map((d) => d.id) }));
  return { zones, holders: new Map() };
}

/**
 * The desk a person takes on walking in, if any is free: a regular's favourite, else another desk of their
 * zone; a drop-in's desk from earlier in the day, else one in the emptiest zone or anywhere. A guest's seat
 * is theirs. Undefined when every desk is held: they stay standing.
 */
export function chooseDesk(person: Person, map: DeskMap, random: Random): string | undefined {
  const free = (desk: string) => !map.holders.has(desk);
  if (person.kind === 'guest') return person.favourites[0];
  if (person.kind === 'regular') {
    const favourite = person.favourites.find(free);
    if (favourite) return favourite;
    const home = map.zones.find((z) => z.id === person.zone)?.desks.filter(free) ?? [];
    if (home.length > 0) return pick(random, home);
  }
  if (person.lastDesk && free(person.lastDesk)) return person.lastDesk;
  const open = map.zones.map((z) => z.desks.filter(free));
  if (chance(random, EMPTIEST_ZONE_CHANCE)) {
    const most = Math.max(...open.map((d) => d.length));
    if (most <= 0) return undefined;
    return pick(
      random,
      pick(
        random,
        open.filter((d) => d.length === most),
      ),
    );
  }
  const all = open.flat();
  return all.length > 0 ? pick(random, all) : undefined;
}

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}
