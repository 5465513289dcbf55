import type { Logger } from 'pino';
import { ingestStatsTopic } from '../protocol/index.ts';
import type { IngestStats } from './ingest-metrics.ts';
import { sideConnection } from './side-connection.ts';

// Ingest tells the rest of the system how it is doing over MQTT, as every component talks: a retained
// message per worker that the API reads for /api/ingest and /metrics. It has a connection of its own
// (a clean session), so the data path's persistent session never waits behind it, and a broker that
// refuses this topic (an ACL) costs the stats, never the data.

export type StatsPublisherOptions = {
  mqttUrl: string;
  username?: string | undefined;
  password?: string | undefined;
  clientId: string;
  intervalMs: number;
  snapshot: () => IngestStats;
  logger: Logger;
};

export function startStatsPublisher(options: StatsPublisherOptions) {
  const topic = ingestStatsTopic(options.clientId);
  const client = sideConnection({ ...options, purpose: 'stats' });
  const publish = () => {
    if (!client.connected) return;
    client.publish(topic, JSON.stringify(options.snapshot()), { qos: 0, retain: true });
  };
  client.on('connect', publish);
  const timer = setInterval(publish, options.intervalMs);
  timer.unref();
  return {
    async close(): Promise<void> {
      clearInterval(timer);
      publish();
      await client.endAsync();
    },
  };
}
