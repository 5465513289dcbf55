import { z } from 'zod';
import type { Store } from '../../store/store.ts';
import type { MemberAccess } from '../access/access-control.ts';
import { defineRoute, jsonContent, newRouter } from './route-kit.ts';

const healthSchema = z
  .object({
    status: z.enum(['ok', 'degraded']),
    store: z.string().meta({ description: '"ok", or why the store does not answer' }),
    mqtt: z.enum(['ok', 'disconnected']),
    uptimeMs: z.number(),
  })
  .meta({ id: 'Health' });

/** Whether the API can do its job: for probes and for the person wondering why the map is still. */
export function healthRoutes(options: {
  store: Store;
  now: () => number;
  started: number;
  mqttConnected: () => boolean;
  memberAccess: MemberAccess;
}) {
  const route = defineRoute('public', options.memberAccess, {
    method: 'get',
    path: '/api/health',
    summary: 'Health',
    responses: {
      200: jsonContent(healthSchema, 'Healthy', { status: 'ok', store: 'ok', mqtt: 'ok', uptimeMs: 5000 }),
      503: jsonContent(healthSchema, 'Degraded', {
        status: 'degraded',
        store: 'ok',
        mqtt: 'disconnected',
        uptimeMs: 5000,
      }),
    },
  });
  return newRouter().openapi(route, async (c) => {
    const store = await options.store.ping().then(
      () => 'ok',
      (error: Error) => error.message,
    );
    const mqtt = options.mqttConnected() ? ('ok' as const) : ('disconnected' as const);
    const healthy = store === 'ok' && mqtt === 'ok';
    const body = {
      status: healthy ? ('ok' as const) : ('degraded' as const),
      store,
      mqtt,
      uptimeMs: options.now() - options.started,
    };
    return healthy ? c.json(body, 200) : c.json(body, 503);
  });
}
