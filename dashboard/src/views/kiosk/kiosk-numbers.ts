// The entrance screen's numbers, read off the live view in the order of the site model: free desks
// per zone and in all, people inside against the site's capacity.
import type { LiveSite } from '../../../../protocol/live-view.ts';
import type { Site } from '../../../../protocol/site-model.ts';

export type KioskZone = { id: string; name: string; floor: string; free: number; desks: number };

export type KioskNumbers = {
  free: number;
  desks: number;
  people: number;
  capacity: number;
  /** people ÷ capacity, at most 1: how full the bar is drawn. */
  peopleShare: number;
  zones: KioskZone[];
};

/**
 * @example kioskNumbers(site, live).zones[0] // { id: 'open-a', name: 'Open space A', free: 5, desks: 16, … }
 */
export function kioskNumbers(site: Site, live: LiveSite): KioskNumbers {
  const counts = new Map(live.zones.map((z) => [z.id, z]));
  const zones = site.floors.flatMap((floor) =>
    floor.zones
      .filter((zone) => zone.desks.length > 0)
      .map((zone) => ({
        id: zone.id,
        name: zone.name,
        floor: floor.name,
        free: counts.get(zone.id)?.free ?? 0,
        desks: zone.desks.length,
      })),
  );
  const people = live.headcount.count;
  return {
    free: live.totals.free,
    desks: live.totals.desks,
    people,
    capacity: site.capacity,
    peopleShare: site.capacity > 0 ? Math.min(1, people / site.capacity) : 0,
    zones,
  };
}
