// The API's live side: state restored from files and the store, kept current by the broker's messages,
// aged by a sweep, watched by the alert rules; and the one place a saved site model goes out over MQTT.
import type { Logger } from 'pino';
import { type Site, siteFilter, siteModelTopic } from '../protocol/index.ts';
import type { Store } from '../store/store.ts';
import { createAlertDelivery } from './alerts/alert-delivery.ts';
import { type AlertRules, createAlertEngine } from './alerts/alert-engine.ts';
import { createEventLog, type EventLog } from './event-log.ts';
import { subscribeIngestStats } from './ingest-stats.ts';
import { restoreLive } from './live-setup.ts';
import { subscribeLive } from './live-subscriber.ts';
import { createSensorHealth } from './sensor-health.ts';

export type LiveServiceOptions = {
  sites: readonly Site[];
  store: Store;
  dataDir?: string | undefined;
  mqttUrl: string;
  mqttUsername?: string | undefined;
  mqttPassword?: string | undefined;
  offlineAfterMs: number;
  awayGraceMs: number;
  sweepMs: number;
  alertRules: AlertRules;
  webhooks: string[];
  webhookSecret?: string | undefined;
  webhookBaseDelayMs: number;
  webhookMaxAttempts: number;
  logger: Logger;
  now: () => number;
};

export async function startLiveService(options: LiveServiceOptions) {
  const { logger, now } = options;
  const { state, calibrations, siteFiles, edited } = await restoreLive(options);
  const log = createEventLog();
  const { alerts, sensors, delivery } = watchers(options, state, log);
  const broker = { mqttUrl: options.mqttUrl, username: options.mqttUsername, password: options.mqttPassword };
  const ingestStats = subscribeIngestStats({ ...broker, logger });
  const mqtt = await subscribeLive({
    ...broker,
    state,
    log,
    logger,
    now,
    onMessage: (message, heardAt) => {
      sensors.apply(message, heardAt);
      delivery.deliver(alerts.onMessage(message, heardAt));
    },
  });
  const publishSite = (site: Site) =>
    mqtt.publishAsync(siteModelTopic(site.id), JSON.stringify(site), { qos: 1, retain: true });
  for (const site of edited) await publishSite(site);
  const sweep = setInterval(() => {
    sweepLive(state, log, (site, view, at) => delivery.deliver(alerts.check(site, view, at)), now());
  }, options.sweepMs);
  return {
    state,
    log,
    alerts,
    sensors,
    calibrations,
    ingestWorkers: ingestStats.workers,
    mqttConnected: () => mqtt.connected,
    /** Keeps a site model (file, live state, sensors) and publishes it retained for ingest to follow. */
    saveSite: async (site: Site) => {
      const isNew = !state.has(site.id);
      siteFiles.save(site);
      state.putSite(site);
      sensors.learn(site);
      if (isNew) await mqtt.subscribeAsync(siteFilter(site.id), { qos: 1 });
      await publishSite(site);
      logger.info({ site: site.id }, 'site model saved');
    },
    close: async () => {
      clearInterval(sweep);
      await delivery.close();
      await mqtt.endAsync();
      await ingestStats.close();
    },
  };
}

type LiveState = Awaited<ReturnType<typeof restoreLive>>['state'];
type SiteView = NonNullable<ReturnType<LiveState['view']>>;

/** What watches the live messages: sensor health, the alert rules, and the alerts' way out (SSE, webhooks). */
function watchers(options: LiveServiceOptions, state: LiveState, log: EventLog) {
  const alerts = createAlertEngine({ rules: options.alertRules });
  const sensors = createSensorHealth(options.offlineAfterMs);
  for (const id of state.siteIds()) {
    const site = state.site(id);
    if (site) sensors.learn(site);
  }
  const delivery = createAlertDelivery({
    log,
    logger: options.logger,
    webhooks: options.webhooks,
    webhookSecret: options.webhookSecret,
    baseDelayMs: options.webhookBaseDelayMs,
    maxAttempts: options.webhookMaxAttempts,
  });
  return { alerts, sensors, delivery };
}

/** Ages desks into away, free and offline as time passes, and checks each site's alert rules. */
function sweepLive(
  state: LiveState,
  log: EventLog,
  check: (site: Site, view: SiteView, at: number) => void,
  at: number,
): void {
  for (const event of state.sweep(at)) log.append(event);
  for (const id of state.siteIds()) {
    const site = state.site(id);
    const view = state.view(id, at);
    if (site && view) check(site, view, at);
  }
}
