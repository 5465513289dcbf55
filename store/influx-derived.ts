import type {
  DeskUsageRecord,
  DeskUsageTotal,
  SiteMinuteRecord,
  ZoneMinuteRecord,
} from './derived-records.ts';
import type { InfluxSeries } from './influx-client.ts';
import { type InfluxQL, ident, influxql, join, millis } from './influxql.ts';
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

type Query = (q: InfluxQL) => Promise<InfluxSeries[]>;

/** The store's read methods for the derived series, built on its generic `read`. */
export function derivedReads(
  read: Read,
  where: Where,
  query: Query,
  from: (measurement: string) => InfluxQL,
) {
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
    deskUsageTotals: async (q: TimeRange & { site: string; within?: readonly TimeRange[] }) => {
      // InfluxQL cannot OR time ranges, so each window is its own statement, all sent in one request.
      const windows = (q.within ?? [q])
        .map((w) => ({ from: Math.max(w.from, q.from), to: Math.min(w.to, q.to) }))
        .filter((w) => w.to > w.from);
      if (windows.length === 0) return [];
      const sums = join(
        ['occupied_ms', 'known_ms', 'arrivals'].map((f) => influxql`SUM(${ident(f)}) AS ${ident(f)}`),
      );
      const statements = windows.map(
        (w) =>
          influxql`SELECT ${sums} FROM ${from(DESK_USAGE)} WHERE ${ident('site')} = ${q.site} AND time >= ${millis(w.from)} AND time < ${millis(w.to)} GROUP BY ${ident('desk')}, ${ident('floor')}, ${ident('zone')}`,
      );
      const totals = new Map<string, DeskUsageTotal>();
      for (const series of await query(join(statements, '; '))) {
        const desk = series.tags?.desk ?? '';
        const total = totals.get(desk) ?? {
          desk,
          floor: series.tags?.floor ?? '',
          zone: series.tags?.zone ?? '',
          occupiedMs: 0,
          knownMs: 0,
          arrivals: 0,
        };
        const [, occupied, known, arrivals] = series.values[0] ?? [];
        total.occupiedMs += num(occupied);
        total.knownMs += num(known);
        total.arrivals += num(arrivals);
        totals.set(desk, total);
      }
      return [...totals.values()].sort((a, b) => (a.desk < b.desk ? -1 : a.desk > b.desk ? 1 : 0));
    },
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
