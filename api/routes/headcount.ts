import { z } from 'zod';
import { headcountSchema, type LiveEvent } from '../../protocol/index.ts';
import type { MemberAccess } from '../access/access-control.ts';
import { type CalibrationLog, calibrationRecordSchema } from '../calibration-log.ts';
import { httpError } from '../http-error.ts';
import type { LiveState } from '../live-state.ts';
import { defineRoute, jsonContent, newRouter, notFound, siteParams } from './route-kit.ts';

export type HeadcountRoutesOptions = {
  state: LiveState;
  calibrations: CalibrationLog;
  now: () => number;
  memberAccess: MemberAccess;
  /** Puts the resulting headcount change on the live stream. */
  publish: (event: LiveEvent) => void;
};

const calibrationBody = z
  .object({
    count: z.number().int().nonnegative().max(100_000).meta({ example: 12, description: 'People inside' }),
    at: z
      .number()
      .int()
      .optional()
      .meta({ description: 'When the count was taken (epoch ms); now when left out' }),
    note: z.string().max(200).default('').meta({ example: 'counted at the 10:00 walk-round' }),
  })
  .meta({ id: 'Calibration' });

/** A manager sets the headcount (a calibration); it is recorded and applied to the live count. */
export function headcountRoutes(options: HeadcountRoutesOptions) {
  const set = defineRoute('manager', options.memberAccess, {
    method: 'post',
    path: '/api/sites/{site}/headcount',
    summary: 'Set the headcount now (calibration)',
    description:
      'From `at` on, the headcount is `count` plus in − out of door reports stamped at or after `at`, never below zero, until the next daily reset. `at` must be within today (since the reset) and not in the future.',
    request: {
      params: siteParams,
      body: {
        required: true,
        content: {
          'application/json': { schema: calibrationBody, example: { count: 12, note: 'walk-round' } },
        },
      },
    },
    responses: {
      200: jsonContent(headcountSchema.meta({ id: 'Headcount' }), 'The headcount after the calibration', {
        count: 12,
        in: 40,
        out: 30,
        since: 1764039600000,
        calibration: { at: 1764061200000, count: 12 },
      }),
      404: notFound('no site "nowhere"'),
    },
  });
  const history = defineRoute('manager', options.memberAccess, {
    method: 'get',
    path: '/api/sites/{site}/calibrations',
    summary: 'Calibrations recorded for a site',
    request: { params: siteParams },
    responses: {
      200: jsonContent(z.object({ calibrations: z.array(calibrationRecordSchema) }), 'Newest last', {
        calibrations: [{ site: 'demo', at: 1764061200000, count: 12, by: 't-1a2b3c4d', note: 'walk-round' }],
      }),
      404: notFound('no site "nowhere"'),
    },
  });

  return newRouter()
    .openapi(set, (c) => {
      const { site } = c.req.valid('param');
      if (!options.state.has(site)) throw httpError(404, `no site "${site}"`);
      const body = c.req.valid('json');
      const now = options.now();
      const at = body.at ?? now;
      const event = options.state.calibrate(site, { at, count: body.count }, now);
      if (event?.kind !== 'headcount')
        throw httpError(400, 'at: must be since today’s daily reset and not in the future');
      options.calibrations.add({
        site,
        at,
        count: body.count,
        by: c.get('principal').tokenId ?? null,
        note: body.note,
      });
      options.publish(event);
      return c.json(event.headcount, 200);
    })
    .openapi(history, (c) => {
      const { site } = c.req.valid('param');
      if (!options.state.has(site)) throw httpError(404, `no site "${site}"`);
      return c.json({ calibrations: options.calibrations.of(site) }, 200);
    });
}
