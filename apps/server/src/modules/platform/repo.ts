import type { PlatformSettings } from '@igny8/contracts';
import { asc, count, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { accounts, platformSettings, users } from '../../db/schema/index';

export interface PlatformDefaults {
  signupEnabled: boolean;
  allowAccountKeys: boolean;
}

export async function getPlatformSettings(db: Db, defaults: PlatformDefaults): Promise<PlatformSettings> {
  const [row] = await db.select().from(platformSettings);
  return row ? { signupEnabled: row.signupEnabled, allowAccountKeys: row.allowAccountKeys } : defaults;
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

export async function setUserActive(db: Db, userId: string, active: boolean) {
  const [u] = await db.update(users).set({ active }).where(eq(users.id, userId)).returning();
  return u;
}
