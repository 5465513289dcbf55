// The time-series store: one interface (store.ts), two implementations — embedded SQLite by default,
// InfluxDB through its v1 HTTP API — held to one contract suite (store-contract.ts).
import { join } from 'node:path';
import { openInfluxStore } from './influx-store.ts';
import { openSqliteStore } from './sqlite-store.ts';
import type { Store } from './store.ts';

export type { InfluxStoreOptions } from './influx-store.ts';
export { openInfluxStore } from './influx-store.ts';
export * from './records.ts';
export type { SqliteStoreOptions } from './sqlite-store.ts';
export { openSqliteStore } from './sqlite-store.ts';
export type { Store } from './store.ts';

export type StoreChoice =
  | { kind: 'sqlite'; dataDir: string }
  | {
      kind: 'influxdb';
      url: string;
      database: string;
      reportsDatabase?: string | undefined;
      username?: string | undefined;
      password?: string | undefined;
      token?: string | undefined;
    };

/** Opens the store a deployment chose: SQLite in `dataDir/prossima.db`, or InfluxDB by URL. */
export async function openStore(choice: StoreChoice): Promise<Store> {
  if (choice.kind === 'sqlite') return openSqliteStore({ file: join(choice.dataDir, 'prossima.db') });
  const { kind: _, ...influx } = choice;
  return openInfluxStore(influx);
}
