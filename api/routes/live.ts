import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { EventLog, LoggedEvent } from '../event-log.ts';
import { httpError, pathId } from '../http-error.ts';
import type { LiveState } from '../live-state.ts';

export type LiveRoutesOptions = {
  state: LiveState;
  log: EventLog;
  now: () => number;
  /** Ends every open stream, so the server can close without waiting for clients. */
  shutdown: AbortSignal;
  pingMs: number;
};

/** Live occupancy now, and a Server-Sent Events stream of its changes. */
export function liveRoutes(options: LiveRoutesOptions) {
  const siteOf = (raw: string | undefined) => {
    const site = pathId(raw, 'site');
    if (!options.state.has(site)) throw httpError(404, `no site "${site}"`);
    return site;
  };
  return new Hono()
    .get('/:site/live', (c) => c.json(options.state.view(siteOf(c.req.param('site')), options.now())))
    .get('/:site/live/stream', (c) => {
      const site = siteOf(c.req.param('site'));
      const lastId = Number(c.req.header('Last-Event-ID') ?? Number.NaN);
      return streamSSE(c, async (stream) => {
        const send = ({ id, event }: LoggedEvent) =>
          event.site === site
            ? stream.writeSSE({ id: String(id), event: event.kind, data: JSON.stringify(event) })
            : Promise.resolve();
        // Subscribe before replaying, so nothing falls between the replay and the live tail.
        const queue: LoggedEvent[] = [];
        let live = false;
        const unsubscribe = options.log.subscribe((entry) => (live ? void send(entry) : queue.push(entry)));
        const missed = Number.isInteger(lastId) ? options.log.since(lastId) : [];
        // A gap we cannot fill: tell the client to reload /live rather than show a wrong map.
        if (missed === undefined) await stream.writeSSE({ event: 'resync', data: '{}' });
        else for (const entry of missed) await send(entry);
        const replayed = missed?.at(-1)?.id ?? 0;
        for (const entry of queue) if (entry.id > replayed) await send(entry);
        live = true;
        const ping = setInterval(() => void stream.write(': ping\n\n'), options.pingMs);
        await new Promise<void>((resolve) => {
          stream.onAbort(resolve);
          options.shutdown.addEventListener('abort', () => resolve(), { once: true });
        });
        clearInterval(ping);
        unsubscribe();
      });
    });
}
