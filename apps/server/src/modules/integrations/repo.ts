import type { Capability } from '@igny8/contracts';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { accounts, integrationSettings } from '../../db/schema/index';

export type IntegrationRow = typeof integrationSettings.$inferSelect;

export async function settingsOf(db: Db, accountId: string): Promise<IntegrationRow[]> {
  return db.select().from(integrationSettings).where(eq(integrationSettings.accountId, accountId));
}

export async function systemAccountId(db: Db): Promise<string | undefined> {
  const [row] = await db.select({ id: accounts.id }).from(accounts).where(eq(accounts.isSystem, true));
  return row?.id;
}

export async function upsertSettings(db: Db, row: typeof integrationSettings.$inferInsert): Promise<void> {
  await db
    .insert(integrationSettings)
    .values(row)
    .onConflictDoUpdate({
      target: [integrationSettings.accountId, integrationSettings.capability],
      set: { ...row, updatedAt: new Date() },
    });
}

export async function deleteSettings(db: Db, accountId: string, capability: Capability): Promise<boolean> {
  const rows = await db
    .delete(integrationSettings)
    .where(and(eq(integrationSettings.accountId, accountId), eq(integrationSettings.capability, capability)))
    .returning({ a: integrationSettings.accountId });
  return rows.length > 0;
}
