import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import { errorBody } from '../http-error.ts';
import { isLocalAddress } from './local-address.ts';
import type { RateLimiter } from './rate-limit.ts';
import { type ApiEnv, allows, type Principal, type Role } from './roles.ts';
import type { TokenStore } from './token-store.ts';

export type MemberAccess = 'open' | 'token';

export type AccessOptions = {
  tokens: TokenStore;
  limiter: RateLimiter;
  perMinute: number;
  /** `open`: anonymous requests from a local address may use member endpoints. */
  memberAccess: MemberAccess;
};

const addressOf = (c: Context): string => {
  try {
    return getConnInfo(c).remote.address ?? '';
  } catch {
    return ''; // in-process request (app.request): no socket
  }
};

const tooMany = (c: Context, waitMs: number, what: string, perMinute: number) => {
  c.header('Retry-After', String(Math.ceil(waitMs / 1000)));
  const message = `rate limit: ${perMinute} requests a minute per ${what}; retry in ${Math.ceil(waitMs / 1000)} s`;
  return c.json(errorBody(429, message), 429);
};

/**
 * Who is asking, and whether they may ask again so soon: every request is counted against its
 * address, and, when it carries a token, against the token too. A bad token is a 401 at once.
 */
export function identify(options: AccessOptions): MiddlewareHandler<ApiEnv> {
  const localCache = new Map<string, boolean>();
  const isLocal = (address: string) => {
    let local = localCache.get(address);
    if (local === undefined) {
      if (localCache.size > 10_000) localCache.clear();
      local = isLocalAddress(address);
      localCache.set(address, local);
    }
    return local;
  };
  return async (c, next) => {
    const address = addressOf(c);
    const waitAddress = options.limiter.take(`addr:${address}`);
    if (waitAddress > 0) return tooMany(c, waitAddress, 'address', options.perMinute);
    const header = c.req.header('authorization');
    const principal: Principal = {
      role: undefined,
      tokenId: undefined,
      address,
      local: isLocal(address),
    };
    if (header !== undefined) {
      const match = /^Bearer +(\S+)$/i.exec(header);
      const token = match?.[1] ? options.tokens.verify(match[1]) : undefined;
      if (!token) return c.json(errorBody(401, 'authorization: unknown or revoked token'), 401);
      const waitToken = options.limiter.take(`token:${token.id}`);
      if (waitToken > 0) return tooMany(c, waitToken, 'token', options.perMinute);
      principal.role = token.role;
      principal.tokenId = token.id;
    }
    c.set('principal', principal);
    await next();
  };
}

/** The role a request acts with: its token's, or member when the member view is open to its network. */
export function effectiveRole(principal: Principal, memberAccess: MemberAccess): Role | undefined {
  if (principal.role) return principal.role;
  return memberAccess === 'open' && principal.local ? 'member' : undefined;
}

/** Lets through requests whose role is at least `needed`; 401 without a usable token, 403 below it. */
export function requireRole(needed: Role, memberAccess: MemberAccess): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const principal = c.get('principal');
    const role = effectiveRole(principal, memberAccess);
    if (!role || (!principal.role && !allows(role, needed))) {
      return c.json(errorBody(401, `authorization: a ${needed} token is required (Bearer)`), 401);
    }
    if (!allows(role, needed)) {
      return c.json(errorBody(403, `forbidden: needs the ${needed} role, this token is ${role}`), 403);
    }
    await next();
  };
}
