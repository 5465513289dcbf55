import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import type { MemberAccess } from '../access/access-control.ts';
import type { ApiEnv } from '../access/roles.ts';
import { REFERENCE_CSS, REFERENCE_HTML, REFERENCE_JS } from './reference-page.ts';
import { defineRoute, newRouter } from './route-kit.ts';

const DOCUMENT = {
  openapi: '3.1.0',
  info: {
    title: 'Prossima API',
    version: '1',
    description:
      'Live occupancy, free desks, alerts, open data and site configuration of a Prossima server. Every figure is defined in docs/api.md. Send a token as `Authorization: Bearer <token>` (issue one with `prossima tokens add --role manager`).',
  },
} as const;

/**
 * The OpenAPI document, generated from the same route definitions that validate requests, and the
 * reference page that renders it. Registered last so the document lists every route.
 */
export function docsRoutes(app: OpenAPIHono<ApiEnv>, memberAccess: MemberAccess) {
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description: 'A token from `prossima tokens add` or POST /api/tokens',
  });
  let document: unknown;
  const security =
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'";
  const file = (path: string, summary: string, type: string) =>
    defineRoute('public', memberAccess, {
      method: 'get',
      path,
      summary,
      responses: { 200: { description: type, content: { [type]: { schema: z.string() } } } },
    });
  const json = defineRoute('public', memberAccess, {
    method: 'get',
    path: '/api/openapi.json',
    summary: 'This document (OpenAPI 3.1)',
    responses: {
      200: { description: 'OpenAPI 3.1', content: { 'application/json': { schema: z.looseObject({}) } } },
    },
  });
  return newRouter()
    .openapi(json, (c) => {
      document ??= app.getOpenAPI31Document(DOCUMENT);
      return c.json(document as Record<string, unknown>, 200);
    })
    .openapi(file('/api/docs', 'The interactive reference page', 'text/html'), (c) =>
      c.html(REFERENCE_HTML, 200, { 'Content-Security-Policy': security }),
    )
    .openapi(file('/api/docs/reference.js', 'Script of the reference page', 'text/javascript'), (c) =>
      c.body(REFERENCE_JS, 200, { 'Content-Type': 'text/javascript; charset=utf-8' }),
    )
    .openapi(file('/api/docs/reference.css', 'Style of the reference page', 'text/css'), (c) =>
      c.body(REFERENCE_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8' }),
    );
}
