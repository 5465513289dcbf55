import { Hono } from 'hono';
import type { Site } from '../../protocol/index.ts';
import { httpError, pathId } from '../http-error.ts';

/** The site models: what the map is drawn from. */
export function sitesRoutes(sites: ReadonlyMap<string, Site>) {
  return new Hono()
    .get('/', (c) =>
      c.json({ sites: [...sites.values()].map(({ id, name, timezone }) => ({ id, name, timezone })) }),
    )
    .get('/:site', (c) => {
      const id = pathId(c.req.param('site'), 'site');
      const site = sites.get(id);
      if (!site) throw httpError(404, `no site "${id}"`);
      return c.json(site);
    });
}
