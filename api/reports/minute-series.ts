import type { Site } from '../../protocol/index.ts';
import type { Store } from '../../store/store.ts';
import type { ResolvedQuery } from './report-query.ts';

/** One minute of a scope: desks occupied (mean, peak), desks known, and people inside if counted. */
export type Minute = {
  ts: number;
  occupiedAvg: number;
  occupiedMax: number;
  knownAvg: number;
  headcount: number | null;
};

/** The scope's desks and capacity, from the site model. */
export type Scope = { desks: number; capacity: number; zones: string[] | undefined };

export function scopeOf(site: Site, query: ResolvedQuery): Scope | undefined {
  if (query.scope === 'site') {
    return {
      desks: site.floors.flatMap((f) => f.zones).reduce((n, z) => n + z.desks.length, 0),
      capacity: site.capacity,
      zones: undefined,
    };
  }
  for (const floor of site.floors) {
    if (query.scope === 'floor' && floor.id === query.id) {
      const desks = floor.zones.reduce((n, z) => n + z.desks.length, 0);
      const capacity = floor.zones.reduce((n, z) => n + z.capacity, 0);
      return { desks, capacity, zones: floor.zones.map((z) => z.id) };
    }
    const zone = floor.zones.find((z) => z.id === query.id);
    if (query.scope === 'zone' && zone)
      return { desks: zone.desks.length, capacity: zone.capacity, zones: [zone.id] };
  }
  return undefined;
}

/**
 * The minutes of a site, floor or zone over the query's range. A floor's minute adds its zones'
 * minutes: means add exactly; its peak is the sum of the zones' peaks within that minute, which can
 * only exceed the true floor peak when zones peaked at different seconds of the same minute.
 */
export async function minuteSeries(
  store: Store,
  site: Site,
  query: ResolvedQuery,
  scope: Scope,
): Promise<Minute[]> {
  const range = { site: site.id, from: query.start, to: query.end };
  if (!scope.zones) return store.siteMinutes(range);
  const rows =
    scope.zones.length === 1
      ? await store.zoneMinutes({ ...range, zone: scope.zones[0] })
      : await store.zoneMinutes(range);
  const wanted = new Set(scope.zones);
  const byTs = new Map<number, Minute>();
  for (const row of rows) {
    if (!wanted.has(row.zone)) continue;
    const minute = byTs.get(row.ts) ?? {
      ts: row.ts,
      occupiedAvg: 0,
      occupiedMax: 0,
      knownAvg: 0,
      headcount: null,
    };
    minute.occupiedAvg += row.occupiedAvg;
    minute.occupiedMax += row.occupiedMax;
    minute.knownAvg += row.knownAvg;
    byTs.set(row.ts, minute);
  }
  return [...byTs.values()].sort((a, b) => a.ts - b.ts);
}
