import { join } from 'node:path';
import type { Config } from './config.ts';

/** Ingest's share of the settings, in the shape `ingest/index.ts` start() takes. */
export function ingestSettings(config: Config) {
  return {
    clientId: config.ingestClientId,
    walDir: join(config.dataDir, 'ingest-wal'),
    walMaxBytes: config.ingestWalMaxMb * 1024 * 1024,
    keepEventsDays: config.keepEventsDays,
  };
}

/** How a worker run apart shares the load with others: by site, or through a `$share` group. */
export function ingestScaleSettings(config: Config) {
  return {
    topicSites: config.ingestSites?.split(','),
    shareGroup: config.ingestShareGroup,
  };
}
