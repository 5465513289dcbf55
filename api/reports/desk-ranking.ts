import type { Site } from '../../protocol/index.ts';
import type { Store } from '../../store/store.ts';
import { createLocalCalendar } from './local-calendar.ts';
import { round } from './occupancy-report.ts';
import type { ResolvedQuery } from './report-query.ts';

export type DeskRow = {
  desk: string;
  label: string;
  zone: string;
  floor: string;
  occupiedMinutes: number;
  knownMinutes: number;
  utilisation: number | null;
  arrivals: number;
  avgDwellMinutes: number | null;
  /** never: no occupied minute in the range; rare: utilisation under the threshold. */
  use: 'never' | 'rare' | 'used';
};

/** Every desk of the scope ranked by utilisation, busiest first; never-used desks included. */
export async function deskRanking(
  store: Store,
  site: Site,
  query: ResolvedQuery,
  rareBelow = 0.05,
): Promise<DeskRow[]> {
  const calendar = createLocalCalendar(site, query.hours);
  const within = query.hours === 'all' ? undefined : calendar.windows(query.start, query.end);
  const totals = new Map(
    (await store.deskUsageTotals({ site: site.id, from: query.start, to: query.end, within })).map((t) => [
      t.desk,
      t,
    ]),
  );
  const rows: DeskRow[] = [];
  for (const floor of site.floors) {
    if (query.scope === 'floor' && floor.id !== query.id) continue;
    for (const zone of floor.zones) {
      if (query.scope === 'zone' && zone.id !== query.id) continue;
      for (const desk of zone.desks) {
        if (query.scope === 'desk' && desk.id !== query.id) continue;
        const total = totals.get(desk.id);
        const occupied = total?.occupiedMs ?? 0;
        const known = total?.knownMs ?? 0;
        const utilisation = known > 0 ? round(occupied / known) : null;
        rows.push({
          desk: desk.id,
          label: desk.label,
          zone: zone.id,
          floor: floor.id,
          occupiedMinutes: round(occupied / 60_000),
          knownMinutes: round(known / 60_000),
          utilisation,
          arrivals: total?.arrivals ?? 0,
          avgDwellMinutes: total && total.arrivals > 0 ? round(occupied / total.arrivals / 60_000) : null,
          use: occupied === 0 ? 'never' : (utilisation ?? 0) < rareBelow ? 'rare' : 'used',
        });
      }
    }
  }
  return rows.sort((a, b) => (b.utilisation ?? -1) - (a.utilisation ?? -1) || a.desk.localeCompare(b.desk));
}
