import type { RouteConfig, RouteConfigToTypedResponse } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';
import { z } from 'zod';
import { liveSiteSchema } from '../../protocol/index.ts';
import { effectiveRole, type MemberAccess } from '../access/access-control.ts';
import { allows, type Role } from '../access/roles.ts';
import type { EventLog, LoggedEvent } from '../event-log.ts';
import { httpError } from '../http-error.ts';
import type { LiveState } from '../live-state.ts';
import { eventFor, liveFor } from '../role-views.ts';
import { defineRoute, jsonContent, newRouter, notFound, siteParams } from './route-kit.ts';

/** A pre-serialised JSON body standing in for the typed answer the route declares. */
type TypedJson<R extends RouteConfig> = RouteConfigToTypedResponse<R>;

export type LiveRoutesOptions = {
  state: LiveState;
  log: EventLog;
  now: () => number;
  /** Ends every open stream, so the server can close without waiting for clients. */
  shutdown: AbortSignal;
  pingMs: number;
  memberAccess: MemberAccess;
};

const liveExample = {
  site: 'demo',
  at: 1764061200000,
  desks: [
    {
      id: 'a-01',
      zone: 'open-a',
      floor: 'ground',
      state: 'occupied',
      since: 1764057600000,
      lastSeen: 1764061100000,
    },
  ],
  zones: [
    {
      id: 'open-a',
      floor: 'ground',
      desks: 16,
      occupied: 9,
      away: 1,
      free: 5,
      offline: 1,
      unknown: 0,
      capacity: 16,
    },
  ],
  floors: [{ id: 'ground', desks: 22, occupied: 12, away: 1, free: 7, offline: 1, unknown: 1, capacity: 24 }],
  totals: { desks: 40, occupied: 21, away: 2, free: 14, offline: 1, unknown: 2, capacity: 48 },
  headcount: { count: 27, in: 41, out: 14, since: 1764039600000, calibration: null },
};

/** Live occupancy now, and a Server-Sent Events stream of its changes. */
export function liveRoutes(options: LiveRoutesOptions) {
  const siteOf = (site: string) => {
    if (!options.state.has(site)) throw httpError(404, `no site "${site}"`);
    return site;
  };
  const roleOf = (principal: Parameters<typeof effectiveRole>[0]) =>
    effectiveRole(principal, options.memberAccess) ?? 'member';

  const live = defineRoute('member', options.memberAccess, {
    method: 'get',
    path: '/api/sites/{site}/live',
    summary: 'Live occupancy now',
    description:
      'Every desk’s state, counts per zone, floor and site, and the door headcount. Members do not see `lastSeen` (null).',
    request: { params: siteParams },
    responses: {
      200: jsonContent(liveSiteSchema.meta({ id: 'LiveSite' }), 'The live view', liveExample),
      404: notFound('no site "nowhere"'),
    },
  });

  const stream = defineRoute('member', options.memberAccess, {
    method: 'get',
    path: '/api/sites/{site}/live/stream',
    summary: 'Server-Sent Events of live changes',
    description:
      'Events `desk`, `headcount`, `alert` (managers only) and `resync`, each with an id; reconnect with `Last-Event-ID` to get what was missed.',
    request: {
      params: siteParams,
      headers: z.object({
        'last-event-id': z
          .string()
          .regex(/^\d{1,15}$/, 'must be the id of an event this stream sent')
          .optional()
          .meta({ example: '42' }),
      }),
    },
    responses: {
      200: {
        description: 'text/event-stream',
        content: {
          'text/event-stream': {
            schema: z.string(),
            example: 'id: 42\nevent: desk\ndata: {"kind":"desk",...}\n\n',
          },
        },
      },
      404: notFound('no site "nowhere"'),
    },
  });

  // The view as sent, per site and role, until the next change or for a second at most: a busy
  // entrance screen and fifty phones then cost one view a second, not one each (the sweep that
  // finds time-driven changes runs every few seconds anyway).
  const cache = new Map<string, { lastId: number; at: number; body: string }>();
  const snapshot = (site: string, role: Role): string => {
    const now = options.now();
    const key = `${site}:${allows(role, 'manager') ? 'manager' : 'member'}`;
    const hit = cache.get(key);
    if (hit && hit.lastId === options.log.lastId() && now >= hit.at && now - hit.at < 1000) return hit.body;
    const view = options.state.view(site, now);
    if (!view) throw httpError(404, `no site "${site}"`);
    const body = JSON.stringify(liveFor(role, view));
    cache.set(key, { lastId: options.log.lastId(), at: now, body });
    return body;
  };

  return newRouter()
    .openapi(live, (c) => {
      const site = siteOf(c.req.valid('param').site);
      const body = snapshot(site, roleOf(c.get('principal')));
      return c.body(body, 200, { 'Content-Type': 'application/json' }) as unknown as TypedJson<typeof live>;
    })
    .openapi(stream, (c) => {
      const site = siteOf(c.req.valid('param').site);
      const role = roleOf(c.get('principal'));
      const lastId = Number(c.req.valid('header')['last-event-id'] ?? Number.NaN);
      return streamSSE(c, async (sse) => {
        const send = ({ id, event }: LoggedEvent) => {
          const shown = event.site === site ? eventFor(role, event) : undefined;
          if (!shown) return Promise.resolve();
          return sse.writeSSE({ id: String(id), event: shown.kind, data: JSON.stringify(shown) });
        };
        // Subscribe before replaying, so nothing falls between the replay and the live tail.
        const queue: LoggedEvent[] = [];
        let tailing = false;
        const unsubscribe = options.log.subscribe((entry) =>
          tailing ? void send(entry) : queue.push(entry),
        );
        const missed = Number.isInteger(lastId) ? options.log.since(lastId) : [];
        // A gap we cannot fill: tell the client to reload /live rather than show a wrong map.
        if (missed === undefined) await sse.writeSSE({ event: 'resync', data: '{}' });
        else for (const entry of missed) await send(entry);
        const replayed = missed?.at(-1)?.id ?? 0;
        for (const entry of queue) if (entry.id > replayed) await send(entry);
        tailing = true;
        const ping = setInterval(() => void sse.write(': ping\n\n'), options.pingMs);
        await new Promise<void>((resolve) => {
          sse.onAbort(resolve);
          options.shutdown.addEventListener('abort', () => resolve(), { once: true });
        });
        clearInterval(ping);
        unsubscribe();
      });
    });
}
