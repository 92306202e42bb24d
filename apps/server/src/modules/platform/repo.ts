import type { PlatformSettings } from '@igny8/contracts';
import type { PlatformUser } from '@igny8/contracts';
import { asc, count, eq, or } from 'drizzle-orm';
import { contains } from '../../db/query';
import type { Db } from '../../db/client';
import { accounts, platformSettings, users } from '../../db/schema/index';

export interface PlatformDefaults {
  signupEnabled: boolean;
  allowAccountKeys: boolean;
  emailVerification: boolean;
}

export async function getPlatformSettings(db: Db, defaults: PlatformDefaults): Promise<PlatformSettings> {
  const [row] = await db.select().from(platformSettings);
  return row
    ? {
        signupEnabled: row.signupEnabled,
        allowAccountKeys: row.allowAccountKeys,
        emailVerification: row.emailVerification ?? defaults.emailVerification,
      }
    : defaults;
}

export async function savePlatformSettings(
  db: Db,
  defaults: PlatformDefaults,
  patch: Partial<PlatformSettings>,
): Promise<PlatformSettings> {
  const next = { ...(await getPlatformSettings(db, defaults)), ...patch };
  await db
    .insert(platformSettings)
    .values({ ...next, id: 'platform' })
    .onConflictDoUpdate({ target: platformSettings.id, set: { ...next, updatedAt: new Date() } });
  return next;
}

export async function listAllAccounts(db: Db, page: { limit: number; offset: number }) {
  const [rows, [total]] = await Promise.all([
    db.select().from(accounts).orderBy(asc(accounts.createdAt)).limit(page.limit).offset(page.offset),
    db.select({ n: count() }).from(accounts),
  ]);
  return { items: rows, total: total?.n ?? 0 };
}

export async function findAccount(db: Db, accountId: string) {
  const [a] = await db.select().from(accounts).where(eq(accounts.id, accountId));
  return a;
}

export async function setAccountActive(db: Db, accountId: string, active: boolean) {
  const [a] = await db.update(accounts).set({ active }).where(eq(accounts.id, accountId)).returning();
  return a;
}

export async function findUser(db: Db, userId: string) {
  const [u] = await db.select().from(users).where(eq(users.id, userId));
  return u;
}

export async function updateUser(db: Db, userId: string, patch: { active?: boolean; isDeveloper?: boolean }) {
  const [u] = await db.update(users).set(patch).where(eq(users.id, userId)).returning();
  return u;
}

export function toPlatformUser(u: typeof users.$inferSelect): PlatformUser {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    isDeveloper: u.isDeveloper,
    active: u.active,
    emailVerified: u.emailVerifiedAt !== null,
    twoFactorEnabled: u.totpEnabledAt !== null,
    createdAt: u.createdAt.toISOString(),
  };
}

/** Every user of the platform, by email; `q` matches part of the email or name. */
export async function listUsers(db: Db, query: { limit: number; offset: number; q?: string }) {
  const where = query.q ? or(contains(users.email, query.q), contains(users.name, query.q)) : undefined;
  const [rows, [total]] = await Promise.all([
    db.select().from(users).where(where).orderBy(asc(users.email)).limit(query.limit).offset(query.offset),
    db.select({ n: count() }).from(users).where(where),
  ]);
  return { items: rows.map(toPlatformUser), total: total?.n ?? 0 };
}
