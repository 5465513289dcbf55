import { z } from 'zod';
import { effectiveRole, type MemberAccess } from '../access/access-control.ts';
import { defineRoute, jsonContent, newRouter } from './route-kit.ts';

const sessionSchema = z
  .object({
    role: z
      .enum(['member', 'planner', 'manager'])
      .nullable()
      .meta({ description: "The caller's role: its token's, member on an open local network, else null" }),
    tokenId: z.string().nullable(),
    memberAccess: z.enum(['open', 'token']),
  })
  .meta({ id: 'Session' });

/** Who the caller is to the API: lets the dashboard show the views a token opens, before it fails on one. */
export function sessionRoutes(options: { memberAccess: MemberAccess }) {
  const route = defineRoute('public', options.memberAccess, {
    method: 'get',
    path: '/api/session',
    summary: 'Who am I',
    description: 'The role this request acts with. A bad or revoked token is a 401, as everywhere.',
    responses: {
      200: jsonContent(sessionSchema, 'The role', {
        role: 'planner',
        tokenId: 't-1a2b3c4d',
        memberAccess: 'open',
      }),
    },
  });
  return newRouter().openapi(route, (c) => {
    const principal = c.get('principal');
    return c.json(
      {
        role: effectiveRole(principal, options.memberAccess) ?? null,
        tokenId: principal.tokenId ?? null,
        memberAccess: options.memberAccess,
      },
      200,
    );
  });
}
