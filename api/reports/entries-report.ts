import type { Site } from '../../protocol/index.ts';
import type { Store } from '../../store/store.ts';
import { createLocalCalendar } from './local-calendar.ts';
import type { ResolvedQuery } from './report-query.ts';

export type EntriesRow = { day: string; start: number; entries: number; exits: number };

/** People through the doors per local day: every hour counts, since people arrive before opening. */
export async function entriesReport(store: Store, site: Site, query: ResolvedQuery): Promise<EntriesRow[]> {
  const calendar = createLocalCalendar(site, 'all');
  const days = new Map<number, EntriesRow>();
  for (const report of await store.doorCounts({ site: site.id, from: query.start, to: query.end })) {
    const period = calendar.period(report.ts, 'day');
    const row = days.get(period.start) ?? { day: period.label, start: period.start, entries: 0, exits: 0 };
    row.entries += report.in;
    row.exits += report.out;
    days.set(period.start, row);
  }
  return [...days.values()].sort((a, b) => a.start - b.start);
}
