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
// (site, tags…, ts), so a recomputed bucket replaces the old row.

export function derivedSchema(): string {
  return SERIES_NAMES.map((name) => {
    const spec: SeriesSpec = SERIES[name];
    const tags = spec.tags.map((t) => `${columnOf(t)} TEXT NOT NULL`);
    const values = spec.values.map(
      ([f, type]) =>
        `${columnOf(f)} ${type === 'float' ? 'REAL' : 'INTEGER'}${type === 'nullable-int' ? '' : ' NOT NULL'}`,
    );
    const key = ['site', ...spec.tags.slice(-1).map(columnOf), 'ts'].join(', ');
    return `CREATE TABLE IF NOT EXISTS ${spec.name} (site TEXT NOT NULL, ts INTEGER NOT NULL, ${[...tags, ...values].join(', ')},
      PRIMARY KEY (${key})) WITHOUT ROWID;
    CREATE INDEX IF NOT EXISTS ${spec.name}_site_ts ON ${spec.name} (site, ts);`;
  }).join('\n');
}

export function prepareDerived(db: Database.Database) {
  const statements = Object.fromEntries(
    SERIES_NAMES.map((name) => {
      const spec: SeriesSpec = SERIES[name];
      const fields = ['site', 'ts', ...spec.tags, ...spec.values.map(([f]) => f)];
      const id = spec.tags.at(-1);
      const put = db.prepare(
        `INSERT OR REPLACE INTO ${spec.name} (${fields.map(columnOf).join(', ')}) VALUES (${fields.map((f) => `@${f}`).join(', ')})`,
      );
      const select = db.prepare(
        `SELECT ${fields.map((f) => `${columnOf(f)} AS ${f}`).join(', ')} FROM ${spec.name}
         WHERE site = @site ${id ? `AND (@id IS NULL OR ${columnOf(id)} = @id)` : ''} AND ts >= @from AND ts < @to
         ORDER BY ts${id ? `, ${columnOf(id)}` : ''}`,
      );
      return [name, { put, select }];
    }),
  ) as Record<SeriesName, { put: Database.Statement; select: Database.Statement }>;

  return {
    /** Call inside the store's write transaction. */
    write(batch: WriteBatch): void {
      for (const name of SERIES_NAMES) {
        const statement = statements[name].put;
        for (const record of batch[name] ?? []) statement.run(record);
      }
    },
    series: async <K extends SeriesName>(name: K, q: TimeRange & { site: string; id?: string }) =>
      statements[name].select.all({
        site: q.site,
        from: q.from,
        to: q.to,
        id: q.id ?? null,
      }) as SeriesRecord[K][],
  };
}
