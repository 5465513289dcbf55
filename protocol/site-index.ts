import type { Desk, Door, Floor, Site, Zone } from './site-model.ts';
import { createZoneClock, type ZoneClock } from './zoned-time.ts';

export type DeskPlace = { desk: Desk; zone: Zone; floor: Floor };
export type DoorPlace = { door: Door; floor: Floor };

/** Lookups from id to place, built once per site so the message path never walks the tree. */
export type SiteIndex = {
  site: Site;
  desks: Map<string, DeskPlace>;
  doors: Map<string, DoorPlace>;
  zones: Map<string, { zone: Zone; floor: Floor }>;
  /** The site's time zone, for daily resets and local days without an Intl lookup each time. */
  clock: ZoneClock;
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
  return { site, desks, doors, zones, clock: createZoneClock(site.timezone) };
}

/**
 * The device that reports for a desk: its `sensor`, else `ds-{desk}` — cut to the 64-character id
 * limit, so a long desk id still names a valid device.
 */
export function deskSensorId(desk: { id: string; sensor?: string | undefined }): string {
  return desk.sensor ?? `ds-${desk.id}`.slice(0, 64);
}

/** The device that counts a door: its `counter`, else `dc-{door}` (cut like deskSensorId). */
export function doorCounterId(door: { id: string; counter?: string | undefined }): string {
  return door.counter ?? `dc-${door.id}`.slice(0, 64);
}
