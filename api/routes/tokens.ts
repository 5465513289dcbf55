import { z } from 'zod';
import type { MemberAccess } from '../access/access-control.ts';
import { roleSchema } from '../access/roles.ts';
import { type TokenStore, tokenRecordSchema } from '../access/token-store.ts';
import { httpError } from '../http-error.ts';
import { defineRoute, idParam, jsonContent, newRouter, notFound } from './route-kit.ts';

const tokenInfo = tokenRecordSchema.omit({ sha256: true }).meta({ id: 'TokenInfo' });
const infoExample = {
  id: 't-1a2b3c4d',
  name: 'front desk',
  role: 'member',
  createdAt: 1764061200000,
  revokedAt: null,
};

/** The same tokens `prossima tokens add|list|revoke` manages, for a manager's tools. */
export function tokensRoutes(options: { tokens: TokenStore; memberAccess: MemberAccess }) {
  const list = defineRoute('manager', options.memberAccess, {
    method: 'get',
    path: '/api/tokens',
    summary: 'API tokens (never their secrets)',
    responses: {
      200: jsonContent(z.object({ tokens: z.array(tokenInfo) }), 'Tokens', { tokens: [infoExample] }),
    },
  });
  const add = defineRoute('manager', options.memberAccess, {
    method: 'post',
    path: '/api/tokens',
    summary: 'Issue a token',
    description: 'The secret is in this answer only: it is stored as its SHA-256 and cannot be shown again.',
    request: {
      body: {
        required: true,
        content: {
          'application/json': {
            schema: z.object({ role: roleSchema, name: z.string().max(100).default('') }),
            example: { role: 'member', name: 'front desk' },
          },
        },
      },
    },
    responses: {
      201: jsonContent(z.object({ token: z.string(), info: tokenInfo }), 'Issued', {
        token: 'prossima_3q2-7wEXAMPLEb0cK2Y9tn3o5VfQxGJQ4TqkQ0uKv1rN8',
        info: infoExample,
      }),
    },
  });
  const revoke = defineRoute('manager', options.memberAccess, {
    method: 'delete',
    path: '/api/tokens/{id}',
    summary: 'Revoke a token',
    request: { params: z.object({ id: idParam('id', 't-1a2b3c4d') }) },
    responses: { 204: { description: 'Revoked' }, 404: notFound('no token "t-00000000"') },
  });
  return newRouter()
    .openapi(list, (c) => c.json({ tokens: options.tokens.list() }, 200))
    .openapi(add, (c) => {
      const { role, name } = c.req.valid('json');
      return c.json(options.tokens.add(role, name), 201);
    })
    .openapi(revoke, (c) => {
      const { id } = c.req.valid('param');
      if (!options.tokens.revoke(id)) throw httpError(404, `no token "${id}"`);
      return c.body(null, 204);
    });
}
