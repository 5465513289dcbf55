import { Hono } from 'hono';

/** Files the API serves as they are: the dashboard's bundle, handed in by whoever starts the API. */
export type StaticAssets = ReadonlyMap<string, { body: Uint8Array; contentType: string }>;

export function assetRoutes(assets: StaticAssets) {
  return new Hono().get('*', (c) => {
    const path = c.req.path === '/' ? '/index.html' : c.req.path;
    const asset = assets.get(path);
    if (!asset) return c.notFound();
    // index.html must be fetched fresh so a new bundle is picked up; bundles may be cached briefly.
    const cache = path.endsWith('.html') ? 'no-cache' : 'public, max-age=300';
    return c.body(asset.body as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': asset.contentType,
      'Cache-Control': cache,
    });
  });
}
