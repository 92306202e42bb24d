import type { Member, Membership, Role } from '@igny8/contracts';
import { and, asc, count, eq } from 'drizzle-orm';
import type { TenantContext } from '../../access/context';
import type { Db } from '../../db/client';
import { accounts, memberships, platformSettings, userTokens, users } from '../../db/schema/index';

const memberColumns = {
  userId: users.id,
  email: users.email,
  name: users.name,
  role: memberships.role,
  active: memberships.active,
  userActive: users.active,
  pending: memberships.pending,
  createdAt: memberships.createdAt,
};

interface MemberRow {
  userId: string;
  email: string;
  name: string;
  role: Role;
  active: boolean;
  userActive: boolean;
  pending: boolean;
  createdAt: Date;
}

/**
 * Until an invitation is accepted the account knows only the email it typed: the user's name and status stay
 * hidden, so a pending member looks the same whether or not the email already had an igny8 user.
 */
function toMember(r: MemberRow): Member {
  return {
    userId: r.userId,
    email: r.email,
    name: r.pending ? placeholderName(r.email) : r.name,
    role: r.role,
    active: r.active,
    userActive: r.pending ? true : r.userActive,
    invited: r.pending,
    createdAt: r.createdAt.toISOString(),
  };
}

/** The name an invited person has until they choose one: their email's local part. */
export function placeholderName(email: string): string {
  return email.split('@')[0]!;
}

/** A new account with a new user as its owner (first-run setup and sign-up: no tenant exists yet); the user's id. */
export async function insertAccountWithOwner(
  db: Db,
  owner: { email: string; name: string; accountName: string; passwordHash: string },
  isSystem: boolean,
  emailVerifiedAt: Date | null,
): Promise<string> {
  const [account] = await db.insert(accounts).values({ name: owner.accountName, isSystem }).returning();
  const [user] = await db
    .insert(users)
    .values({ email: owner.email, name: owner.name, passwordHash: owner.passwordHash, emailVerifiedAt })
    .returning();
  await db.insert(memberships).values({ accountId: account!.id, userId: user!.id, role: 'owner' });
  return user!.id;
}

/** First run writes the platform's settings row from the environment's defaults (kept if it exists). */
export async function insertPlatformSettings(db: Db, defaults: { signupEnabled: boolean; allowAccountKeys: boolean }) {
  // emailVerification stays null: it follows the configuration (on when SMTP is configured) until an operator sets it.
  await db
    .insert(platformSettings)
    .values({ id: 'platform', signupEnabled: defaults.signupEnabled, allowAccountKeys: defaults.allowAccountKeys })
    .onConflictDoNothing();
}

/** A user for an invited email that has none yet: no password until they accept. */
export async function insertInvitedUser(db: Db, email: string) {
  const [user] = await db
    .insert(users)
    .values({ email, name: placeholderName(email), passwordHash: null })
    .returning();
  return user!;
}

/** The invitation's one-time token (stored hashed), tied to the pending membership it offers. */
export async function insertInviteToken(db: Db, t: TenantContext, userId: string, tokenHash: string, expiresAt: Date) {
  await db.insert(userTokens).values({ userId, accountId: t.accountId, purpose: 'invite', tokenHash, expiresAt });
}

export async function findUserByEmail(db: Db, email: string) {
  const [u] = await db.select().from(users).where(eq(users.email, email));
  return u;
}

export async function findUserById(db: Db, id: string) {
  const [u] = await db.select().from(users).where(eq(users.id, id));
  return u;
}

export async function countUsers(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(users);
  return row?.n ?? 0;
}

export async function membershipsOf(db: Db, userId: string): Promise<Membership[]> {
  const rows = await db
    .select({
      accountId: accounts.id,
      accountName: accounts.name,
      isSystem: accounts.isSystem,
      accountActive: accounts.active,
      role: memberships.role,
      active: memberships.active,
      requireTwoFactor: accounts.requireTwoFactor,
    })
    .from(memberships)
    .innerJoin(accounts, eq(accounts.id, memberships.accountId))
    .where(and(eq(memberships.userId, userId), eq(memberships.pending, false)))
    .orderBy(asc(accounts.name));
  return rows;
}

export async function getAccount(db: Db, t: TenantContext) {
  const [a] = await db.select().from(accounts).where(eq(accounts.id, t.accountId));
  return a;
}

export async function renameAccount(db: Db, t: TenantContext, name: string) {
  const [a] = await db.update(accounts).set({ name }).where(eq(accounts.id, t.accountId)).returning();
  return a;
}

export async function setRequireTwoFactor(db: Db, t: TenantContext, requireTwoFactor: boolean) {
  const [a] = await db.update(accounts).set({ requireTwoFactor }).where(eq(accounts.id, t.accountId)).returning();
  return a;
}

export async function listMembers(db: Db, t: TenantContext, page: { limit: number; offset: number }) {
  const where = eq(memberships.accountId, t.accountId);
  const [rows, [total]] = await Promise.all([
    db
      .select(memberColumns)
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(where)
      .orderBy(asc(users.email))
      .limit(page.limit)
      .offset(page.offset),
    db.select({ n: count() }).from(memberships).where(where),
  ]);
  return { items: rows.map(toMember), total: total?.n ?? 0 };
}

export async function getMember(db: Db, t: TenantContext, userId: string): Promise<Member | undefined> {
  const [r] = await db
    .select(memberColumns)
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.accountId, t.accountId), eq(memberships.userId, userId)));
  return r && toMember(r);
}

/** Active owners of the tenant's account, locked so two owners cannot demote each other at once. */
export async function lockActiveOwners(db: Db, t: TenantContext): Promise<string[]> {
  const rows = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(
      and(
        eq(memberships.accountId, t.accountId),
        eq(memberships.role, 'owner'),
        eq(memberships.active, true),
        eq(memberships.pending, false),
      ),
    )
    .for('update');
  return rows.map((r) => r.userId);
}

/** A pending membership: the invitation the person still has to accept. */
export async function insertInvitedMembership(db: Db, t: TenantContext, userId: string, role: Role) {
  await db.insert(memberships).values({ accountId: t.accountId, userId, role, pending: true, invitedBy: t.userId });
}

export async function updateMembership(
  db: Db,
  t: TenantContext,
  userId: string,
  patch: { role?: Role; active?: boolean },
) {
  await db
    .update(memberships)
    .set(patch)
    .where(and(eq(memberships.accountId, t.accountId), eq(memberships.userId, userId)));
}

export async function deleteMembership(db: Db, t: TenantContext, userId: string) {
  await db.delete(memberships).where(and(eq(memberships.accountId, t.accountId), eq(memberships.userId, userId)));
}
