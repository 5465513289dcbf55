import { cors } from 'hono/cors';
import { z } from 'zod';
import type { MemberAccess } from '../access/access-control.ts';
import type { SiteWeekSlot } from '../history/week-profile.ts';
import { httpError } from '../http-error.ts';
import type { LiveState } from '../live-state.ts';
import { defineRoute, jsonContent, newRouter, notFound, siteParams } from './route-kit.ts';

export type OpenDataRoutesOptions = {
  state: LiveState;
  now: () => number;
  memberAccess: MemberAccess;
  siteProfile: (site: string) => Promise<SiteWeekSlot[]>;
};

const share = z.number().min(0).max(1).nullable();

export const openSiteSchema = z
  .object({
    site: z.string(),
    name: z.string(),
    timezone: z.string(),
    at: z.number(),
    now: z.object({
      desks: z.number().int().meta({ description: 'Desks in the site model' }),
      inUse: z.number().int().meta({ description: 'Desks occupied or away (held)' }),
      free: z.number().int(),
      deskShare: share.meta({
        description: 'inUse ÷ (inUse + free): desks with an unknown or offline sensor are left out',
      }),
      people: z.number().int().meta({ description: 'Headcount from the doors' }),
      capacity: z.number().int(),
      peopleShare: share.meta({ description: 'people ÷ capacity, at most 1' }),
    }),
    typical: z
      .array(
        z.object({
          weekday: z.string(),
          hour: z.number().int(),
          deskShare: share.meta({ description: 'Time-weighted occupied ÷ known desks in this local hour' }),
          headcount: z
            .number()
            .nullable()
            .meta({ description: 'Mean headcount over the minutes of this local hour' }),
        }),
      )
      .meta({
        description: 'Hour by weekday over the last 28 days, Monday 00:00 first, in the site’s time zone',
      }),
  })
  .meta({ id: 'OpenSite' });

/**
 * Anonymous aggregate figures a town's website or a coworking network can embed: CORS open to any
 * origin, cacheable for a minute, no desk, zone or device in sight.
 */
export function openDataRoutes(options: OpenDataRoutesOptions) {
  const list = defineRoute('public', options.memberAccess, {
    method: 'get',
    path: '/api/open/sites',
    summary: 'Sites with open data',
    responses: {
      200: jsonContent(
        z.object({ sites: z.array(z.object({ id: z.string(), name: z.string() })) }),
        'Sites',
        {
          sites: [{ id: 'demo', name: 'Demo coworking' }],
        },
      ),
    },
  });
  const one = defineRoute('public', options.memberAccess, {
    method: 'get',
    path: '/api/open/sites/{site}',
    summary: 'A site’s occupancy now and its typical week',
    request: { params: siteParams },
    responses: {
      200: jsonContent(openSiteSchema, 'Open data', {
        site: 'demo',
        name: 'Demo coworking',
        timezone: 'Europe/Rome',
        at: 1764061200000,
        now: {
          desks: 40,
          inUse: 23,
          free: 14,
          deskShare: 0.622,
          people: 27,
          capacity: 48,
          peopleShare: 0.563,
        },
        typical: [{ weekday: 'mon', hour: 9, deskShare: 0.41, headcount: 18.5 }],
      }),
      404: notFound('no site "nowhere"'),
    },
  });

  const router = newRouter();
  router.use('/api/open/*', cors({ origin: '*', allowMethods: ['GET', 'OPTIONS'], maxAge: 86_400 }));
  router.use('/api/open/*', async (c, next) => {
    await next();
    if (c.res.status === 200) c.header('Cache-Control', 'public, max-age=60');
  });
  return router
    .openapi(list, (c) => {
      const sites = options.state.siteIds().flatMap((id) => {
        const site = options.state.site(id);
        return site ? [{ id, name: site.name }] : [];
      });
      return c.json({ sites }, 200);
    })
    .openapi(one, async (c) => {
      const { site: id } = c.req.valid('param');
      const site = options.state.site(id);
      const live = options.state.view(id, options.now());
      if (!site || !live) throw httpError(404, `no site "${id}"`);
      const { totals, headcount } = live;
      const inUse = totals.occupied + totals.away;
      const known = inUse + totals.free;
      const now = {
        desks: totals.desks,
        inUse,
        free: totals.free,
        deskShare: known > 0 ? round3(inUse / known) : null,
        people: headcount.count,
        capacity: site.capacity,
        peopleShare: round3(Math.min(1, headcount.count / site.capacity)),
      };
      const typical = await options.siteProfile(id);
      return c.json({ site: id, name: site.name, timezone: site.timezone, at: live.at, now, typical }, 200);
    });
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;
