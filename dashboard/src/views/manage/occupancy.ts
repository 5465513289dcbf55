// The numbers behind the capacity meters: people against the site's capacity, desks in use per zone.
import type { LiveSite } from '../../../../protocol/live-view.ts';
import type { Site } from '../../../../protocol/site-model.ts';

export type Use = {
  count: number;
  total: number;
  /** count ÷ total, 0 when there is no total; may pass 1 when over capacity. */
  share: number;
  over: boolean;
};

export type ZoneUse = Use & { id: string; name: string; floor: string; capacity: number; offline: number };

export const use = (count: number, total: number): Use => ({
  count,
  total,
  share: total > 0 ? count / total : 0,
  over: count > total,
});

/** Desks held (occupied or away) of all desks: an away desk is still somebody's. */
export const desksInUse = (live: LiveSite): Use =>
  use(live.totals.occupied + live.totals.away, live.totals.desks);

export const peopleInside = (site: Site, live: LiveSite): Use => use(live.headcount.count, site.capacity);

/**
 * One row per zone in the site model's order; `over` when more desks are held than the zone's capacity.
 * @example zoneUses(site, live)[0] // { id: 'open-a', name: 'Open space A', count: 9, total: 16, … }
 */
export function zoneUses(site: Site, live: LiveSite): ZoneUse[] {
  const byId = new Map(live.zones.map((zone) => [zone.id, zone]));
  return site.floors.flatMap((floor) =>
    floor.zones.map((zone) => {
      const counts = byId.get(zone.id);
      const held = counts ? counts.occupied + counts.away : 0;
      return {
        ...use(held, zone.desks.length),
        over: held > zone.capacity,
        id: zone.id,
        name: zone.name,
        floor: floor.name,
        capacity: zone.capacity,
        offline: counts?.offline ?? 0,
      };
    }),
  );
}
