import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { pino } from 'pino';
import { createApp } from '../api/app.ts';
import { createEventLog } from '../api/event-log.ts';
import { createLiveState } from '../api/live-state.ts';
import { DEMO_SITE_FILE, loadSites } from '../protocol/index.ts';
import { openSqliteStore } from '../store/sqlite-store.ts';

// GET /api/sites/demo/live (40 desks, anonymous member, every middleware on) against a static Hono
// route answering the same bytes, both served by @hono/node-server in this process, each loaded in
// turn by autocannon's CLI in a child process so the load generator never competes for this
// process's event loop.

const run = promisify(execFile);
const AUTOCANNON = createRequire(import.meta.url).resolve('autocannon/autocannon.js');

export type LoadResult = { name: string; perSecond: number; p99Ms: number; ratio?: number };

async function load(url: string, seconds: number, connections: number) {
  const { stdout } = await run(
    process.execPath,
    [AUTOCANNON, '--json', '-c', String(connections), '-d', String(seconds), url],
    {
      maxBuffer: 1 << 24,
    },
  );
  const result = JSON.parse(stdout) as {
    requests: { average: number };
    latency: { p99: number };
    non2xx: number;
    errors: number;
  };
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return { perSecond: result.requests.average, p99Ms: result.latency.p99 };
}

function listen(fetch: (request: Request) => Response | Promise<Response>) {
  const server = serve({ fetch, port: 0, hostname: '127.0.0.1' });
  return new Promise<{ url: string; close: () => void }>((resolve) =>
    server.once('listening', () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        close: () => server.close(),
      }),
    ),
  );
}

export async function benchApiLive(seconds = 5, connections = 50): Promise<LoadResult[]> {
  const sites = await loadSites([DEMO_SITE_FILE]);
  const now = Date.now();
  const state = createLiveState({ sites, offlineAfterMs: 11 * 60_000 });
  sites[0]?.floors.forEach((floor) => {
    for (const zone of floor.zones) {
      zone.desks.forEach((desk, i) => {
        const payload = { occupied: i % 3 !== 0, ts: now - i * 1000 };
        state.apply({ kind: 'desk-state', site: 'demo', desk: desk.id, payload }, now);
      });
    }
  });
  const store = await openSqliteStore({ file: ':memory:' });
  const shutdown = new AbortController();
  const app = createApp({
    state,
    log: createEventLog(),
    store,
    logger: pino({ level: 'silent' }),
    now: Date.now,
    shutdown: shutdown.signal,
    mqttConnected: () => true,
    rateLimitPerMinute: 1e9,
  });
  const body = await (await app.request('/api/sites/demo/live')).text();
  const ceiling = new Hono().get('/static', (c) => c.body(body, 200, { 'Content-Type': 'application/json' }));
  const liveServer = await listen(app.fetch);
  const staticServer = await listen(ceiling.fetch);
  try {
    const baseline = await load(`${staticServer.url}/static`, seconds, connections);
    const live = await load(`${liveServer.url}/api/sites/demo/live`, seconds, connections);
    return [
      { name: `static Hono route (${body.length} B, ceiling)`, ...baseline },
      { name: 'GET /api/sites/demo/live (40 desks)', ...live, ratio: live.perSecond / baseline.perSecond },
    ];
  } finally {
    liveServer.close();
    staticServer.close();
    shutdown.abort();
    await store.close();
  }
}

export function printLoadResults(title: string, results: LoadResult[]): void {
  console.log(`\n${title}`);
  for (const r of results) {
    const ratio = r.ratio === undefined ? '' : `  ratio ${r.ratio.toFixed(2)} (goal ≥ 0.50)`;
    const rate = Math.round(r.perSecond).toLocaleString('en').padStart(10);
    console.log(`  ${r.name.padEnd(44)} ${rate} req/s  p99 ${String(r.p99Ms).padStart(4)} ms${ratio}`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  printLoadResults('API: live endpoint under load (autocannon CLI, 50 connections)', await benchApiLive());
}
