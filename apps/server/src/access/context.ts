import type { Role } from '@igny8/contracts';
import type { FastifyRequest } from 'fastify';

declare const authorized: unique symbol;

/** The signed-in user, as established by the access guard. */
export interface Actor {
  readonly userId: string;
  readonly email: string;
  readonly isDeveloper: boolean;
  readonly familyId: string;
}

/**
 * Tenant context for repositories. Only the access guard creates one (and the job
 * runner, which rebuilds it from the task run the guard authorized); the brand keeps
 * handlers from forging one, and the lint (eslint.config.js) refuses `makeTenantContext`
 * and casts to this type anywhere else, so every tenant query is reached through a check.
 */
export type TenantContext = {
  readonly accountId: string;
  readonly userId: string;
  readonly role: Role;
} & { readonly [authorized]: true };

export function makeTenantContext(accountId: string, userId: string, role: Role): TenantContext {
  return { accountId, userId, role } as TenantContext;
}

declare module 'fastify' {
  interface FastifyRequest {
    actor?: Actor;
    tenant?: TenantContext;
  }
}

export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw new Error(`route ${req.routeOptions.url} has no actor: its policy is not authenticated`);
  return req.actor;
}

export function tenantOf(req: FastifyRequest): TenantContext {
  if (!req.tenant) throw new Error(`route ${req.routeOptions.url} has no tenant: its policy is not member(...)`);
  return req.tenant;
}
