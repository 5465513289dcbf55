import { createRoute, OpenAPIHono, type RouteConfig } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { z } from 'zod';
import { idSchema } from '../../protocol/index.ts';
import { type MemberAccess, requireRole } from '../access/access-control.ts';
import type { ApiEnv, Role } from '../access/roles.ts';
import { errorBody } from '../http-error.ts';

// How every endpoint is declared: one createRoute with its schemas, its role and its errors, so the
// OpenAPI document and the validation that runs are the same thing.

export const errorSchema = z
  .object({ error: z.object({ status: z.number().int(), message: z.string() }) })
  .meta({ id: 'Error', description: 'Every error has this shape; `message` says what was wrong.' });

export const idParam = (name: string, example: string) =>
  idSchema.meta({ param: { name, in: 'path' }, example, description: `The ${name}'s id` });

export const siteParams = z.object({ site: idParam('site', 'demo') });

const errorResponse = (status: number, description: string, message: string) => ({
  description,
  content: { 'application/json': { schema: errorSchema, example: errorBody(status, message) } },
});

/** Who may call an endpoint: anyone, or a role (and every role above it). */
export type Access = Role | 'public';

/**
 * createRoute with the access check first (so a caller without the role learns nothing from
 * validation), the bearer scheme, and the errors every endpoint can answer.
 */
export function defineRoute<const R extends RouteConfig>(
  access: Access,
  memberAccess: MemberAccess,
  route: R,
) {
  const errors: Record<number, ReturnType<typeof errorResponse>> = {
    400: errorResponse(
      400,
      'Bad input: a malformed id, parameter or body, with the reason',
      'site: must match [a-z0-9][a-z0-9-]{0,63} (lower-case letters, digits and dashes)',
    ),
    413: errorResponse(413, 'Request body too large', 'request body larger than 262144 bytes'),
    429: errorResponse(
      429,
      'Too many requests from this address or token (see Retry-After)',
      'rate limit: 600 requests a minute per address; retry in 2 s',
    ),
  };
  if (access !== 'public') {
    errors[401] = errorResponse(
      401,
      'No usable token',
      `authorization: a ${access} token is required (Bearer)`,
    );
    errors[403] = errorResponse(
      403,
      'The token’s role is below the one needed',
      `forbidden: needs the ${access} role, this token is member`,
    );
  }
  const description = [
    route.description,
    access === 'public'
      ? 'Public: no token needed.'
      : access === 'member'
        ? 'Role: member (open without a token on the local network when member access is `open`).'
        : `Role: ${access}.`,
  ]
    .filter(Boolean)
    .join('\n\n');
  return createRoute({
    ...route,
    description,
    middleware: access === 'public' ? [] : [requireRole(access, memberAccess)],
    security: access === 'public' ? [] : [{ bearer: [] }],
    responses: { ...errors, ...route.responses },
  });
}

/** Zod issues as one line: `path: message; path: message`, the way site-file errors read. */
export function describeIssues(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): string {
  return issues
    .slice(0, 10)
    .map((i) => (i.path.length > 0 ? `${i.path.map(String).join('.')}: ${i.message}` : i.message))
    .join('; ');
}

const badInput = (result: { success: boolean; error?: { issues: z.core.$ZodIssue[] } }, c: Context) => {
  if (!result.success && result.error) {
    return c.json(errorBody(400, describeIssues(result.error.issues)), 400);
  }
  return undefined;
};

/** A router whose invalid requests all become the same 400 with the reason. */
export function newRouter() {
  return new OpenAPIHono<ApiEnv>({ defaultHook: badInput });
}

export const jsonContent = <S extends z.ZodType>(schema: S, description: string, example?: unknown) => ({
  description,
  content: { 'application/json': example === undefined ? { schema } : { schema, example } },
});

/** A 404 with the shape of every error, and an example message. */
export const notFound = (message: string) => ({
  description: 'Not found',
  content: { 'application/json': { schema: errorSchema, example: errorBody(404, message) } },
});
