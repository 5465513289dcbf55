import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { LiveSite } from '../protocol/index.ts';
import { deskMessage, inProcessApi, TEN_AM } from './test-harness.ts';

let api: Awaited<ReturnType<typeof inProcessApi>>;
afterEach(() => api?.close());

describe('roles and tokens', () => {
  it('shows members states and counts but no sensor internals; managers see them', async () => {
    api = await inProcessApi();
    api.apply(deskMessage('a-01', true, TEN_AM - 1000));
    const asMember = (await (await api.app.request('/api/sites/demo/live', api.member)).json()) as LiveSite;
    expect(asMember.desks.find((d) => d.id === 'a-01')).toMatchObject({ state: 'occupied', lastSeen: null });
    const asManager = (await (await api.app.request('/api/sites/demo/live', api.manager)).json()) as LiveSite;
    expect(asManager.desks.find((d) => d.id === 'a-01')?.lastSeen).toBe(TEN_AM - 1000);
    const model = await (await api.app.request('/api/sites/demo', api.member)).text();
    expect(model).not.toMatch(/ds-a-01|dc-main/);
    expect(await (await api.app.request('/api/sites/demo', api.manager)).text()).toMatch(/ds-a-01/);
  });

  it('keeps everything but open data behind a token when member access is "token"', async () => {
    api = await inProcessApi({ memberAccess: 'token' });
    const anonymous = await api.app.request('/api/sites/demo/live');
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toEqual({
      error: { status: 401, message: 'authorization: a member token is required (Bearer)' },
    });
    expect((await api.app.request('/api/sites/demo/live', api.member)).status).toBe(200);
    expect((await api.app.request('/api/open/sites/demo')).status).toBe(200);
  });

  it('tells the caller its role at /api/session, so the dashboard knows which views a token opens', async () => {
    api = await inProcessApi({ memberAccess: 'token' });
    const session = async (init?: RequestInit) => (await api.app.request('/api/session', init)).json();
    expect(await session(api.planner)).toMatchObject({ role: 'planner', memberAccess: 'token' });
    expect(await session()).toEqual({ role: null, tokenId: null, memberAccess: 'token' });
    expect((await api.app.request('/api/session', api.bearer('prossima_nope'))).status).toBe(401);
  });

  it('refuses a role below the one needed (403), and unknown or revoked tokens (401)', async () => {
    api = await inProcessApi();
    const forbidden = await api.app.request('/api/sites/demo/alerts', api.planner);
    expect(forbidden.status).toBe(403);
    expect(await forbidden.json()).toEqual({
      error: { status: 403, message: 'forbidden: needs the manager role, this token is planner' },
    });
    expect((await api.app.request('/api/sites/demo/alerts', api.bearer('prossima_nope'))).status).toBe(401);
    const issued = api.tokens.add('manager', 'soon gone');
    expect((await api.app.request('/api/tokens', api.bearer(issued.token))).status).toBe(200);
    api.tokens.revoke(issued.info.id);
    expect((await api.app.request('/api/tokens', api.bearer(issued.token))).status).toBe(401);
  });

  it('stores tokens hashed in the data dir, and a revocation by another process takes effect', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'prossima-tokens-'));
    try {
      api = await inProcessApi({ dataDir });
      const { token, info } = api.tokens.add('manager', 'anna');
      const file = readFileSync(join(dataDir, 'tokens.json'), 'utf8');
      expect(file).not.toContain(token);
      expect(file).toContain(info.id);
      expect((await api.app.request('/api/tokens', api.bearer(token))).status).toBe(200);
      // The CLI in another process revokes it: the API reads the file again within a second.
      const { createTokenStore } = await import('./access/token-store.ts');
      createTokenStore({ dataDir }).revoke(info.id);
      api.advance(1001);
      expect((await api.app.request('/api/tokens', api.bearer(token))).status).toBe(401);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('issues and revokes tokens over the API for managers, showing the secret once', async () => {
    api = await inProcessApi();
    const response = await api.app.request('/api/tokens', {
      method: 'POST',
      body: JSON.stringify({ role: 'planner', name: 'town council' }),
      headers: { 'Content-Type': 'application/json', ...api.manager.headers },
    });
    expect(response.status).toBe(201);
    const { token, info } = (await response.json()) as { token: string; info: { id: string } };
    expect((await api.app.request('/api/sites', api.bearer(token))).status).toBe(200);
    const list = await (await api.app.request('/api/tokens', api.manager)).text();
    expect(list).toContain('town council');
    expect(list).not.toContain(token);
    const revoke = { method: 'DELETE', ...api.manager };
    expect((await api.app.request(`/api/tokens/${info.id}`, revoke)).status).toBe(204);
    expect((await api.app.request('/api/tokens/t-00000000', revoke)).status).toBe(404);
  });
});

describe('limits', () => {
  it('answers 429 with a reason and Retry-After past the rate, per token and per address', async () => {
    api = await inProcessApi({ rateLimitPerMinute: 3 });
    for (let i = 0; i < 3; i++) expect((await api.app.request('/api/sites')).status).toBe(200);
    const limited = await api.app.request('/api/sites');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('20');
    expect(await limited.json()).toEqual({
      error: { status: 429, message: 'rate limit: 3 requests a minute per address; retry in 20 s' },
    });
    api.advance(20_000);
    expect((await api.app.request('/api/sites')).status).toBe(200);
  });

  it('answers 413 to a body over the limit, before reading it all', async () => {
    api = await inProcessApi({ maxBodyBytes: 1024 });
    const response = await api.app.request('/api/sites/demo/headcount', {
      method: 'POST',
      body: JSON.stringify({ count: 1, note: 'x'.repeat(2000) }),
      headers: { 'Content-Type': 'application/json', ...api.manager.headers },
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({
      error: { status: 413, message: 'request body larger than 1024 bytes' },
    });
  });
});
