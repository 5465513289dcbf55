import type { StoreChoice } from '../store/index.ts';
import type { Config } from './config.ts';

/** The store settings of a config, in the shape the store module takes. */
export function storeChoice(config: Config): StoreChoice {
  if (config.store === 'sqlite') return { kind: 'sqlite', dataDir: config.dataDir };
  return {
    kind: 'influxdb',
    url: config.influxUrl,
    database: config.influxDb,
    reportsDatabase: config.influxReportsDb,
    username: config.influxUser,
    password: config.influxPassword,
    token: config.influxToken,
  };
}

/** Where history goes, for people: "SQLite in ./data" or "InfluxDB at http://…". */
export function storeLabel(config: Config): string {
  return config.store === 'sqlite' ? `SQLite in ${config.dataDir}` : `InfluxDB at ${config.influxUrl}`;
}
