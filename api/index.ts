// The HTTP API: live occupancy from a subscription to the broker, history from the store, and the
// dashboard's files when it is handed them. Hono on Node; it knows the broker only by its URL.
import { type Logger, pino } from 'pino';
import { z } from 'zod';
import type { Site } from '../protocol/index.ts';
import type { Store } from '../store/store.ts';
import { createTokenStore } from './access/token-store.ts';
import { createApp, DEFAULT_ALERT_RULES } from './app.ts';
import { listen } from './http-server.ts';
import { startLiveService } from './live-service.ts';
import type { StaticAssets } from './routes/assets.ts';

export type { Role } from './access/roles.ts';
export { createTokenStore, type TokenInfo, type TokenStore } from './access/token-store.ts';
export { signWebhook } from './alerts/webhooks.ts';
export type { StaticAssets } from './routes/assets.ts';

const MIN = 60_000;

export const apiOptionsSchema = z
  .object({
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
      .default(11 * MIN),
    /** A desk vacated less than this ago is `away` (still held), not free. */
    awayGraceMs: z
      .number()
      .int()
      .nonnegative()
      .default(15 * MIN),
    sweepMs: z.number().int().positive().default(5000),
    pingMs: z.number().int().positive().default(15_000),
    /** Tokens, calibrations and edited sites are kept here; in memory only when unset. */
    dataDir: z.string().min(1).optional(),
    /** `open`: the member view needs no token from a local (private-network) address. */
    memberAccess: z.enum(['open', 'token']).default('open'),
    rateLimitPerMinute: z.number().int().positive().default(600),
    maxBodyBytes: z
      .number()
      .int()
      .positive()
      .default(256 * 1024),
    webhooks: z.array(z.url({ protocol: /^https?$/ })).default([]),
    webhookSecret: z.string().min(16, 'must be at least 16 characters').optional(),
    webhookBaseDelayMs: z.number().int().positive().default(1000),
    webhookMaxAttempts: z.number().int().positive().default(8),
    alertRules: z
      .object({
        batteryLowPercent: z.number().min(0).max(100),
        driftThreshold: z.number().int().nonnegative(),
        afterClosingMs: z.number().int().nonnegative(),
      })
      .default(DEFAULT_ALERT_RULES),
  })
  .refine((o) => o.webhooks.length === 0 || o.webhookSecret !== undefined, {
    message: 'webhookSecret is required when webhooks are set (receivers check the signature)',
    path: ['webhookSecret'],
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
  const live = await startLiveService({ ...config, sites: options.sites, store: options.store, logger, now });
  const shutdown = new AbortController();
  const app = createApp({
    ingestWorkers: live.ingestWorkers,
    state: live.state,
    log: live.log,
    store: options.store,
    logger,
    now,
    shutdown: shutdown.signal,
    mqttConnected: live.mqttConnected,
    assets: options.assets,
    pingMs: config.pingMs,
    tokens: createTokenStore({ dataDir: config.dataDir, now }),
    memberAccess: config.memberAccess,
    rateLimitPerMinute: config.rateLimitPerMinute,
    maxBodyBytes: config.maxBodyBytes,
    alerts: live.alerts,
    sensors: live.sensors,
    calibrations: live.calibrations,
    saveSite: live.saveSite,
  });
  const server = await listen(app.fetch, config.host, config.port);
  logger.info({ host: config.host, port: server.port }, 'api listening');
  return {
    port: server.port,
    url: `http://${config.host}:${server.port}`,
    close: async () => {
      shutdown.abort();
      await live.close();
      await server.close();
    },
  };
}
