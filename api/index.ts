// The HTTP API: live occupancy from a subscription to the broker, history from the store, and the
// dashboard's files when it is handed them. Hono on Node; it knows the broker only by its URL.
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { type Logger, pino } from 'pino';
import { z } from 'zod';
import { lastLocalTime, type Site } from '../protocol/index.ts';
import type { Store } from '../store/store.ts';
import { createApp } from './app.ts';
import { createEventLog } from './event-log.ts';
import { createLiveState } from './live-state.ts';
import { subscribeLive } from './live-subscriber.ts';
import type { StaticAssets } from './routes/assets.ts';

export type { StaticAssets } from './routes/assets.ts';

export const apiOptionsSchema = z.object({
  host: z.string().default('127.0.0.1'),
  /** 0 picks a free port; the handle's `port` says which. */
  port: z.number().int().min(0).max(65535).default(8080),
  mqttUrl: z.string().min(1),
  mqttUsername: z.string().optional(),
  mqttPassword: z.string().optional(),
  /** A desk whose sensor is silent this long is offline: two 5-minute heartbeats and a minute's grace. */
  offlineAfterMs: z
    .number()
    .int()
    .positive()
    .default(11 * 60_000),
  sweepMs: z.number().int().positive().default(5000),
  pingMs: z.number().int().positive().default(15_000),
});

export type ApiOptions = z.input<typeof apiOptionsSchema> & {
  sites: readonly Site[];
  store: Store;
  assets?: StaticAssets;
  logger?: Logger;
  now?: () => number;
};

export type ApiHandle = { port: number; url: string; close(): Promise<void> };

/**
 * Starts the API server.
 * @example const api = await start({ port: 0, mqttUrl: broker.url, sites, store }); fetch(`${api.url}/api/sites`)
 */
export async function start(options: ApiOptions): Promise<ApiHandle> {
  const config = apiOptionsSchema.parse(options);
  const logger = options.logger ?? pino({ level: 'silent' });
  const now = options.now ?? Date.now;
  const state = createLiveState({ sites: options.sites, offlineAfterMs: config.offlineAfterMs });
  const log = createEventLog();
  for (const site of options.sites) {
    const from = lastLocalTime(now(), site.dailyReset, site.timezone);
    state.seedHeadcount(
      site.id,
      await options.store.doorCounts({ site: site.id, from, to: now() + 60_000 }),
      now(),
    );
  }
  const mqtt = await subscribeLive({
    mqttUrl: config.mqttUrl,
    username: config.mqttUsername,
    password: config.mqttPassword,
    state,
    log,
    logger,
    now,
  });
  const sweep = setInterval(() => {
    for (const event of state.sweep(now())) log.append(event);
  }, config.sweepMs);
  const shutdown = new AbortController();
  const app = createApp({
    sites: new Map(options.sites.map((s) => [s.id, s])),
    state,
    log,
    store: options.store,
    logger,
    now,
    shutdown: shutdown.signal,
    mqttConnected: () => mqtt.connected,
    assets: options.assets,
    pingMs: config.pingMs,
  });
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  logger.info({ host: config.host, port }, 'api listening');
  return {
    port,
    url: `http://${config.host}:${port}`,
    close: async () => {
      clearInterval(sweep);
      shutdown.abort();
      await mqtt.endAsync();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        if ('closeAllConnections' in server) server.closeAllConnections();
      });
    },
  };
}
