// The dashboard's view of the HTTP API: typed, zod-checked requests, with the viewer's token if any.
// Each view declares the schema of what it reads; only the shared site and live reads live here.
import { z } from 'zod';
import { type LiveSite, liveSiteSchema } from '../../protocol/live-view.ts';
import { type Site, siteSchema } from '../../protocol/site-model.ts';

export const siteListSchema = z.object({
  sites: z.array(z.object({ id: z.string(), name: z.string(), timezone: z.string() })),
});

export type SiteListEntry = z.infer<typeof siteListSchema>['sites'][number];

const errorBodySchema = z.object({ error: z.object({ message: z.string() }) });

export class ApiError extends Error {
  constructor(
    readonly path: string,
    readonly status: number,
    /** The API's own reason (`{"error": {"message"}}`), when it gave one. */
    readonly reason?: string,
  ) {
    super(
      status === 0
        ? `Cannot reach the server (${path}).`
        : `The server answered ${status} for ${path}${reason ? `: ${reason}` : '.'}`,
    );
    this.name = 'ApiError';
  }
}

export type Query = Readonly<Record<string, string | number | undefined>>;

export type ApiClient = {
  listSites(): Promise<SiteListEntry[]>;
  getSite(siteId: string): Promise<Site>;
  getLive(siteId: string): Promise<LiveSite>;
  /** Where the Server-Sent Events stream of LiveEvents for a site is. */
  streamUrl(siteId: string): string;
  /** A GET of `path` (from `/api/…`), its JSON checked against `schema`. */
  get<T>(path: string, schema: z.ZodType<T>, query?: Query): Promise<T>;
  /** A GET answered in text, e.g. a report with `format=csv`. */
  getText(path: string, query?: Query): Promise<string>;
  /** A POST, PUT or DELETE with a JSON body; the answer checked against `schema`. */
  send<T>(method: 'POST' | 'PUT' | 'DELETE', path: string, body: unknown, schema: z.ZodType<T>): Promise<T>;
  /** The bearer token sent with every request, or undefined for none. */
  token(): string | undefined;
};

export type ApiClientOptions = {
  baseUrl?: string;
  fetch?: typeof fetch;
  /** Read on every request, so a token entered later applies at once. */
  token?: () => string | undefined;
};

/** `/api/sites/{site}` with the id escaped: views build their paths from it. */
export const sitePath = (siteId: string) => `/api/sites/${encodeURIComponent(siteId)}`;

/**
 * @example const api = createApiClient({ token: () => localStorage.getItem('token') ?? undefined });
 */
export function createApiClient({
  baseUrl = '',
  fetch: fetcher,
  token = () => undefined,
}: ApiClientOptions = {}): ApiClient {
  const doFetch = fetcher ?? globalThis.fetch.bind(globalThis);

  async function request(path: string, init: RequestInit, query?: Query): Promise<Response> {
    const url = new URL(`${baseUrl}${path}`, baseUrl ? undefined : globalThis.location?.href);
    for (const [name, value] of Object.entries(query ?? {}))
      if (value !== undefined) url.searchParams.set(name, String(value));
    const headers = new Headers(init.headers);
    const bearer = token();
    if (bearer) headers.set('authorization', `Bearer ${bearer}`);
    let response: Response;
    try {
      response = await doFetch(url, { ...init, headers });
    } catch {
      throw new ApiError(path, 0);
    }
    if (!response.ok) {
      const body = errorBodySchema.safeParse(await response.json().catch(() => undefined));
      throw new ApiError(path, response.status, body.success ? body.data.error.message : undefined);
    }
    return response;
  }

  async function get<T>(path: string, schema: z.ZodType<T>, query?: Query): Promise<T> {
    const response = await request(path, { headers: { accept: 'application/json' } }, query);
    return schema.parse(await response.json());
  }

  return {
    listSites: async () => (await get('/api/sites', siteListSchema)).sites,
    getSite: (id) => get(sitePath(id), siteSchema),
    getLive: (id) => get(`${sitePath(id)}/live`, liveSiteSchema),
    streamUrl: (id) => `${baseUrl}${sitePath(id)}/live/stream`,
    get,
    getText: async (path, query) => (await request(path, { headers: { accept: 'text/csv' } }, query)).text(),
    send: async (method, path, body, schema) => {
      const init: RequestInit = {
        method,
        headers: { 'content-type': 'application/json', accept: 'application/json' },
      };
      if (body !== undefined) init.body = JSON.stringify(body);
      const response = await request(path, init);
      return schema.parse(response.status === 204 ? {} : await response.json());
    },
    token,
  };
}
