import { describe, expect, it } from 'vitest';
import { buildDashboard } from './index.ts';

const text = (body: Uint8Array | undefined) => new TextDecoder().decode(body);

// Identifiers that look like URLs but are never fetched: the SVG namespace, JSON Schema dialect ids
// and the IPv6 URL template inside zod.
const NOT_FETCHED = [
  /^http:\/\/www\.w3\.org\/2000\/svg$/,
  /^https?:\/\/json-schema\.org\/draft[-/0-9a-z]+\/schema#?$/,
  /^http:\/\/\[\$\{\w+\}\]$/,
];

describe('buildDashboard', () => {
  it('serves a page that loads its own script and styles', async () => {
    const assets = await buildDashboard();
    const html = text(assets.get('/index.html')?.body);
    expect(assets.get('/index.html')?.contentType).toMatch(/^text\/html/);
    expect(html).toContain('<script type="module" src="/assets/app.js">');
    expect(html).toContain('<link rel="stylesheet" href="/assets/app.css"');
    expect(assets.get('/assets/app.js')?.contentType).toMatch(/^text\/javascript/);
    expect(assets.get('/assets/app.css')?.contentType).toMatch(/^text\/css/);
    expect(assets.get('/assets/app.js')?.body.byteLength).toBeGreaterThan(10_000);
    expect(text(assets.get('/assets/app.css')?.body)).toContain('[data-state=');
  });

  it('loads nothing from outside the page origin', async () => {
    const assets = await buildDashboard();
    const html = text(assets.get('/index.html')?.body);
    for (const ref of html.matchAll(/\b(?:src|href)="([^"]*)"/g)) expect(ref[1]).toMatch(/^(\/|#|data:)/);
    expect(html).toMatch(/Content-Security-Policy[\s\S]*default-src 'self'/);
    for (const path of ['/assets/app.js', '/assets/app.css']) {
      const urls = text(assets.get(path)?.body).match(/https?:\/\/[^\s'"`)]+/g) ?? [];
      for (const url of urls)
        expect(
          NOT_FETCHED.some((ok) => ok.test(url)),
          `${path}: ${url}`,
        ).toBe(true);
    }
  });

  it('bundles in memory well under a second, minified or not', async () => {
    await buildDashboard();
    for (const minify of [true, false]) {
      const started = performance.now();
      const assets = await buildDashboard({ minify });
      expect(performance.now() - started).toBeLessThan(1000);
      expect(text(assets.get('/assets/app.js')?.body)).toContain('data-desk');
    }
  });

  it('leaves zod error-message locales other than English out of the bundle', async () => {
    const js = text((await buildDashboard({ minify: false })).get('/assets/app.js')?.body);
    expect(js).not.toContain('locales/fr.js');
    expect(js).toContain('locales/en.js');
  });
});
