import type { Desk, Door, Floor, Site, Zone } from './site-model.ts';

export type DeskPlace = { desk: Desk; zone: Zone; floor: Floor };
export type DoorPlace = { door: Door; floor: Floor };

/** Lookups from id to place, built once per site so the message path never walks the tree. */
export type SiteIndex = {
  site: Site;
  desks: Map<string, DeskPlace>;
  doors: Map<string, DoorPlace>;
  zones: Map<string, { zone: Zone; floor: Floor }>;
};

export function indexSite(site: Site): SiteIndex {
  const desks = new Map<string, DeskPlace>();
  const doors = new Map<string, DoorPlace>();
  const zones = new Map<string, { zone: Zone; floor: Floor }>();
  for (const floor of site.floors) {
    for (const zone of floor.zones) {
      zones.set(zone.id, { zone, floor });
      for (const desk of zone.desks) desks.set(desk.id, { desk, zone, floor });
    }
    for (const door of floor.doors) doors.set(door.id, { door, floor });
  }
  return { site, desks, doors, zones };
}
