import type { DeskUsageRecord, SiteMinuteRecord, ZoneMinuteRecord } from './derived-records.ts';
import type { InfluxQL } from './influxql.ts';
import { encodePoint } from './line-protocol.ts';
import type { TimeRange, WriteBatch } from './records.ts';

// The derived series on InfluxDB (docs/store.md): desk_usage (15-minute buckets), zone_minute and
// site_minute. Times are bucket starts; as with events, a recomputed bucket overwrites its point.
const DESK_USAGE = 'desk_usage';
const ZONE_MINUTE = 'zone_minute';
const SITE_MINUTE = 'site_minute';

export function derivedLines(batch: WriteBatch): string[] {
  return [
    ...(batch.deskUsage ?? []).map((r) =>
      encodePoint({
        measurement: DESK_USAGE,
        tags: { site: r.site, floor: r.floor, zone: r.zone, desk: r.desk },
        fields: {
          occupied_ms: { int: r.occupiedMs },
          known_ms: { int: r.knownMs },
          arrivals: { int: r.arrivals },
        },
        time: String(r.ts),
      }),
    ),
    ...(batch.zoneMinutes ?? []).map((r) =>
      encodePoint({
        measurement: ZONE_MINUTE,
        tags: { site: r.site, floor: r.floor, zone: r.zone },
        fields: minuteFields(r),
        time: String(r.ts),
      }),
    ),
    ...(batch.siteMinutes ?? []).map((r) =>
      encodePoint({
        measurement: SITE_MINUTE,
        tags: { site: r.site },
        fields: { ...minuteFields(r), headcount: r.headcount === null ? null : { int: r.headcount } },
        time: String(r.ts),
      }),
    ),
  ];
}

function minuteFields(r: { occupiedAvg: number; occupiedMax: number; knownAvg: number }) {
  return {
    occupied_avg: { float: r.occupiedAvg },
    occupied_max: { int: r.occupiedMax },
    known_avg: { float: r.knownAvg },
  };
}

type Row = Record<string, unknown>;
type Read = <T extends { ts: number }>(
  measurement: string,
  columns: string[],
  condition: InfluxQL,
  toRecord: (row: Row) => T,
  id: (record: T) => string,
) => Promise<T[]>;
type Where = (query: TimeRange & { site: string }, idTag: string, id: string | undefined) => InfluxQL;

const str = (value: unknown) => (typeof value === 'string' ? value : '');
const num = (value: unknown) => (typeof value === 'number' ? value : 0);
const MINUTE_COLUMNS = ['occupied_avg', 'occupied_max', 'known_avg'];

/** The store's read methods for the derived series, built on its generic `read`. */
export function derivedReads(read: Read, where: Where) {
  const minute = (row: Row) => ({
    ts: Number(row.time),
    occupiedAvg: num(row.occupied_avg),
    occupiedMax: num(row.occupied_max),
    knownAvg: num(row.known_avg),
  });
  return {
    deskUsage: (q: TimeRange & { site: string; desk?: string }) =>
      read<DeskUsageRecord>(
        DESK_USAGE,
        ['occupied_ms', 'known_ms', 'arrivals', 'floor', 'zone', 'desk'],
        where(q, 'desk', q.desk),
        (row) => ({
          site: q.site,
          floor: str(row.floor),
          zone: str(row.zone),
          desk: str(row.desk),
          ts: Number(row.time),
          occupiedMs: num(row.occupied_ms),
          knownMs: num(row.known_ms),
          arrivals: num(row.arrivals),
        }),
        (r) => r.desk,
      ),
    zoneMinutes: (q: TimeRange & { site: string; zone?: string }) =>
      read<ZoneMinuteRecord>(
        ZONE_MINUTE,
        [...MINUTE_COLUMNS, 'floor', 'zone'],
        where(q, 'zone', q.zone),
        (row) => ({ site: q.site, floor: str(row.floor), zone: str(row.zone), ...minute(row) }),
        (r) => r.zone,
      ),
    siteMinutes: (q: TimeRange & { site: string }) =>
      read<SiteMinuteRecord>(
        SITE_MINUTE,
        [...MINUTE_COLUMNS, 'headcount'],
        where(q, 'site', undefined),
        (row) => ({
          site: q.site,
          ...minute(row),
          headcount: typeof row.headcount === 'number' ? row.headcount : null,
        }),
        () => '',
      ),
  };
}
