import { z } from 'zod';

/**
 * member: free desks and aggregate counts, no device ids or sensor internals.
 * planner: what a member sees, plus reports and exports.
 * manager: everything: live detail, sensor health, calibration, alerts, site configuration, tokens.
 */
export const roleSchema = z.enum(['member', 'planner', 'manager']);
export type Role = z.infer<typeof roleSchema>;

const RANK: Record<Role, number> = { member: 0, planner: 1, manager: 2 };

/** Whether `role` may do what `needed` may: the roles are nested, each one a superset of the last. */
export function allows(role: Role, needed: Role): boolean {
  return RANK[role] >= RANK[needed];
}

/** Who is asking: a token's role, or nobody (anonymous) from an address. */
export type Principal = {
  role: Role | undefined;
  tokenId: string | undefined;
  address: string;
  /** On this machine or a private network (RFC 1918, unique-local, link-local, loopback). */
  local: boolean;
};

/** The Hono environment every API router shares. */
export type ApiEnv = { Variables: { principal: Principal } };
