import type { Role } from '@igny8/contracts';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { accounts, memberships, users } from '../db/schema/index';

export async function findUserForAccess(db: Db, userId: string) {
  const [u] = await db
    .select({ id: users.id, email: users.email, active: users.active, isDeveloper: users.isDeveloper })
    .from(users)
    .where(eq(users.id, userId));
  return u;
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
