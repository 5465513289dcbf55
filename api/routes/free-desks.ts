import type { MemberAccess } from '../access/access-control.ts';
import { findFreeDesks } from '../free-desks.ts';
import type { DeskWeekProfile } from '../history/week-profile.ts';
import { httpError } from '../http-error.ts';
import type { LiveState } from '../live-state.ts';
import { freeDesksSchema } from '../schemas/free-desks.ts';
import { defineRoute, jsonContent, newRouter, notFound, siteParams } from './route-kit.ts';

export type FreeDesksRoutesOptions = {
  state: LiveState;
  now: () => number;
  memberAccess: MemberAccess;
  deskProfile: (site: string) => Promise<DeskWeekProfile>;
};

/** The members' question: where is a free desk, and will it stay free? */
export function freeDesksRoutes(options: FreeDesksRoutesOptions) {
  const route = defineRoute('member', options.memberAccess, {
    method: 'get',
    path: '/api/sites/{site}/free-desks',
    summary: 'Free desks by zone',
    description:
      'Desks whose state is `free` now (not away, offline or unknown), in the order of the site model, with how long each has been free and until when it usually stays free.',
    request: { params: siteParams },
    responses: {
      200: jsonContent(freeDesksSchema, 'Free desks', {
        site: 'demo',
        at: 1764061200000,
        free: 1,
        zones: [
          {
            id: 'open-a',
            name: 'Open space A',
            floor: 'ground',
            kind: 'open-space',
            free: 1,
            desks: [
              {
                id: 'a-03',
                label: 'A3',
                freeSince: 1764057600000,
                freeForMs: 3600000,
                usuallyFreeUntil: 1764064800000,
              },
            ],
          },
        ],
      }),
      404: notFound('no site "nowhere"'),
    },
  });
  return newRouter().openapi(route, async (c) => {
    const { site: id } = c.req.valid('param');
    const site = options.state.site(id);
    if (!site) throw httpError(404, `no site "${id}"`);
    const profile = await options.deskProfile(id);
    const now = options.now();
    const live = options.state.view(id, now);
    if (!live) throw httpError(404, `no site "${id}"`);
    return c.json(findFreeDesks(site, live, profile, now), 200);
  });
}
