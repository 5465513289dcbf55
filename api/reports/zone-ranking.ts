import type { Site } from '../../protocol/index.ts';
import type { Store } from '../../store/store.ts';
import { type Use, useOf } from './desk-ranking.ts';
import { createLocalCalendar } from './local-calendar.ts';
import { round } from './occupancy-report.ts';
import type { ResolvedQuery } from './report-query.ts';

export type ZoneRow = {
  zone: string;
  name: string;
  floor: string;
  /** Counted minutes with any of its desks known. */
  minutes: number;
  avgOccupied: number | null;
  utilisation: number | null;
  /** Share of counted minutes with at least one of its desks taken. */
  timeUsed: number | null;
  use: Use;
};

/** Every zone ranked by utilisation over the range (its quarter hours that count), busiest first. */
export async function zoneRanking(
  store: Store,
  site: Site,
  query: ResolvedQuery,
  rareBelow = 0.05,
): Promise<ZoneRow[]> {
  const calendar = createLocalCalendar(site, query.hours);
  const sums = new Map<string, { minutes: number; occupied: number; known: number; used: number }>();
  for (const q of await store.series('zoneQuarters', { site: site.id, from: query.start, to: query.end })) {
    if (q.minutes === 0 || !calendar.counts(q.ts)) continue;
    const sum = sums.get(q.zone) ?? { minutes: 0, occupied: 0, known: 0, used: 0 };
    sum.minutes += q.minutes;
    sum.occupied += q.occupiedSum;
    sum.known += q.knownSum;
    sum.used += q.usedMinutes;
    sums.set(q.zone, sum);
  }
  const rows = site.floors.flatMap((floor) =>
    floor.zones
      .filter(
        (zone) =>
          query.scope === 'site' || (query.scope === 'floor' ? floor.id === query.id : zone.id === query.id),
      )
      .map((zone): ZoneRow => {
        const sum = sums.get(zone.id);
        const utilisation = sum && sum.known > 0 ? round(sum.occupied / sum.known) : null;
        return {
          zone: zone.id,
          name: zone.name,
          floor: floor.id,
          minutes: sum?.minutes ?? 0,
          avgOccupied: sum && sum.minutes > 0 ? round(sum.occupied / sum.minutes) : null,
          utilisation,
          timeUsed: sum && sum.minutes > 0 ? round(sum.used / sum.minutes) : null,
          use: useOf(sum?.used ?? 0, utilisation, rareBelow),
        };
      }),
  );
  return rows.sort((a, b) => (b.utilisation ?? -1) - (a.utilisation ?? -1) || a.zone.localeCompare(b.zone));
}
