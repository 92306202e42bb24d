import type { Image, ImagePrompt } from '@igny8/contracts';
import { and, count, eq, inArray } from 'drizzle-orm';
import type { TenantContext } from '../../access/context';
import type { Db } from '../../db/client';
import { imagePrompts, images } from '../../db/schema/index';
import { notFound } from '../../http/errors';
import { inSite, isUuid } from '../../db/query';
import { liveRunTargets } from '../tasks/repo';

export type ImagePromptRow = typeof imagePrompts.$inferSelect;
export type ImageRow = typeof images.$inferSelect;

export async function listImagePrompts(
  db: Db,
  t: TenantContext,
  siteId: string,
  contentId?: string,
): Promise<ImagePrompt[]> {
  const rows = await db
    .select()
    .from(imagePrompts)
    .where(and(inSite(imagePrompts, t, siteId), contentId ? eq(imagePrompts.contentId, contentId) : undefined))
    .orderBy(imagePrompts.contentId, imagePrompts.position);
  // '*' never targets images: a run names the prompts it generates.
  const queuedIn = await liveRunTargets(db, t, 'images.generate', siteId);
  return rows.map((r) => ({
    id: r.id,
    contentId: r.contentId,
    kind: r.kind,
    placement: r.placement,
    position: r.position,
    prompt: r.prompt,
    alt: r.alt,
    caption: r.caption,
    style: r.style,
    taskRunId: queuedIn.get(r.id) ?? null,
    createdAt: r.createdAt.toISOString(),
  }));
}

export function fileUrl(accountId: string, siteId: string, imageId: string): string {
  return `/api/v1/accounts/${accountId}/sites/${siteId}/images/${imageId}/file`;
}

export async function listImages(
  db: Db,
  t: TenantContext,
  siteId: string,
  q: { contentId?: string; status?: Image['status']; limit: number; offset: number },
) {
  const where = and(
    inSite(images, t, siteId),
    q.contentId ? eq(images.contentId, q.contentId) : undefined,
    q.status ? eq(images.status, q.status) : undefined,
  );
  const [rows, [total]] = await Promise.all([
    imagesWithPrompts(db, t, siteId)
      .where(where)
      .orderBy(images.contentId, imagePrompts.position)
      .limit(q.limit)
      .offset(q.offset),
    db.select({ n: count() }).from(images).where(where),
  ]);
  return { items: rows.map((r) => toImage(t, siteId, r)), total: total?.n ?? 0 };
}

/** The generated images of these articles with their file keys, in one query (for export). */
export async function generatedImageFiles(db: Db, t: TenantContext, siteId: string, contentIds: string[]) {
  const rows = await imagesWithPrompts(db, t, siteId)
    .where(and(inSite(images, t, siteId), inArray(images.contentId, contentIds), eq(images.status, 'generated')))
    .orderBy(images.contentId, imagePrompts.position);
  return rows.map((r) => ({ image: toImage(t, siteId, r), fileKey: r.i.fileKey }));
}

/** The join names the site, so prompts are looked up by the site's index. */
const imagesWithPrompts = (db: Db, t: TenantContext, siteId: string) =>
  db
    .select({ i: images, p: imagePrompts })
    .from(images)
    .innerJoin(imagePrompts, and(eq(imagePrompts.id, images.imagePromptId), inSite(imagePrompts, t, siteId)));

function toImage(
  t: TenantContext,
  siteId: string,
  { i, p }: { i: typeof images.$inferSelect; p: typeof imagePrompts.$inferSelect },
): Image {
  return {
    id: i.id,
    contentId: i.contentId,
    imagePromptId: i.imagePromptId,
    kind: p.kind,
    placement: p.placement,
    position: p.position,
    alt: p.alt,
    caption: p.caption,
    prompt: p.prompt,
    status: i.status,
    error: i.error ?? null,
    fileUrl: i.status === 'generated' && i.fileKey ? fileUrl(t.accountId, siteId, i.id) : null,
    mimeType: i.mimeType,
    provider: i.provider,
    model: i.model,
    updatedAt: i.updatedAt.toISOString(),
  };
}

export async function requireImage(db: Db, t: TenantContext, siteId: string, id: string) {
  if (!isUuid(id)) throw notFound('Image');
  const [r] = await db
    .select()
    .from(images)
    .where(and(inSite(images, t, siteId), eq(images.id, id)));
  if (!r) throw notFound('Image');
  return r;
}

// Writing image prompts and images: the tasks' reads and writes.

export type NewImagePrompt = Omit<
  typeof imagePrompts.$inferInsert,
  'id' | 'accountId' | 'siteId' | 'contentId' | 'createdAt'
>;

/** New prompts replace the article's old ones (and, by cascade, their images). */
export async function replaceImagePrompts(
  db: Db,
  t: TenantContext,
  siteId: string,
  contentId: string,
  rows: NewImagePrompt[],
): Promise<void> {
  await db.delete(imagePrompts).where(and(inSite(imagePrompts, t, siteId), eq(imagePrompts.contentId, contentId)));
  if (rows.length)
    await db.insert(imagePrompts).values(rows.map((r) => ({ ...r, accountId: t.accountId, siteId, contentId })));
}

export async function imagePromptIdsOfContents(
  db: Db,
  t: TenantContext,
  siteId: string,
  contentIds: string[],
): Promise<string[]> {
  const rows = await db
    .select({ id: imagePrompts.id })
    .from(imagePrompts)
    .where(and(inSite(imagePrompts, t, siteId), inArray(imagePrompts.contentId, contentIds)));
  return rows.map((r) => r.id);
}

export async function imagePromptsByIds(
  db: Db,
  t: TenantContext,
  siteId: string,
  ids: string[],
): Promise<ImagePromptRow[]> {
  return db
    .select()
    .from(imagePrompts)
    .where(and(inSite(imagePrompts, t, siteId), inArray(imagePrompts.id, ids)))
    .orderBy(imagePrompts.contentId, imagePrompts.position);
}

export async function setImagePromptText(db: Db, t: TenantContext, id: string, prompt: string): Promise<void> {
  await db
    .update(imagePrompts)
    .set({ prompt })
    .where(and(eq(imagePrompts.accountId, t.accountId), eq(imagePrompts.id, id)));
}

/** The prompt's image row, now generating (created on the first attempt, reused by the next). */
export async function startImage(db: Db, t: TenantContext, p: ImagePromptRow): Promise<ImageRow> {
  if (p.accountId !== t.accountId) throw notFound('Image prompt');
  const [row] = await db
    .insert(images)
    .values({
      accountId: t.accountId,
      siteId: p.siteId,
      contentId: p.contentId,
      imagePromptId: p.id,
      status: 'generating',
    })
    .onConflictDoUpdate({
      target: images.imagePromptId,
      set: { status: 'generating', error: null, updatedAt: new Date() },
    })
    .returning();
  return row!;
}

export async function markImageGenerated(
  db: Db,
  t: TenantContext,
  id: string,
  v: { fileKey: string; mimeType: string; provider: string; model: string; revisedPrompt: string | null },
): Promise<void> {
  await db
    .update(images)
    .set({ ...v, status: 'generated', error: null, updatedAt: new Date() })
    .where(and(eq(images.accountId, t.accountId), eq(images.id, id)));
}

export async function markImageFailed(
  db: Db,
  t: TenantContext,
  id: string,
  error: { code: string; message: string },
): Promise<void> {
  await db
    .update(images)
    .set({ status: 'failed', error, updatedAt: new Date() })
    .where(and(eq(images.accountId, t.accountId), eq(images.id, id)));
}
