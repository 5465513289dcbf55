import { readFileSync } from 'node:fs';
import { pino } from 'pino';
import { DEMO_SITE_FILE, type Message, parseSite, type Site } from '../protocol/index.ts';
import { openSqliteStore } from '../store/sqlite-store.ts';
import type { Store } from '../store/store.ts';
import { createTokenStore } from './access/token-store.ts';
import { type AppDeps, createApp } from './app.ts';
import { createEventLog } from './event-log.ts';
import { createLiveState } from './live-state.ts';

// The API in-process for tests: the real app, live state, event log and an in-memory SQLite store,
// with a clock the test moves. No socket, no broker: messages are applied as the subscriber would.

export const demoSite = (): Site => parseSite(JSON.parse(readFileSync(DEMO_SITE_FILE, 'utf8')));

/** Tuesday 24 Nov 2026, 10:00 in Rome. */
export const TEN_AM = Date.UTC(2026, 10, 24, 9, 0);

export async function inProcessApi(overrides: Partial<AppDeps> & { dataDir?: string; store?: Store } = {}) {
  let clock = TEN_AM;
  const now = () => clock;
  const site = demoSite();
  const state = createLiveState({ sites: [site], offlineAfterMs: 11 * 60_000, awayGraceMs: 15 * 60_000 });
  const log = createEventLog();
  const store = overrides.store ?? (await openSqliteStore({ file: ':memory:' }));
  const tokens = overrides.tokens ?? createTokenStore({ dataDir: overrides.dataDir, now });
  const shutdown = new AbortController();
  const app = createApp({
    state,
    log,
    store,
    logger: pino({ level: 'silent' }),
    now,
    shutdown: shutdown.signal,
    mqttConnected: () => true,
    tokens,
    ...overrides,
  });
  const bearer = (token: string) => ({ headers: { Authorization: `Bearer ${token}` } });
  return {
    app,
    state,
    log,
    store,
    tokens,
    site,
    bearer,
    manager: bearer(tokens.add('manager', 'test manager').token),
    member: bearer(tokens.add('member', 'test member').token),
    planner: bearer(tokens.add('planner', 'test planner').token),
    now,
    advance: (ms: number) => {
      clock += ms;
    },
    apply: (message: Message) => {
      for (const event of state.apply(message, clock)) log.append(event);
    },
    close: async () => {
      shutdown.abort();
      await store.close();
    },
  };
}

export const deskMessage = (desk: string, occupied: boolean, ts: number): Message => ({
  kind: 'desk-state',
  site: 'demo',
  desk,
  payload: { occupied, ts },
});
