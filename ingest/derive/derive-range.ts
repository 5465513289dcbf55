import { lastLocalTime, type SiteIndex } from '../../protocol/index.ts';
import {
  type FloorQuarterRecord,
  MINUTE_MS,
  type SiteMinuteRecord,
  type ZoneMinuteRecord,
  type ZoneQuarterRecord,
} from '../../store/derived-records.ts';
import type { DeskStateRecord, WriteBatch } from '../../store/records.ts';
import type { Store } from '../../store/store.ts';
import { deskSegments, type Segment } from './desk-segments.ts';
import { deskUsage } from './desk-usage.ts';
import { headcountMinutes } from './headcount-minutes.ts';
import { sweepMinutes } from './occupancy-sweep.ts';
import { quarters, siteQuarters } from './quarters.ts';

/**
 * Recomputes every derived record of one site over [from, to) from the stored events. `from` and
 * `to` must be multiples of the desk bucket. Reads the reports that can reach into the range (one
 * offline window before it) and the door reports since the daily reset before it.
 */
export async function deriveRange(
  store: Store,
  index: SiteIndex,
  windowMs: number,
  from: number,
  to: number,
): Promise<
  Required<
    Pick<
      WriteBatch,
      'deskUsage' | 'zoneMinutes' | 'siteMinutes' | 'zoneQuarters' | 'floorQuarters' | 'siteQuarters'
    >
  >
> {
  const { site } = index;
  const reports = await store.deskStates({ site: site.id, from: from - windowMs, to });
  const byDesk = new Map<string, DeskStateRecord[]>();
  for (const report of reports) {
    if (!index.desks.has(report.desk)) continue;
    const list = byDesk.get(report.desk) ?? [];
    list.push(report);
    byDesk.set(report.desk, list);
  }
  const segments = new Map<string, Segment[]>();
  const deskRecords = [];
  for (const [desk, place] of index.desks) {
    const own = deskSegments(byDesk.get(desk) ?? [], windowMs, from, to);
    segments.set(desk, own);
    const where = { site: site.id, floor: place.floor.id, zone: place.zone.id, desk };
    deskRecords.push(...deskUsage(where, own, from, to));
  }

  const zoneMinutes: ZoneMinuteRecord[] = [];
  const zoneQuarters: ZoneQuarterRecord[] = [];
  for (const { zone, floor } of index.zones.values()) {
    const where = { site: site.id, floor: floor.id, zone: zone.id };
    const minutes = minuteRecords(
      zone.desks.map((d) => segments.get(d.id) ?? []),
      from,
      to,
    );
    for (const minute of minutes) zoneMinutes.push({ ...where, ...minute });
    for (const quarter of quarters(minutes)) zoneQuarters.push({ ...where, ...quarter });
  }

  const floorQuarters: FloorQuarterRecord[] = site.floors.flatMap((floor) =>
    quarters(
      minuteRecords(
        floor.zones.flatMap((z) => z.desks.map((d) => segments.get(d.id) ?? [])),
        from,
        to,
      ),
    ).map((quarter) => ({ site: site.id, floor: floor.id, ...quarter })),
  );

  const hasDoors = index.doors.size > 0;
  const doorReports = hasDoors
    ? await store.doorCounts({ site: site.id, from: lastLocalTime(from, site.dailyReset, site.timezone), to })
    : [];
  const headcounts = hasDoors ? headcountMinutes(doorReports, from, to, site) : [];
  const siteMinutes: SiteMinuteRecord[] = minuteRecords([...segments.values()], from, to).map(
    (minute, i) => ({
      site: site.id,
      ...minute,
      headcount: hasDoors ? (headcounts[i] ?? 0) : null,
    }),
  );
  return {
    deskUsage: deskRecords,
    zoneMinutes,
    siteMinutes,
    zoneQuarters,
    floorQuarters,
    siteQuarters: siteQuarters(site.id, siteMinutes),
  };
}

function minuteRecords(desks: ReadonlyArray<readonly Segment[]>, from: number, to: number) {
  const all = desks.flat();
  const occupied = sweepMinutes(
    all.filter((s) => s.occupied),
    from,
    to,
  );
  const known = sweepMinutes(all, from, to);
  return occupied.avg.map((avg, i) => ({
    ts: from + i * MINUTE_MS,
    occupiedAvg: round(avg),
    occupiedMax: occupied.max[i] ?? 0,
    knownAvg: round(known.avg[i] ?? 0),
  }));
}

// Micro-desk precision is plenty, and it keeps SQLite and InfluxDB answers identical to the digit.
function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
