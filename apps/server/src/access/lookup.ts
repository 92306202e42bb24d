import type { Role } from '@igny8/contracts';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { accounts, memberships, users } from '../db/schema/index';

/**
 * The caller's user row and, when `accountId` is given, their membership there: one query
 * on every authenticated request.
 */
export async function findUserForAccess(db: Db, userId: string, accountId?: string) {
  const [r] = await db
    .select({
      id: users.id,
      email: users.email,
      active: users.active,
      isDeveloper: users.isDeveloper,
      role: memberships.role,
      memberActive: memberships.active,
      accountActive: accounts.active,
    })
    .from(users)
    .leftJoin(memberships, and(eq(memberships.userId, users.id), accountId ? eq(memberships.accountId, accountId) : sql`false`))
    .leftJoin(accounts, eq(accounts.id, memberships.accountId))
    .where(eq(users.id, userId));
  if (!r) return undefined;
  const { role, memberActive, accountActive, ...user } = r;
  const membership = role !== null && memberActive !== null && accountActive !== null ? { role, active: memberActive, accountActive } : undefined;
  return { user, membership };
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
    .where(and(eq(memberships.userId, userId), eq(memberships.accountId, accountId)));
  return m;
}

/** Platform operator = a developer, or an active admin/owner of the system account. */
export async function isPlatformOperator(db: Db, user: { id: string; isDeveloper: boolean }): Promise<boolean> {
  if (user.isDeveloper) return true;
  const rows = await db
    .select({ role: memberships.role })
    .from(memberships)
    .innerJoin(accounts, eq(accounts.id, memberships.accountId))
    .where(and(eq(memberships.userId, user.id), eq(accounts.isSystem, true), eq(memberships.active, true)));
  return rows.some((r) => r.role === 'owner' || r.role === 'admin');
}
