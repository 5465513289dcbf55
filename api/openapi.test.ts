import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inProcessApi, TEN_AM } from './test-harness.ts';

type Parameter = {
  name: string;
  in: string;
  required?: boolean;
  schema?: { example?: unknown };
  example?: unknown;
};
type Operation = {
  summary?: string;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { example?: unknown }> };
  responses: Record<string, { content?: Record<string, { example?: unknown }> }>;
};
type Document = { paths: Record<string, Record<string, Operation>> };

const HOSTILE = [
  "x' OR '1'='1",
  '"; DROP TABLE desk_state; --',
  'demo"',
  "demo' ; SHOW DATABASES",
  '../../etc/passwd',
  'a/b',
  'demo\u0000',
  '\\"\\\\',
  '<script>alert(1)</script>',
  'DEMO',
  '-demo',
  'd'.repeat(300),
  '🦄',
];

let api: Awaited<ReturnType<typeof inProcessApi>>;
let doc: Document;
beforeAll(async () => {
  api = await inProcessApi({ rateLimitPerMinute: 100_000 });
  // A canary: if anything reached SQL unescaped, it would be gone or the store broken afterwards.
  await api.store.write({
    deskStates: [
      {
        site: 'demo',
        desk: 'a-01',
        floor: 'ground',
        zone: 'open-a',
        ts: TEN_AM - 1000,
        occupied: true,
        seq: 1,
      },
    ],
  });
  doc = (await (await api.app.request('/api/openapi.json')).json()) as Document;
});
afterAll(() => api.close());

const operations = () =>
  Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({ path, method, op })),
  );

const exampleOf = (p: Parameter) => String(p.example ?? p.schema?.example ?? 'demo');

// Headers carry visible ASCII only; anything else becomes '?' (the hostile part is the quotes).
const headerSafe = (value: string) =>
  [...value].map((ch) => (ch.charCodeAt(0) >= 32 && ch.charCodeAt(0) < 127 ? ch : '?')).join('');

function request(path: string, method: string, op: Operation, override?: { name: string; value: string }) {
  let url = path;
  const query = new URLSearchParams();
  const headers: Record<string, string> = { ...api.manager.headers };
  for (const p of op.parameters ?? []) {
    const value = override?.name === p.name ? override.value : exampleOf(p);
    if (p.in === 'path') url = url.replace(`{${p.name}}`, encodeURIComponent(value));
    else if (p.in === 'query') query.set(p.name, value);
    else if (p.in === 'header') headers[p.name] = headerSafe(value);
  }
  const body = op.requestBody?.content['application/json']?.example;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const search = [...query].length > 0 ? `?${query}` : '';
  return api.app.request(`${url}${search}`, {
    method: method.toUpperCase(),
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

describe('the OpenAPI document', () => {
  it('lists every API route the app serves', () => {
    const documented = new Set(operations().map(({ path, method }) => `${method.toUpperCase()} ${path}`));
    const served = api.app.routes
      .filter((r) => r.path.startsWith('/api/') && !r.path.includes('*') && r.method !== 'ALL')
      .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`);
    expect(served.length).toBeGreaterThan(10);
    for (const route of served) expect(documented).toContain(route);
  });

  it('gives every endpoint a summary, its errors, and examples for its parameters and answers', () => {
    for (const { path, method, op } of operations()) {
      const where = `${method} ${path}`;
      expect(op.summary, where).toBeTruthy();
      expect(Object.keys(op.responses), where).toEqual(expect.arrayContaining(['400', '429']));
      for (const p of op.parameters ?? [])
        expect(p.example ?? p.schema?.example, `${where} ${p.name}`).toBeDefined();
      if (op.requestBody) expect(op.requestBody.content['application/json']?.example, where).toBeDefined();
      const ok = op.responses['200'] ?? op.responses['201'];
      const json = ok?.content?.['application/json'];
      if (json && path !== '/api/openapi.json') expect(json.example, where).toBeDefined();
    }
  });

  it('serves an offline reference page that renders it', async () => {
    const page = await api.app.request('/api/docs');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('/api/docs/reference.js');
    const script = await (await api.app.request('/api/docs/reference.js')).text();
    expect(script).toContain("fetch('/api/openapi.json')");
    expect(script).not.toMatch(/https?:\/\//);
  });
});

describe('hostile input through every parameter of every endpoint', () => {
  it('answers 400 or 404 with a reason, never 500, and the store is untouched', async () => {
    let sent = 0;
    for (const { path, method, op } of operations()) {
      for (const parameter of op.parameters ?? []) {
        for (const value of HOSTILE) {
          const response = await request(path, method, op, { name: parameter.name, value });
          const where = `${method} ${path} ${parameter.name}=${JSON.stringify(value)}`;
          expect([400, 404], where).toContain(response.status);
          const body = (await response.json()) as { error: { status: number; message: string } };
          expect(body.error.status, where).toBe(response.status);
          expect(body.error.message.length, where).toBeGreaterThan(0);
          sent += 1;
        }
      }
      const example = op.requestBody?.content['application/json']?.example;
      if (example && typeof example === 'object') {
        for (const key of Object.keys(example)) {
          for (const value of HOSTILE) {
            const body = JSON.stringify({ ...example, [key]: value });
            const response = await api.app.request(path.replace('{site}', 'demo'), {
              method: method.toUpperCase(),
              headers: { 'Content-Type': 'application/json', ...api.manager.headers },
              body,
            });
            expect(response.status, `${method} ${path} body.${key}=${JSON.stringify(value)}`).toBeLessThan(
              500,
            );
            sent += 1;
          }
        }
      }
    }
    expect(sent).toBeGreaterThan(100);
    const canary = await api.store.deskStates({ site: 'demo', from: TEN_AM - 2000, to: TEN_AM });
    expect(canary).toHaveLength(1);
  });

  it('answers 400 to a malformed JSON body and 404 to an unknown site or endpoint', async () => {
    const broken = await api.app.request('/api/sites/demo/headcount', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...api.manager.headers },
      body: '{"count": 1',
    });
    expect(broken.status).toBe(400);
    expect((await api.app.request('/api/sites/nowhere/free-desks')).status).toBe(404);
    const unknown = await api.app.request('/api/nothing');
    expect(await unknown.json()).toEqual({
      error: { status: 404, message: 'no such endpoint: GET /api/nothing' },
    });
  });
});
