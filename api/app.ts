import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import type { Logger } from 'pino';
import type { LiveEvent, Site } from '../protocol/index.ts';
import type { Store } from '../store/store.ts';
import { identify, type MemberAccess } from './access/access-control.ts';
import { createRateLimiter } from './access/rate-limit.ts';
import type { ApiEnv } from './access/roles.ts';
import { createTokenStore, type TokenStore } from './access/token-store.ts';
import { type AlertEngine, createAlertEngine } from './alerts/alert-engine.ts';
import { type CalibrationLog, createCalibrationLog } from './calibration-log.ts';
import type { EventLog } from './event-log.ts';
import { createHourlyCache } from './history/hourly-cache.ts';
import { deskWeekProfile, siteWeekProfile } from './history/week-profile.ts';
import { errorBody, onError } from './http-error.ts';
import type { IngestWorker } from './ingest-stats.ts';
import type { LiveState } from './live-state.ts';
import { alertsRoutes } from './routes/alerts.ts';
import { assetRoutes, type StaticAssets } from './routes/assets.ts';
import { docsRoutes } from './routes/docs.ts';
import { freeDesksRoutes } from './routes/free-desks.ts';
import { headcountRoutes } from './routes/headcount.ts';
import { healthRoutes } from './routes/health.ts';
import { ingestRoutes } from './routes/ingest.ts';
import { liveRoutes } from './routes/live.ts';
import { openDataRoutes } from './routes/open-data.ts';
import { reportsRoutes } from './routes/reports.ts';
import { sensorsRoutes } from './routes/sensors.ts';
import { sessionRoutes } from './routes/session.ts';
import { sitesRoutes } from './routes/sites.ts';
import { tokensRoutes } from './routes/tokens.ts';
import { createSensorHealth, type SensorHealthState } from './sensor-health.ts';

export type AppDeps = {
  state: LiveState;
  log: EventLog;
  store: Store;
  logger: Logger;
  now: () => number;
  shutdown: AbortSignal;
  mqttConnected: () => boolean;
  assets?: StaticAssets | undefined;
  pingMs?: number;
  tokens?: TokenStore;
  /** `open` (default): anonymous requests from the local network get the member view. */
  memberAccess?: MemberAccess;
  /** Requests a minute, per token and per address. */
  rateLimitPerMinute?: number;
  maxBodyBytes?: number;
  alerts?: AlertEngine;
  calibrations?: CalibrationLog;
  /** The latest figures of each ingest worker (api/ingest-stats.ts); none when not given. */
  ingestWorkers?: () => IngestWorker[];
  /** Devices' battery and last seen; filled by the live subscription. */
  sensors?: SensorHealthState;
  /** Keeps and applies an edited site model; by default only applies it to the live state. */
  saveSite?: (site: Site) => Promise<void>;
};

const BODYLESS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const DEFAULT_ALERT_RULES = { batteryLowPercent: 20, driftThreshold: 5, afterClosingMs: 3_600_000 };

/** The whole HTTP surface as one Hono app, so tests can call `app.request()` without a socket. */
// Without a live subscription (in-process tests), health knows the model and nothing heard yet.
function defaultSensors(state: LiveState): SensorHealthState {
  const sensors = createSensorHealth(11 * 60_000);
  for (const id of state.siteIds()) {
    const site = state.site(id);
    if (site) sensors.learn(site);
  }
  return sensors;
}

export function createApp(deps: AppDeps) {
  const memberAccess = deps.memberAccess ?? 'open';
  const perMinute = deps.rateLimitPerMinute ?? 600;
  const maxBodyBytes = deps.maxBodyBytes ?? 256 * 1024;
  const tokens = deps.tokens ?? createTokenStore({ now: deps.now });
  const alerts = deps.alerts ?? createAlertEngine({ rules: DEFAULT_ALERT_RULES });
  const calibrations = deps.calibrations ?? createCalibrationLog(undefined);
  const siteOf = (id: string) => {
    const site = deps.state.site(id);
    if (!site) throw new Error(`no site "${id}"`);
    return site;
  };
  const deskProfiles = createHourlyCache(deps.now, (id) =>
    deskWeekProfile(deps.store, siteOf(id), deps.now()),
  );
  const siteProfiles = createHourlyCache(deps.now, (id) =>
    siteWeekProfile(deps.store, siteOf(id), deps.now()),
  );
  const publish = (event: LiveEvent) => void deps.log.append(event);
  const saveSite = async (site: Site) => {
    await (deps.saveSite ?? (async (s: Site) => deps.state.putSite(s)))(site);
    deskProfiles.drop(site.id);
    siteProfiles.drop(site.id);
  };

  const app = new OpenAPIHono<ApiEnv>();
  app.onError(onError(deps.logger));
  const limitBody = bodyLimit({
    maxSize: maxBodyBytes,
    onError: (c) => c.json(errorBody(413, `request body larger than ${maxBodyBytes} bytes`), 413),
  });
  // Only requests that may carry a body pay for the check (it materialises the full Request).
  app.use('/api/*', (c, next) => (BODYLESS.has(c.req.method) ? next() : limitBody(c, next)));
  const identifyCaller = identify({
    tokens,
    limiter: createRateLimiter(perMinute, deps.now),
    perMinute,
    memberAccess,
  });
  app.use('/api/*', identifyCaller);
  app.use('/metrics', identifyCaller);

  const { state, now } = deps;
  app.route('/', healthRoutes({ ...deps, started: now(), memberAccess }));
  app.route('/', sessionRoutes({ memberAccess }));
  app.route('/', sitesRoutes({ state, memberAccess, saveSite }));
  app.route('/', liveRoutes({ ...deps, pingMs: deps.pingMs ?? 15_000, memberAccess }));
  app.route('/', headcountRoutes({ state, calibrations, now, memberAccess, publish }));
  app.route('/', freeDesksRoutes({ state, now, memberAccess, deskProfile: deskProfiles.get }));
  app.route('/', alertsRoutes({ state, alerts, memberAccess }));
  app.route('/', openDataRoutes({ state, now, memberAccess, siteProfile: siteProfiles.get }));
  app.route('/', reportsRoutes({ state, store: deps.store, memberAccess, calibrations }));
  app.route('/', tokensRoutes({ tokens, memberAccess }));
  app.route(
    '/',
    sensorsRoutes({
      state,
      sensors: deps.sensors ?? defaultSensors(state),
      store: deps.store,
      now,
      memberAccess,
    }),
  );
  app.route('/', ingestRoutes({ workers: deps.ingestWorkers ?? (() => []), now, memberAccess }));
  app.route('/', docsRoutes(app, memberAccess));

  app.all('/api/*', (c) => c.json(errorBody(404, `no such endpoint: ${c.req.method} ${c.req.path}`), 404));
  if (deps.assets) app.route('/', assetRoutes(deps.assets));
  return app;
}
