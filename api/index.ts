// The HTTP API: live occupancy from a subscription to the broker, history from the store, and the
// dashboard's files when it is handed them. Hono on Node; it knows the broker only by its URL.
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { type Logger, pino } from 'pino';
import { z } from 'zod';
import { type Site, siteFilter, siteModelTopic } from '../protocol/index.ts';
import type { Store } from '../store/store.ts';
import { createTokenStore } from './access/token-store.ts';
import { createAlertDelivery } from './alerts/alert-delivery.ts';
import { createAlertEngine } from './alerts/alert-engine.ts';
import { createApp, DEFAULT_ALERT_RULES } from './app.ts';
import { createEventLog } from './event-log.ts';
import { subscribeIngestStats } from './ingest-stats.ts';
import { restoreLive } from './live-setup.ts';
import { subscribeLive } from './live-subscriber.ts';
import type { StaticAssets } from './routes/assets.ts';
import { createSensorHealth } from './sensor-health.ts';

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
  const { state, calibrations, siteFiles, edited } = await restoreLive({
    ...config,
    sites: options.sites,
    store: options.store,
    now,
  });
  const log = createEventLog();
  const alerts = createAlertEngine({ rules: config.alertRules });
  const sensors = createSensorHealth(config.offlineAfterMs);
  for (const id of state.siteIds()) {
    const site = state.site(id);
    if (site) sensors.learn(site);
  }
  const delivery = createAlertDelivery({
    log,
    logger,
    webhooks: config.webhooks,
    webhookSecret: config.webhookSecret,
    baseDelayMs: config.webhookBaseDelayMs,
    maxAttempts: config.webhookMaxAttempts,
  });
  const raise = delivery.deliver;
  const ingestStats = subscribeIngestStats({
    mqttUrl: config.mqttUrl,
    username: config.mqttUsername,
    password: config.mqttPassword,
    logger,
  });
  const mqtt = await subscribeLive({
    mqttUrl: config.mqttUrl,
    username: config.mqttUsername,
    password: config.mqttPassword,
    state,
    log,
    logger,
    now,
    onMessage: (message, heardAt) => {
      sensors.apply(message, heardAt);
      raise(alerts.onMessage(message, heardAt));
    },
  });
  const publishSite = (site: Site) =>
    mqtt.publishAsync(siteModelTopic(site.id), JSON.stringify(site), { qos: 1, retain: true });
  for (const site of edited) await publishSite(site);
  const sweep = setInterval(() => {
    const t = now();
    for (const event of state.sweep(t)) log.append(event);
    for (const id of state.siteIds()) {
      const site = state.site(id);
      const view = state.view(id, t);
      if (site && view) raise(alerts.check(site, view, t));
    }
  }, config.sweepMs);
  const shutdown = new AbortController();
  const app = createApp({
    ingestWorkers: ingestStats.workers,
    state,
    log,
    store: options.store,
    logger,
    now,
    shutdown: shutdown.signal,
    mqttConnected: () => mqtt.connected,
    assets: options.assets,
    pingMs: config.pingMs,
    tokens: createTokenStore({ dataDir: config.dataDir, now }),
    memberAccess: config.memberAccess,
    rateLimitPerMinute: config.rateLimitPerMinute,
    maxBodyBytes: config.maxBodyBytes,
    alerts,
    sensors,
    calibrations,
    saveSite: async (site) => {
      const isNew = !state.has(site.id);
      siteFiles.save(site);
      state.putSite(site);
      sensors.learn(site);
      if (isNew) await mqtt.subscribeAsync(siteFilter(site.id), { qos: 1 });
      await publishSite(site);
      logger.info({ site: site.id }, 'site model saved');
    },
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
      await delivery.close();
      await mqtt.endAsync();
      await ingestStats.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        if ('closeAllConnections' in server) server.closeAllConnections();
      });
    },
  };
}
