import type { Site } from '../../protocol/index.ts';
import type { SiteQuarterRecord } from '../../store/derived-records.ts';
import type { Store } from '../../store/store.ts';
import type { ResolvedQuery } from './report-query.ts';

/** A quarter hour of a scope; for a floor or zone the headcount fields are empty. */
export type Quarter = Omit<SiteQuarterRecord, 'site'>;

/** The scope's desks and capacity from the site model, and the series its quarters come from. */
export type Scope = {
  desks: number;
  capacity: number;
  series: 'siteQuarters' | 'floorQuarters' | 'zoneQuarters' | 'deskUsage';
  id?: string;
};

export function scopeOf(site: Site, query: ResolvedQuery): Scope | undefined {
  const zones = site.floors.flatMap((f) => f.zones);
  if (query.scope === 'site') {
    return {
      desks: zones.reduce((n, z) => n + z.desks.length, 0),
      capacity: site.capacity,
      series: 'siteQuarters',
    };
  }
  if (query.scope === 'floor') {
    const floor = site.floors.find((f) => f.id === query.id);
    if (!floor) return undefined;
    const desks = floor.zones.reduce((n, z) => n + z.desks.length, 0);
    return {
      desks,
      capacity: floor.zones.reduce((n, z) => n + z.capacity, 0),
      series: 'floorQuarters',
      id: floor.id,
    };
  }
  if (query.scope === 'desk') {
    const desk = zones.flatMap((z) => z.desks).find((d) => d.id === query.id);
    return desk ? { desks: 1, capacity: 1, series: 'deskUsage', id: desk.id } : undefined;
  }
  const zone = zones.find((z) => z.id === query.id);
  if (query.scope !== 'zone' || !zone) return undefined;
  return { desks: zone.desks.length, capacity: zone.capacity, series: 'zoneQuarters', id: zone.id };
}

const noPeople = { headcountSum: 0, headcountMinutes: 0, headcountMax: null, headcountMaxAt: null };

/** The quarter hours of a site, floor or zone over the query's range. */
export async function quarterSeries(
  store: Store,
  site: Site,
  query: ResolvedQuery,
  scope: Scope,
): Promise<Quarter[]> {
  const range = { site: site.id, from: query.start, to: query.end };
  if (scope.series === 'siteQuarters') return store.series('siteQuarters', range);
  if (scope.series === 'deskUsage') {
    // One desk's 15-minute buckets read as quarters: its peak is 1 when it was taken at all, timed
    // at the bucket; a minute with any occupation is counted by occupied time (docs/reports.md).
    const buckets = await store.series('deskUsage', { ...range, id: scope.id });
    return buckets.map((b) => ({
      ts: b.ts,
      minutes: b.knownMs / 60_000,
      occupiedSum: b.occupiedMs / 60_000,
      knownSum: b.knownMs / 60_000,
      usedMinutes: b.occupiedMs / 60_000,
      occupiedMax: b.occupiedMs > 0 ? 1 : 0,
      occupiedMaxAt: b.knownMs > 0 ? b.ts : null,
      ...noPeople,
    }));
  }
  const rows = await store.series(scope.series, { ...range, id: scope.id });
  return rows.map(({ site: _, floor: __, ...quarter }) => {
    const { zone: ___, ...rest } = quarter as typeof quarter & { zone?: string };
    return { ...rest, ...noPeople };
  });
}
