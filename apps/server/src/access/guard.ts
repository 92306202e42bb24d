import { roleAtLeast, type ErrorCode, type Role } from '@igny8/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../db/client';
import type { AccessTokens } from '../auth/tokens';
import { AppError } from '../http/errors';
import { hashToken } from '../auth/tokens';
import { isApiTokenSecret } from '../modules/api-tokens/service';
import { makeTenantContext, originOf, type Actor } from './context';
import { findApiTokenForAccess, findUserForAccess, isPlatformOperator, touchApiToken } from './lookup';
import { describePolicy, type Policy } from './policy';
import { isUuid } from '../db/query';

export interface RouteEntry {
  method: string;
  url: string;
  policy: Policy | undefined;
}

export class MissingPolicyError extends Error {}

/**
 * Installs the access guard: records every route with its policy, refuses to
 * start when a route has none, and checks the policy before anything else runs
 * (before body validation, so an anonymous caller learns nothing about the body).
 */
export function registerAccessGuard(app: FastifyInstance, deps: { db: Db; tokens: AccessTokens }): RouteEntry[] {
  const registry: RouteEntry[] = [];

  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method === 'HEAD') continue; // Fastify's automatic HEAD twins share their GET route's config
      // Read lazily: a plugin's own onRoute hook may still set the policy after this one runs.
      registry.push({
        method,
        url: route.url,
        get policy() {
          return route.config?.policy;
        },
      });
    }
  });

  app.addHook('onReady', async () => {
    const missing = registry.filter((r) => !r.policy);
    if (missing.length > 0) {
      throw new MissingPolicyError(
        `Refusing to start: routes without an access policy: ${missing.map((r) => `${r.method} ${r.url}`).join(', ')}`,
      );
    }
  });

  app.addHook('onRequest', async (req) => {
    const policy = req.routeOptions.config?.policy;
    if (!policy) {
      // Only the not-found handler has no policy (routes without one never start).
      if (req.is404) return;
      throw deny(req, { kind: 'public' }, 500, 'internal', 'route has no policy');
    }
    await enforce(req, policy, deps);
  });

  return registry;
}

async function enforce(req: FastifyRequest, policy: Policy, deps: { db: Db; tokens: AccessTokens }): Promise<void> {
  if (policy.kind === 'public') return;

  const header = req.headers.authorization;
  if (!header || !header.startsWith('Bearer ')) {
    throw deny(req, policy, 401, 'auth_missing', 'Sign in to continue');
  }
  const bearer = header.slice('Bearer '.length).trim();
  if (isApiTokenSecret(bearer)) return enforceApiToken(req, policy, deps, bearer);
  const verified = await deps.tokens.verify(bearer);
  if (!verified.ok) {
    throw verified.reason === 'expired'
      ? deny(req, policy, 401, 'auth_expired', 'Your session token expired')
      : deny(req, policy, 401, 'auth_invalid', 'Your session token is not valid');
  }
  const accountId = memberAccountId(req, policy);
  // Another account's id, or a malformed one, is indistinguishable from one that does not exist.
  const { userId, familyId } = verified.claims;
  const found = await findUserForAccess(
    deps.db,
    userId,
    familyId,
    accountId && isUuid(accountId) ? accountId : undefined,
  );
  if (!found) throw deny(req, policy, 401, 'auth_invalid', 'Your session token is not valid');
  const { user, sessionLive, membership } = found;
  const actor: Actor = {
    userId: user.id,
    email: user.email,
    isDeveloper: user.isDeveloper,
    familyId,
    apiTokenId: null,
    origin: originOf(req),
  };
  req.actor = actor;
  if (!user.active) throw deny(req, policy, 403, 'user_inactive', 'Your user has been deactivated');
  // Signed out (or the family was revoked for reuse): the token is dead before it expires.
  if (!sessionLive)
    throw deny(req, policy, 401, 'auth_invalid', 'Your session has ended: sign in again', 'session_ended');

  if (policy.kind === 'authenticated') return;

  if (policy.kind === 'platformOperator') {
    if (!(await isPlatformOperator(deps.db, user))) {
      throw deny(req, policy, 403, 'platform_only', 'Only platform operators can do this');
    }
    return;
  }

  if (!accountId) throw new Error(`route ${req.routeOptions.url} has a member policy but no :accountId`);
  if (!membership) throw deny(req, policy, 404, 'not_found', 'Account not found', 'not_a_member');
  checkMembership(req, policy, membership, membership.role, user.twoFactorEnabled);
  req.tenant = makeTenantContext(accountId, user.id, membership.role, actor);
}

function memberAccountId(req: FastifyRequest, policy: Policy): string | undefined {
  return policy.kind === 'member' ? (req.params as { accountId?: string }).accountId : undefined;
}

/** The checks a member route makes of the caller's membership, for a session and an API token alike. */
function checkMembership(
  req: FastifyRequest,
  policy: Policy & { kind: 'member' },
  membership: { accountActive: boolean; active: boolean; requireTwoFactor: boolean },
  role: Role,
  twoFactorEnabled: boolean,
): void {
  if (!membership.accountActive) throw deny(req, policy, 403, 'account_inactive', 'This account has been deactivated');
  if (!membership.active) {
    throw deny(req, policy, 403, 'user_inactive', 'Your membership in this account has been deactivated');
  }
  if (membership.requireTwoFactor && !twoFactorEnabled) {
    throw deny(
      req,
      policy,
      403,
      'two_factor_required',
      'This account requires two-factor sign-in: turn it on in your profile first',
    );
  }
  if (!roleAtLeast(role, policy.minRole)) {
    throw deny(req, policy, 403, 'role_insufficient', `This needs the ${policy.minRole} role or higher`);
  }
}

/**
 * `Authorization: Bearer igny8_pat_…`: an API token of one account. It acts for its creator with the lower of
 * its own role and the creator's current one, on that account's member routes only; another account's routes
 * answer 404 as for a session that is not a member there.
 */
async function enforceApiToken(req: FastifyRequest, policy: Policy, deps: { db: Db }, secret: string): Promise<void> {
  const token = await findApiTokenForAccess(deps.db, hashToken(secret));
  if (!token || token.revokedAt)
    throw deny(req, policy, 401, 'auth_invalid', 'This API token is not valid or was revoked');
  if (token.expiresAt && token.expiresAt <= new Date())
    throw deny(req, policy, 401, 'auth_expired', 'This API token has expired');
  const actor: Actor = {
    userId: token.userId,
    email: token.email,
    isDeveloper: token.isDeveloper,
    familyId: null,
    apiTokenId: token.id,
    origin: originOf(req),
  };
  req.actor = actor;
  if (!token.userActive)
    throw deny(req, policy, 403, 'user_inactive', 'The user this token acts for has been deactivated');
  if (policy.kind !== 'member' || policy.sessionOnly) {
    throw deny(req, policy, 403, 'api_token_not_allowed', 'API tokens cannot do this: sign in to the web app');
  }
  const accountId = memberAccountId(req, policy);
  if (!accountId) throw new Error(`route ${req.routeOptions.url} has a member policy but no :accountId`);
  if (accountId !== token.accountId || token.memberRole === null || token.memberActive === null) {
    throw deny(
      req,
      policy,
      404,
      'not_found',
      'Account not found',
      token.memberRole === null ? 'token_creator_not_a_member' : 'token_other_account',
    );
  }
  const role: Role = roleAtLeast(token.memberRole, token.role) ? token.role : token.memberRole;
  checkMembership(
    req,
    policy,
    { accountActive: token.accountActive, active: token.memberActive, requireTwoFactor: token.requireTwoFactor },
    role,
    token.twoFactorEnabled,
  );
  await touchApiToken(deps.db, token.id);
  req.tenant = makeTenantContext(accountId, token.userId, role, actor);
}

function deny(
  req: FastifyRequest,
  policy: Policy,
  status: number,
  code: ErrorCode,
  message: string,
  reason: string = code,
): AppError {
  req.log.warn(
    {
      event: 'access.denied',
      policy: describePolicy(policy),
      reason,
      userId: req.actor?.userId ?? null,
      accountId: (req.params as { accountId?: string } | undefined)?.accountId ?? null,
      route: `${req.method} ${req.routeOptions.url ?? req.url}`,
    },
    'access denied',
  );
  return new AppError(status, code, message);
}
