import { z } from 'zod';
import { alertSchema } from '../../protocol/index.ts';
import type { MemberAccess } from '../access/access-control.ts';
import type { AlertEngine } from '../alerts/alert-engine.ts';
import { httpError } from '../http-error.ts';
import type { LiveState } from '../live-state.ts';
import { defineRoute, jsonContent, newRouter, notFound, siteParams } from './route-kit.ts';

/** Alerts raised since the API started (the last 500), for a manager's screen. */
export function alertsRoutes(options: { state: LiveState; alerts: AlertEngine; memberAccess: MemberAccess }) {
  const route = defineRoute('manager', options.memberAccess, {
    method: 'get',
    path: '/api/sites/{site}/alerts',
    summary: 'Recent alerts',
    description:
      'Oldest first. The same alerts go on the live stream (`event: alert`) and to the configured webhooks.',
    request: { params: siteParams },
    responses: {
      200: jsonContent(z.object({ alerts: z.array(alertSchema.meta({ id: 'Alert' })) }), 'Alerts', {
        alerts: [
          {
            id: '5f0c3c4e-8d7e-4a51-9a8f-1b2c3d4e5f60',
            site: 'demo',
            type: 'battery-low',
            at: 1764061200000,
            message: 'device ds-a-03: battery at 12%',
            subject: { kind: 'device', id: 'ds-a-03' },
            value: 12,
            threshold: 20,
          },
        ],
      }),
      404: notFound('no site "nowhere"'),
    },
  });
  return newRouter().openapi(route, (c) => {
    const { site } = c.req.valid('param');
    if (!options.state.has(site)) throw httpError(404, `no site "${site}"`);
    return c.json({ alerts: options.alerts.recent(site) }, 200);
  });
}
