import { Hono } from 'hono';
import type { Logger } from 'pino';
import type { Site } from '../protocol/index.ts';
import type { Store } from '../store/store.ts';
import type { EventLog } from './event-log.ts';
import { errorBody, onError } from './http-error.ts';
import type { LiveState } from './live-state.ts';
import { assetRoutes, type StaticAssets } from './routes/assets.ts';
import { liveRoutes } from './routes/live.ts';
import { sitesRoutes } from './routes/sites.ts';

export type AppDeps = {
  sites: ReadonlyMap<string, Site>;
  state: LiveState;
  log: EventLog;
  store: Store;
  logger: Logger;
  now: () => number;
  shutdown: AbortSignal;
  mqttConnected: () => boolean;
  assets?: StaticAssets | undefined;
  pingMs?: number;
};

/** The whole HTTP surface as one Hono app, so tests can call `app.request()` without a socket. */
export function createApp(deps: AppDeps) {
  const started = deps.now();
  const app = new Hono();
  app.onError(onError(deps.logger));
  app.get('/api/health', async (c) => {
    const store = await deps.store.ping().then(
      () => 'ok' as const,
      (error: Error) => error.message,
    );
    const mqtt = deps.mqttConnected() ? 'ok' : 'disconnected';
    const healthy = store === 'ok' && mqtt === 'ok';
    const body = { status: healthy ? 'ok' : 'degraded', store, mqtt, uptimeMs: deps.now() - started };
    return c.json(body, healthy ? 200 : 503);
  });
  app.route('/api/sites', sitesRoutes(deps.sites));
  app.route(
    '/api/sites',
    liveRoutes({
      state: deps.state,
      log: deps.log,
      now: deps.now,
      shutdown: deps.shutdown,
      pingMs: deps.pingMs ?? 15_000,
    }),
  );
  app.all('/api/*', (c) => c.json(errorBody(404, `no such endpoint: ${c.req.method} ${c.req.path}`), 404));
  if (deps.assets) app.route('/', assetRoutes(deps.assets));
  return app;
}
