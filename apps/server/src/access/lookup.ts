import type { Role } from '@igny8/contracts';
import { and, eq, exists, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { accounts, apiTokens, memberships, refreshTokens, users } from '../db/schema/index';

/**
 * The caller's user row, whether the session (refresh-token family) their access token belongs to is still
 * live, and, when `accountId` is given, their membership there: one query on every authenticated request.
 * Checking the family here is what makes logout (and deactivation, which revokes every family) end access at
 * once instead of when the access token expires. A pending membership (an invitation not yet accepted) is no
 * membership.
 */
export async function findUserForAccess(db: Db, userId: string, familyId: string, accountId?: string) {
  const [r] = await db
    .select({
      id: users.id,
      email: users.email,
      active: users.active,
      isDeveloper: users.isDeveloper,
      twoFactorEnabled: isNotNull(users.totpEnabledAt).mapWith(Boolean),
      sessionLive: exists(
        db
          .select({ one: sql`1` })
          .from(refreshTokens)
          .where(
            and(
              eq(refreshTokens.familyId, familyId),
              eq(refreshTokens.userId, users.id),
              isNull(refreshTokens.revokedAt),
              sql`${refreshTokens.expiresAt} > now()`,
            ),
          ),
      ).mapWith(Boolean),
      role: memberships.role,
      memberActive: memberships.active,
      accountActive: accounts.active,
      requireTwoFactor: accounts.requireTwoFactor,
    })
    .from(users)
    .leftJoin(
      memberships,
      and(
        eq(memberships.userId, users.id),
        eq(memberships.pending, false),
        accountId ? eq(memberships.accountId, accountId) : sql`false`,
      ),
    )
    .leftJoin(accounts, eq(accounts.id, memberships.accountId))
    .where(eq(users.id, userId));
  if (!r) return undefined;
  const { role, memberActive, accountActive, requireTwoFactor, sessionLive, ...user } = r;
  const membership =
    role !== null && memberActive !== null && accountActive !== null
      ? { role, active: memberActive, accountActive, requireTwoFactor: requireTwoFactor ?? false }
      : undefined;
  return { user, sessionLive, membership };
}

/**
 * An API token by its hash, with its creator and the creator's membership in the token's account: one query.
 * The token acts for its creator, so a deactivated or removed creator (or a lowered role) limits it at once.
 */
export async function findApiTokenForAccess(db: Db, tokenHash: string) {
  const [r] = await db
    .select({
      id: apiTokens.id,
      accountId: apiTokens.accountId,
      role: apiTokens.role,
      expiresAt: apiTokens.expiresAt,
      revokedAt: apiTokens.revokedAt,
      userId: users.id,
      email: users.email,
      userActive: users.active,
      isDeveloper: users.isDeveloper,
      twoFactorEnabled: isNotNull(users.totpEnabledAt).mapWith(Boolean),
      memberRole: memberships.role,
      memberActive: memberships.active,
      accountActive: accounts.active,
      requireTwoFactor: accounts.requireTwoFactor,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.createdBy))
    .innerJoin(accounts, eq(accounts.id, apiTokens.accountId))
    .leftJoin(
      memberships,
      and(
        eq(memberships.accountId, apiTokens.accountId),
        eq(memberships.userId, apiTokens.createdBy),
        eq(memberships.pending, false),
      ),
    )
    .where(eq(apiTokens.tokenHash, tokenHash));
  return r;
}

/** "Last used", written at most once a minute per token so a busy script does not write on every call. */
export async function touchApiToken(db: Db, id: string): Promise<void> {
  await db
    .update(apiTokens)
    .set({ lastUsedAt: sql`now()` })
    .where(
      and(
        eq(apiTokens.id, id),
        or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, sql`now() - interval '1 minute'`)),
      ),
    );
}

export async function findMembershipForAccess(
  db: Db,
  userId: string,
  accountId: string,
): Promise<{ role: Role; active: boolean; accountActive: boolean } | undefined> {
  const [m] = await db
    .select({ role: memberships.role, active: memberships.active, accountActive: accounts.active })
    .from(memberships)
    .innerJoin(accounts, eq(accounts.id, memberships.accountId))
    .where(and(eq(memberships.userId, userId), eq(memberships.accountId, accountId), eq(memberships.pending, false)));
  return m;
}

/** Platform operator = a developer, or an active admin/owner of the system account. */
export async function isPlatformOperator(db: Db, user: { id: string; isDeveloper: boolean }): Promise<boolean> {
  if (user.isDeveloper) return true;
  const rows = await db
    .select({ role: memberships.role })
    .from(memberships)
    .innerJoin(accounts, eq(accounts.id, memberships.accountId))
    .where(
      and(
        eq(memberships.userId, user.id),
        eq(accounts.isSystem, true),
        eq(memberships.active, true),
        eq(memberships.pending, false),
      ),
    );
  return rows.some((r) => r.role === 'owner' || r.role === 'admin');
}
