import type { SiteIndex } from '../../protocol/index.ts';
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
import { type DoorReport, headcountMinutes } from './headcount-minutes.ts';
import { sweepMinutes } from './occupancy-sweep.ts';
import { quarters, siteQuarters } from './quarters.ts';

/**
 * What deriving [from, to) needs: each desk's stretches that reach into it (one ending right at
 * `from` included, so an occupation going on since before is not a new arrival), and the door
 * reports since the daily reset before `from`.
 */
export type RangeInput = {
  segments: (desk: string) => readonly Segment[];
  doors: readonly DoorReport[];
};

export type DerivedBatch = Required<
  Pick<
    WriteBatch,
    'deskUsage' | 'zoneMinutes' | 'siteMinutes' | 'zoneQuarters' | 'floorQuarters' | 'siteQuarters'
  >
>;

/** The start of the door reports deriving [from, …) needs: the daily reset before it. */
export function doorsFrom(index: SiteIndex, from: number): number {
  return index.clock.lastLocalTime(from, index.site.dailyReset);
}

/**
 * Reads what deriving [from, to) needs from the store: the desk reports that can reach into the range
 * (one offline window before it) and the door reports since the daily reset before it.
 */
export async function readRangeInput(
  store: Store,
  index: SiteIndex,
  windowMs: number,
  from: number,
  to: number,
): Promise<RangeInput> {
  const { site } = index;
  const reports = await store.deskStates({ site: site.id, from: from - windowMs, to });
  const byDesk = new Map<string, DeskStateRecord[]>();
  for (const report of reports) {
    const list = byDesk.get(report.desk);
    if (list) list.push(report);
    else byDesk.set(report.desk, [report]);
  }
  const segments = new Map<string, Segment[]>();
  for (const [desk, list] of byDesk) segments.set(desk, deskSegments(list, windowMs, from - windowMs, to));
  const doors =
    index.doors.size > 0 ? await store.doorCounts({ site: site.id, from: doorsFrom(index, from), to }) : [];
  return { segments: (desk) => segments.get(desk) ?? [], doors };
}

/** Computes every derived record of one site over [from, to); both must be multiples of the desk bucket. */
export function deriveRange(index: SiteIndex, input: RangeInput, from: number, to: number): DerivedBatch {
  const { site } = index;
  const segments = new Map<string, readonly Segment[]>();
  const deskRecords = [];
  for (const [desk, place] of index.desks) {
    const own = input.segments(desk);
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
  const headcounts = hasDoors
    ? headcountMinutes(input.doors, from, to, (ts) => index.clock.lastLocalTime(ts, site.dailyReset))
    : [];
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
