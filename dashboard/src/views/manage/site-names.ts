// The names people know places by (desk "A3", zone "Open space A"), looked up from the site model's ids.
import type { Site } from '../../../../protocol/site-model.ts';

export type SiteNames = {
  desk(id: string): string;
  door(id: string): string;
  zone(id: string): string;
  floor(id: string): string;
};

/**
 * Unknown ids come back as they are, so a place removed from the model still reads as something.
 * @example siteNames(site).desk('a-03') // 'A3'
 */
export function siteNames(site: Site): SiteNames {
  const desks = new Map<string, string>();
  const doors = new Map<string, string>();
  const zones = new Map<string, string>();
  const floors = new Map<string, string>();
  for (const floor of site.floors) {
    floors.set(floor.id, floor.name);
    for (const door of floor.doors) doors.set(door.id, door.label);
    for (const zone of floor.zones) {
      zones.set(zone.id, zone.name);
      for (const desk of zone.desks) desks.set(desk.id, desk.label);
    }
  }
  const lookup = (names: Map<string, string>) => (id: string) => names.get(id) ?? id;
  return { desk: lookup(desks), door: lookup(doors), zone: lookup(zones), floor: lookup(floors) };
}
