// The dashboard's view of the HTTP API: typed, validated reads of sites and live occupancy.
import { z } from 'zod';
import { type LiveSite, liveSiteSchema } from '../../protocol/live-view.ts';
import { type Site, siteSchema } from '../../protocol/site-model.ts';

export const siteListSchema = z.object({
  sites: z.array(z.object({ id: z.string(), name: z.string(), timezone: z.string() })),
});

export type SiteListEntry = z.infer<typeof siteListSchema>['sites'][number];

export class ApiError extends Error {
  constructor(
    readonly path: string,
    readonly status: number,
  ) {
    super(status === 0 ? `Cannot reach the server (${path}).` : `The server answered ${status} for ${path}.`);
    this.name = 'ApiError';
  }
}

export type ApiClient = {
  listSites(): Promise<SiteListEntry[]>;
  getSite(siteId: string): Promise<Site>;
  getLive(siteId: string): Promise<LiveSite>;
  /** Where the Server-Sent Events stream of LiveEvents for a site is. */
  streamUrl(siteId: string): string;
};

export type ApiClientOptions = { baseUrl?: string; fetch?: typeof fetch };

/**
 * @example const api = createApiClient(); const [first] = await api.listSites();
 */
export function createApiClient({ baseUrl = '', fetch: fetcher }: ApiClientOptions = {}): ApiClient {
  const doFetch = fetcher ?? globalThis.fetch.bind(globalThis);
  const site = (id: string) => `/api/sites/${encodeURIComponent(id)}`;

  async function get<T>(path: string, schema: z.ZodType<T>): Promise<T> {
    let response: Response;
    try {
      response = await doFetch(`${baseUrl}${path}`, { headers: { accept: 'application/json' } });
    } catch {
      throw new ApiError(path, 0);
    }
    if (!response.ok) throw new ApiError(path, response.status);
    return schema.parse(await response.json());
  }

  return {
    listSites: async () => (await get('/api/sites', siteListSchema)).sites,
    getSite: (id) => get(site(id), siteSchema),
    getLive: (id) => get(`${site(id)}/live`, liveSiteSchema),
    streamUrl: (id) => `${baseUrl}${site(id)}/live/stream`,
  };
}
