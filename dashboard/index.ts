// The browser dashboard: a live floor map of a site's desks, bundled in memory for the API to serve.
// buildDashboard() turns dashboard/src/ into a map of static assets; the API owns HTTP and caching.
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { z } from 'zod';

export type DashboardAsset = { body: Uint8Array; contentType: string };
/** path ('/index.html', '/assets/app.js', '/assets/app.css', …) → asset */
export type DashboardAssets = Map<string, DashboardAsset>;

export const dashboardBuildOptionsSchema = z.object({
  /** Minified output for production; false keeps the bundle readable while debugging. */
  minify: z.boolean().default(true),
});

export type DashboardBuildOptions = z.input<typeof dashboardBuildOptionsSchema>;

const SRC = fileURLToPath(new URL('./src/', import.meta.url));
const encoder = new TextEncoder();
const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/**
 * zod's namespace re-exports every error-message locale (over half the bundle); the page uses the
 * default English one only, which zod imports separately, so the namespace of the rest is emptied.
 */
const withoutZodLocales: Plugin = {
  name: 'without-zod-locales',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]/.test(args.importer) ? { path: 'zod-locales', namespace: 'empty' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'empty' }, () => ({ contents: 'export {};', loader: 'js' }));
  },
};

/**
 * Bundles the browser code and styles in memory; nothing is written to disk.
 * @example const assets = await buildDashboard(); assets.get('/index.html')?.contentType // 'text/html; charset=utf-8'
 */
export async function buildDashboard(options: DashboardBuildOptions = {}): Promise<DashboardAssets> {
  const { minify } = dashboardBuildOptionsSchema.parse(options);
  const [result, html] = await Promise.all([
    build({
      entryPoints: [
        { in: `${SRC}main.ts`, out: 'app' },
        { in: `${SRC}app.css`, out: 'app' },
      ],
      outdir: '/assets',
      write: false,
      bundle: true,
      format: 'esm',
      target: 'es2022',
      platform: 'browser',
      minify,
      legalComments: 'none',
      plugins: [withoutZodLocales],
      logLevel: 'silent',
    }),
    readFile(`${SRC}index.html`, 'utf8'),
  ]);
  const assets: DashboardAssets = new Map();
  assets.set('/index.html', { body: encoder.encode(html), contentType: 'text/html; charset=utf-8' });
  for (const file of result.outputFiles) {
    const name = basename(file.path);
    const contentType = CONTENT_TYPES[extname(name)] ?? 'application/octet-stream';
    assets.set(`/assets/${name}`, { body: file.contents, contentType });
  }
  return assets;
}
