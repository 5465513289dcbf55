import type Database from 'better-sqlite3';
import {
  columnOf,
  SERIES,
  SERIES_NAMES,
  type SeriesName,
  type SeriesRecord,
  type SeriesSpec,
} from './derived-series.ts';
import type { TimeRange, WriteBatch } from './records.ts';

// The derived series on SQLite: a table each, built from the shared description. The key is
// (site, ts, id), time first, so a recomputed bucket replaces the old row and the deriver's pass, which
// rewrites every desk's current bucket, touches the table's last pages only; reads of one id's range
// go through an index on (site, id, ts).

export function derivedSchema(): string {
  return SERIES_NAMES.map((name) => {
    const spec: SeriesSpec = SERIES[name];
    const tags = spec.tags.map((t) => `${columnOf(t)} TEXT NOT NULL`);
    const values = spec.values.map(
      ([f, type]) =>
        `${columnOf(f)} ${type === 'float' ? 'REAL' : 'INTEGER'}${type === 'nullable-int' ? '' : ' NOT NULL'}`,
    );
    const id = spec.tags.at(-1);
    const key = ['site', 'ts', ...(id ? [columnOf(id)] : [])].join(', ');
    const byId = id
      ? `CREATE INDEX IF NOT EXISTS ${spec.name}_site_id_ts ON ${spec.name} (site, ${columnOf(id)}, ts);`
      : '';
    return `CREATE TABLE IF NOT EXISTS ${spec.name} (site TEXT NOT NULL, ts INTEGER NOT NULL, ${[...tags, ...values].join(', ')},
      PRIMARY KEY (${key})) WITHOUT ROWID;
    ${byId}`;
  }).join('\n');
}

/** The derived series' table names (all ours, never a client's). */
export const DERIVED_TABLES = SERIES_NAMES.map((name) => SERIES[name].name);

export function prepareDerived(db: Database.Database) {
  const statements = Object.fromEntries(
    SERIES_NAMES.map((name) => [name, prepareSeries(db, SERIES[name])]),
  ) as Record<SeriesName, ReturnType<typeof prepareSeries>>;

  return {
    /** Call inside the store's write transaction. */
    write(batch: WriteBatch): void {
      for (const name of SERIES_NAMES) {
        const statement = statements[name].put;
        for (const record of batch[name] ?? []) statement.run(record);
      }
    },
    series: async <K extends SeriesName>(name: K, q: TimeRange & { site: string; id?: string }) => {
      const { all, one } = statements[name];
      const range = { site: q.site, from: q.from, to: q.to };
      const rows = q.id === undefined || !one ? all.all(range) : one.all({ ...range, id: q.id });
      return rows as SeriesRecord[K][];
    },
  };
}

function prepareSeries(db: Database.Database, spec: SeriesSpec) {
  const fields = ['site', 'ts', ...spec.tags, ...spec.values.map(([f]) => f)];
  const id = spec.tags.at(-1);
  const keyFields = ['site', 'ts', ...(id ? [id] : [])];
  const rest = fields.filter((f) => !keyFields.includes(f));
  // An update in place, not INSERT OR REPLACE (a delete and an insert): a rewritten bucket leaves the
  // index on (site, id, ts) alone.
  const put = db.prepare(
    `INSERT INTO ${spec.name} (${fields.map(columnOf).join(', ')}) VALUES (${fields.map((f) => `@${f}`).join(', ')})
     ON CONFLICT (${keyFields.map(columnOf).join(', ')}) DO UPDATE SET ${rest.map((f) => `${columnOf(f)} = excluded.${columnOf(f)}`).join(', ')}`,
  );
  const columns = fields.map((f) => `${columnOf(f)} AS ${f}`).join(', ');
  const order = `ORDER BY ts${id ? `, ${columnOf(id)}` : ''}`;
  const all = db.prepare(
    `SELECT ${columns} FROM ${spec.name} WHERE site = @site AND ts >= @from AND ts < @to ${order}`,
  );
  // Its own statement, naming its index: SQLite picks an index when it prepares, `@id IS NULL OR …`
  // would use none, and without statistics it chose the key's time range, every id's rows in it.
  const one = id
    ? db.prepare(
        `SELECT ${columns} FROM ${spec.name} INDEXED BY ${spec.name}_site_id_ts
         WHERE site = @site AND ${columnOf(id)} = @id AND ts >= @from AND ts < @to ${order}`,
      )
    : undefined;
  return { put, all, one };
}
