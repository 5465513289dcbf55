import {
  columnOf,
  SERIES,
  SERIES_NAMES,
  type SeriesName,
  type SeriesRecord,
  type SeriesSpec,
} from './derived-series.ts';
import type { InfluxQL } from './influxql.ts';
import { encodePoint, type FieldValue } from './line-protocol.ts';
import type { TimeRange, WriteBatch } from './records.ts';

// The derived series on InfluxDB, built from the shared description (store/derived-series.ts):
// a measurement each, tags site + the series' tags, fields in snake_case, time the bucket start.
// As with events, a recomputed bucket overwrites its point.

export function derivedLines(batch: WriteBatch): string[] {
  const lines: string[] = [];
  for (const name of SERIES_NAMES) {
    const spec: SeriesSpec = SERIES[name];
    for (const record of (batch[name] ?? []) as ReadonlyArray<Record<string, unknown>>) {
      const tags: Record<string, string> = { site: String(record.site) };
      for (const tag of spec.tags) tags[tag] = String(record[tag]);
      const fields: Record<string, FieldValue | null> = {};
      for (const [field, type] of spec.values) {
        const value = record[field];
        fields[columnOf(field)] =
          typeof value !== 'number' ? null : type === 'float' ? { float: value } : { int: value };
      }
      lines.push(encodePoint({ measurement: spec.name, tags, fields, time: String(record.ts) }));
    }
  }
  return lines;
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

/** The store's `series` read, built on its generic `read`. */
export function derivedReads(read: Read, where: Where) {
  return {
    series<K extends SeriesName>(
      name: K,
      q: TimeRange & { site: string; id?: string },
    ): Promise<SeriesRecord[K][]> {
      const spec: SeriesSpec = SERIES[name];
      const idTag = spec.tags.at(-1);
      const toRecord = (row: Row) => {
        const record: Row = { site: q.site, ts: Number(row.time) };
        for (const tag of spec.tags) record[tag] = typeof row[tag] === 'string' ? row[tag] : '';
        for (const [field, type] of spec.values) {
          const value = row[columnOf(field)];
          record[field] = typeof value === 'number' ? value : type === 'nullable-int' ? null : 0;
        }
        return record as unknown as SeriesRecord[K] & { ts: number };
      };
      const columns = [...spec.values.map(([f]) => columnOf(f)), ...spec.tags];
      const condition = where(q, idTag ?? 'site', idTag ? q.id : undefined);
      return read(spec.name, columns, condition, toRecord, (r) => (idTag ? String((r as Row)[idTag]) : ''));
    },
  };
}
