import { z } from 'zod';
import type { Store } from '../../store/store.ts';
import type { MemberAccess } from '../access/access-control.ts';
import { httpError } from '../http-error.ts';
import type { LiveState } from '../live-state.ts';
import { deadLettersSchema, sensorHealthSchema } from '../schemas/sensor-health.ts';
import type { SensorHealthState } from '../sensor-health.ts';
import { defineRoute, jsonContent, newRouter, notFound, siteParams } from './route-kit.ts';

export type SensorsRoutesOptions = {
  state: LiveState;
  sensors: SensorHealthState;
  store: Store;
  now: () => number;
  memberAccess: MemberAccess;
};

const DAY_MS = 86_400_000;

const deadLetterQuery = z.object({
  from: z.coerce
    .number()
    .int()
    .nonnegative()
    .optional()
    .meta({ description: 'Epoch ms; default 24 hours ago', example: 1763974800000 }),
  to: z.coerce
    .number()
    .int()
    .nonnegative()
    .optional()
    .meta({ description: 'Epoch ms, exclusive; default now', example: 1764061200000 }),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(5000)
    .default(500)
    .meta({ description: 'At most this many letters', example: 100 }),
});

/** Sensor health for managers: battery, last seen, offline list; and the messages ingest set aside. */
export function sensorsRoutes(options: SensorsRoutesOptions) {
  const health = defineRoute('manager', options.memberAccess, {
    method: 'get',
    path: '/api/sites/{site}/sensors',
    summary: 'Sensor health',
    description:
      'Every device of the site with when it was last heard, its battery, signal and firmware, and the list of those offline.',
    request: { params: siteParams },
    responses: {
      200: jsonContent(sensorHealthSchema, 'Sensor health', {
        site: 'demo',
        at: 1764061200000,
        sensors: [
          {
            device: 'ds-a-01',
            kind: 'desk',
            place: 'a-01',
            online: true,
            lastSeen: 1764061100000,
            battery: 87,
            rssi: -61,
            fw: '1.4.2',
          },
        ],
        offline: [],
      }),
      404: notFound('no site "nowhere"'),
    },
  });
  const letters = defineRoute('manager', options.memberAccess, {
    method: 'get',
    path: '/api/dead-letters',
    summary: 'Dead letters',
    description:
      'Messages ingest refused, with the reason, oldest first: by default those of the last 24 hours.',
    request: { query: deadLetterQuery },
    responses: {
      200: jsonContent(deadLettersSchema, 'Dead letters', {
        letters: [
          {
            ts: 1764061200000,
            topic: 'prossima/v1/demo/desk/a-01/state',
            reason: 'payload is not valid JSON',
            payload: '{occupied:',
          },
        ],
      }),
    },
  });
  return newRouter()
    .openapi(health, (c) => {
      const { site: id } = c.req.valid('param');
      const site = options.state.site(id);
      if (!site) throw httpError(404, `no site "${id}"`);
      return c.json(options.sensors.view(site, options.now()), 200);
    })
    .openapi(letters, async (c) => {
      const query = c.req.valid('query');
      const to = query.to ?? options.now() + 1;
      const from = query.from ?? to - DAY_MS;
      if (from >= to) throw httpError(400, 'from: must be before to');
      return c.json({ letters: await options.store.deadLetters({ from, to, limit: query.limit }) }, 200);
    });
}
