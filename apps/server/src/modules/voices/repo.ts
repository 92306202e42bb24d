import type { BrandVoice } from '@igny8/contracts';
import { and, asc, eq } from 'drizzle-orm';
import type { TenantContext } from '../../access/context';
import type { Db } from '../../db/client';
import { isUuid } from '../../db/query';
import { brandVoices, sites, writerTasks } from '../../db/schema/index';
import { notFound } from '../../http/errors';

export type BrandVoiceRow = typeof brandVoices.$inferSelect;
export type BrandVoiceValues = Omit<typeof brandVoices.$inferInsert, 'id' | 'accountId' | 'createdAt' | 'updatedAt'>;

export function toBrandVoice(r: BrandVoiceRow): BrandVoice {
  return {
    id: r.id,
    name: r.name,
    tone: r.tone,
    audience: r.audience,
    pointOfView: r.pointOfView,
    dos: r.dos,
    donts: r.donts,
    bannedWords: r.bannedWords,
    samples: r.samples,
    styleGuide: r.styleGuide,
    styleGuideSource: r.styleGuideSource,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

export function listVoices(db: Db, t: TenantContext): Promise<BrandVoiceRow[]> {
  return db
    .select()
    .from(brandVoices)
    .where(eq(brandVoices.accountId, t.accountId))
    .orderBy(asc(brandVoices.name), asc(brandVoices.id));
}

export async function findVoice(db: Db, t: TenantContext, id: string): Promise<BrandVoiceRow | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db
    .select()
    .from(brandVoices)
    .where(and(eq(brandVoices.accountId, t.accountId), eq(brandVoices.id, id)));
  return row;
}

export async function requireVoice(db: Db, t: TenantContext, id: string): Promise<BrandVoiceRow> {
  const row = await findVoice(db, t, id);
  if (!row) throw notFound('Brand voice');
  return row;
}

/** A voice chosen for a site or a writer task must be the account's: another account's id is a 404, like any. */
export async function assertChoosable(db: Db, t: TenantContext, id: string | null): Promise<void> {
  if (id) await requireVoice(db, t, id);
}

export async function insertVoice(db: Db, t: TenantContext, values: BrandVoiceValues): Promise<BrandVoiceRow> {
  const [row] = await db
    .insert(brandVoices)
    .values({ ...values, accountId: t.accountId })
    .returning();
  return row!;
}

export async function updateVoice(
  db: Db,
  t: TenantContext,
  id: string,
  values: Partial<BrandVoiceValues>,
): Promise<BrandVoiceRow> {
  const [row] = await db
    .update(brandVoices)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(brandVoices.accountId, t.accountId), eq(brandVoices.id, id)))
    .returning();
  if (!row) throw notFound('Brand voice');
  return row;
}

export async function deleteVoice(db: Db, t: TenantContext, id: string): Promise<void> {
  await db.delete(brandVoices).where(and(eq(brandVoices.accountId, t.accountId), eq(brandVoices.id, id)));
}

export async function setSiteVoice(
  db: Db,
  t: TenantContext,
  siteId: string,
  brandVoiceId: string | null,
): Promise<void> {
  await db
    .update(sites)
    .set({ brandVoiceId })
    .where(and(eq(sites.accountId, t.accountId), eq(sites.id, siteId)));
}

export async function setWriterTaskVoice(
  db: Db,
  t: TenantContext,
  siteId: string,
  writerTaskId: string,
  brandVoiceId: string | null,
): Promise<void> {
  if (!isUuid(writerTaskId)) throw notFound('Writer task');
  const rows = await db
    .update(writerTasks)
    .set({ brandVoiceId })
    .where(
      and(eq(writerTasks.accountId, t.accountId), eq(writerTasks.siteId, siteId), eq(writerTasks.id, writerTaskId)),
    )
    .returning({ id: writerTasks.id });
  if (!rows.length) throw notFound('Writer task');
}
