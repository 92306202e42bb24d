import type { Role } from '@igny8/contracts';
import type { FastifyRequest } from 'fastify';

declare const authorized: unique symbol;

/** Where a request came from: the client address as the app resolves it (TRUST_PROXY) and its user agent. */
export interface Origin {
  readonly ip: string;
  readonly userAgent: string | null;
}

/** The signed-in user, as established by the access guard: through a session, or through an API token. */
export interface Actor {
  readonly userId: string;
  readonly email: string;
  readonly isDeveloper: boolean;
  /** the session (refresh-token family) of a session's access token; null for an API token */
  readonly familyId: string | null;
  /** the API token the request came with; null for a session */
  readonly apiTokenId: string | null;
  readonly origin: Origin;
}

/**
 * Tenant context for repositories. Only the access guard creates one (and the job runner, which rebuilds it from
 * the task run the guard authorized); the brand keeps handlers from forging one, and the lint (eslint.config.js)
 * refuses `makeTenantContext` and casts to this type anywhere else, so every tenant query is reached through a
 * check. `actor`: who is acting, for the audit log; absent when the product itself acts (a task).
 */
export type TenantContext = {
  readonly accountId: string;
  readonly userId: string;
  readonly role: Role;
  readonly actor?: Actor;
} & { readonly [authorized]: true };

export function makeTenantContext(accountId: string, userId: string, role: Role, actor?: Actor): TenantContext {
  return { accountId, userId, role, ...(actor ? { actor } : {}) } as TenantContext;
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

/** The origin of any request, signed in or not (public routes: sign-in, password reset). */
export function originOf(req: FastifyRequest): Origin {
  const ua = req.headers['user-agent'];
  return { ip: req.ip, userAgent: typeof ua === 'string' ? ua.slice(0, 500) : null };
}
