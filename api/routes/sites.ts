import { z } from 'zod';
import { type Site, siteSchema } from '../../protocol/index.ts';
import { effectiveRole, type MemberAccess } from '../access/access-control.ts';
import { httpError } from '../http-error.ts';
import type { LiveState } from '../live-state.ts';
import { siteFor } from '../role-views.ts';
import { defineRoute, jsonContent, newRouter, notFound, siteParams } from './route-kit.ts';

export type SitesRoutesOptions = {
  state: LiveState;
  memberAccess: MemberAccess;
  /** Keeps an edited site, applies it live and tells the other components; throws to refuse. */
  saveSite: (site: Site) => Promise<void>;
};

const siteListSchema = z
  .object({ sites: z.array(z.object({ id: z.string(), name: z.string(), timezone: z.string() })) })
  .meta({ id: 'SiteList' });
const siteOut = siteSchema.meta({ id: 'Site', description: 'The site model (docs/protocol.md#site-model)' });
const siteExample = {
  id: 'demo',
  name: 'Demo coworking',
  timezone: 'Europe/Rome',
  capacity: 48,
  dailyReset: '04:00',
  openingHours: { mon: [{ open: '08:00', close: '20:00' }] },
  floors: [
    {
      id: 'ground',
      name: 'Ground floor',
      level: 0,
      width: 1000,
      height: 600,
      zones: [
        {
          id: 'open-a',
          name: 'Open space A',
          kind: 'open-space',
          capacity: 16,
          desks: [{ id: 'a-01', label: 'A1', x: 100, y: 100 }],
        },
      ],
      doors: [{ id: 'main', label: 'Main door', x: 0, y: 300 }],
    },
  ],
};

/** The site models: what the map is drawn from, and how managers change it. */
export function sitesRoutes(options: SitesRoutesOptions) {
  const { state, memberAccess } = options;
  const list = defineRoute('member', memberAccess, {
    method: 'get',
    path: '/api/sites',
    summary: 'The sites',
    responses: {
      200: jsonContent(siteListSchema, 'Every site', {
        sites: [{ id: 'demo', name: 'Demo coworking', timezone: 'Europe/Rome' }],
      }),
    },
  });
  const get = defineRoute('member', memberAccess, {
    method: 'get',
    path: '/api/sites/{site}',
    summary: 'A site model',
    description:
      'As in the site file, with defaults filled. Only managers see device ids (`sensor`, `counter`).',
    request: { params: siteParams },
    responses: {
      200: jsonContent(siteOut, 'The site model', siteExample),
      404: notFound('no site "nowhere"'),
    },
  });
  const put = defineRoute('manager', memberAccess, {
    method: 'put',
    path: '/api/sites/{site}',
    summary: 'Create or replace a site model',
    description:
      'Validated as a site file is; `id` must be the one in the path. Kept in the data dir and applied at once: desks that stay keep their live state, and the model is published retained on `prossima/sys/sites/{site}` for the other components.',
    request: {
      params: siteParams,
      body: { required: true, content: { 'application/json': { schema: siteSchema, example: siteExample } } },
    },
    responses: {
      200: jsonContent(siteOut, 'Replaced', siteExample),
      201: jsonContent(siteOut, 'Created', siteExample),
    },
  });

  return newRouter()
    .openapi(list, (c) => {
      const sites = state.siteIds().flatMap((id) => {
        const site = state.site(id);
        return site ? [{ id: site.id, name: site.name, timezone: site.timezone }] : [];
      });
      return c.json({ sites }, 200);
    })
    .openapi(get, (c) => {
      const { site: id } = c.req.valid('param');
      const site = state.site(id);
      if (!site) throw httpError(404, `no site "${id}"`);
      return c.json(siteFor(effectiveRole(c.get('principal'), memberAccess) ?? 'member', site), 200);
    })
    .openapi(put, async (c) => {
      const { site: id } = c.req.valid('param');
      const site = c.req.valid('json');
      if (site.id !== id) throw httpError(400, `id: "${site.id}" is not the site in the path ("${id}")`);
      const created = !state.has(id);
      await options.saveSite(site);
      return c.json(site, created ? 201 : 200);
    });
}
