import type { Logger } from 'pino';
import type { Site } from '../protocol/index.ts';
import type { IngestStats } from './ingest-metrics.ts';
import { followSites } from './site-follower.ts';
import { startStatsPublisher } from './stats-publisher.ts';

/**
 * What a worker does beside ingesting, each on its own connection: following site models edited
 * through the API, and publishing its figures for the API and `/metrics`.
 */
export function startSideServices(options: {
  mqttUrl: string;
  username: string | undefined;
  password: string | undefined;
  clientId: string;
  statsIntervalMs: number;
  stats: () => IngestStats;
  onSite: (site: Site) => void;
  logger: Logger;
}) {
  const { mqttUrl, username, password, clientId, logger } = options;
  const follower = followSites({ mqttUrl, username, password, clientId, logger, onSite: options.onSite });
  const publisher =
    options.statsIntervalMs > 0
      ? startStatsPublisher({
          mqttUrl,
          username,
          password,
          clientId,
          intervalMs: options.statsIntervalMs,
          snapshot: options.stats,
          logger,
        })
      : undefined;
  return {
    async close(): Promise<void> {
      await publisher?.close();
      await follower.close();
    },
  };
}
