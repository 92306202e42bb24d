import type { ContentSummary, Image, ImagePrompt, WriterTask } from '@igny8/contracts';
import { and, count, desc, eq, inArray, sql } from 'drizzle-orm';
import type { TenantContext } from '../../access/context';
import type { Db } from '../../db/client';
import { contents, ideas, imagePrompts, images, writerTasks } from '../../db/schema/index';
import { AppError, notFound } from '../../http/errors';
import { seoChecks } from './html';
import { contains, inSite, isUuid } from '../../db/query';

type WriterTaskRow = typeof writerTasks.$inferSelect & { contentId: string | null };
const toWriterTask = (r: WriterTaskRow): WriterTask => ({
  id: r.id,
  siteId: r.siteId,
  ideaId: r.ideaId,
  clusterId: r.clusterId,
  title: r.title,
  primaryKeyword: r.primaryKeyword,
  secondaryKeywords: r.secondaryKeywords,
  targetWordCount: r.targetWordCount,
  contentType: r.contentType,
  status: r.status,
  error: r.error,
  contentId: r.contentId,
  createdAt: r.createdAt.toISOString(),
});

const writerTaskSelect = (db: Db) =>
  db
    .select({
      id: writerTasks.id,
      accountId: writerTasks.accountId,
      siteId: writerTasks.siteId,
      ideaId: writerTasks.ideaId,
      clusterId: writerTasks.clusterId,
      title: writerTasks.title,
      primaryKeyword: writerTasks.primaryKeyword,
      secondaryKeywords: writerTasks.secondaryKeywords,
      outline: writerTasks.outline,
      targetWordCount: writerTasks.targetWordCount,
      contentType: writerTasks.contentType,
      status: writerTasks.status,
      error: writerTasks.error,
      createdAt: writerTasks.createdAt,
      contentId: contents.id,
    })
    .from(writerTasks)
    .leftJoin(contents, eq(contents.writerTaskId, writerTasks.id));

export async function listWriterTasks(db: Db, t: TenantContext, siteId: string, q: { status?: WriterTask['status']; limit: number; offset: number }) {
  const where = and(inSite(writerTasks, t, siteId), q.status ? eq(writerTasks.status, q.status) : undefined);
  const [rows, [total]] = await Promise.all([
    writerTaskSelect(db).where(where).orderBy(desc(writerTasks.createdAt), writerTasks.id).limit(q.limit).offset(q.offset),
    db.select({ n: count() }).from(writerTasks).where(where),
  ]);
  return { items: (rows as WriterTaskRow[]).map(toWriterTask), total: total?.n ?? 0 };
}

/**
 * Ideas become writer tasks; an idea that already has one keeps it (the unique
 * index on idea_id makes a double click or a retry harmless).
 */
export async function queueIdeas(db: Db, t: TenantContext, siteId: string, ideaIds: string[]) {
  const found = await db.select().from(ideas).where(and(inSite(ideas, t, siteId), inArray(ideas.id, ideaIds)));
  if (found.length !== new Set(ideaIds).size) throw notFound('Idea');
  const inserted = await db
    .insert(writerTasks)
    .values(
      found.map((i) => ({
        accountId: t.accountId,
        siteId,
        ideaId: i.id,
        clusterId: i.clusterId,
        title: i.title,
        primaryKeyword: i.primaryKeyword,
        secondaryKeywords: i.secondaryKeywords,
        outline: i.outline,
        targetWordCount: i.targetWordCount,
        contentType: i.contentType,
      })),
    )
    .onConflictDoNothing({ target: writerTasks.ideaId })
    .returning({ id: writerTasks.id });
  await db.update(ideas).set({ status: 'queued' }).where(and(inArray(ideas.id, ideaIds), eq(ideas.status, 'new')));
  const all = await writerTaskSelect(db).where(and(inSite(writerTasks, t, siteId), inArray(writerTasks.ideaId, ideaIds)));
  return { created: inserted.length, existing: found.length - inserted.length, items: (all as WriterTaskRow[]).map(toWriterTask) };
}

export async function requireIds<T extends typeof writerTasks | typeof contents | typeof imagePrompts>(
  db: Db,
  table: T,
  t: TenantContext,
  siteId: string,
  ids: string[],
  what: string,
): Promise<string[]> {
  const unique = [...new Set(ids)];
  const rows = await db
    .select({ id: table.id })
    .from(table as typeof writerTasks)
    .where(and(inSite(table, t, siteId), inArray(table.id, unique)));
  if (rows.length !== unique.length) {
    const known = new Set(rows.map((r) => r.id));
    throw new AppError(404, 'not_found', `${what} not found`, { ids: unique.filter((id) => !known.has(id)) });
  }
  return unique;
}

const imageCount = sql<number>`(select count(*)::int from ${images} im where im.content_id = "contents"."id" and im.status = 'generated')`;

export async function listContents(db: Db, t: TenantContext, siteId: string, q: { q?: string; status?: ContentSummary['status']; limit: number; offset: number }) {
  const where = and(
    inSite(contents, t, siteId),
    q.q ? contains(contents.title, q.q) : undefined,
    q.status ? eq(contents.status, q.status) : undefined,
  );
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: contents.id,
        siteId: contents.siteId,
        writerTaskId: contents.writerTaskId,
        title: contents.title,
        slug: contents.slug,
        primaryKeyword: contents.primaryKeyword,
        status: contents.status,
        wordCount: contents.wordCount,
        source: contents.source,
        imageCount,
        createdAt: contents.createdAt,
        updatedAt: contents.updatedAt,
      })
      .from(contents)
      .where(where)
      .orderBy(desc(contents.updatedAt), contents.id)
      .limit(q.limit)
      .offset(q.offset),
    db.select({ n: count() }).from(contents).where(where),
  ]);
  return {
    items: rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString() })),
    total: total?.n ?? 0,
  };
}

export async function requireContent(db: Db, t: TenantContext, siteId: string, id: string) {
  if (!isUuid(id)) throw notFound('Content');
  const [r] = await db.select({ c: contents, imageCount }).from(contents).where(and(inSite(contents, t, siteId), eq(contents.id, id)));
  if (!r) throw notFound('Content');
  return { ...r.c, imageCount: r.imageCount };
}

/** Several articles of a site in one query, in the order asked; 404 when any is not there. */
export async function requireContents(db: Db, t: TenantContext, siteId: string, ids: string[]) {
  if (!ids.every(isUuid)) throw notFound('Content');
  const rows = await db.select({ c: contents, imageCount }).from(contents).where(and(inSite(contents, t, siteId), inArray(contents.id, ids)));
  const byId = new Map(rows.map((r) => [r.c.id, { ...r.c, imageCount: r.imageCount }]));
  return ids.map((id) => {
    const c = byId.get(id);
    if (!c) throw notFound('Content');
    return c;
  });
}

export function toContent(c: Awaited<ReturnType<typeof requireContent>>) {
  return {
    id: c.id,
    siteId: c.siteId,
    writerTaskId: c.writerTaskId,
    title: c.title,
    slug: c.slug,
    primaryKeyword: c.primaryKeyword,
    status: c.status,
    wordCount: c.wordCount,
    source: c.source,
    imageCount: c.imageCount,
    bodyHtml: c.bodyHtml,
    metaTitle: c.metaTitle,
    metaDescription: c.metaDescription,
    excerpt: c.excerpt,
    seoChecks: seoChecks(c),
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

export async function listImagePrompts(db: Db, t: TenantContext, siteId: string, contentId?: string): Promise<ImagePrompt[]> {
  const rows = await db
    .select()
    .from(imagePrompts)
    .where(and(inSite(imagePrompts, t, siteId), contentId ? eq(imagePrompts.contentId, contentId) : undefined))
    .orderBy(imagePrompts.contentId, imagePrompts.position);
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
    imagesWithPrompts(db).where(where).orderBy(images.contentId, imagePrompts.position).limit(q.limit).offset(q.offset),
    db.select({ n: count() }).from(images).where(where),
  ]);
  return { items: rows.map((r) => toImage(t, siteId, r)), total: total?.n ?? 0 };
}

/** The generated images of these articles with their file keys, in one query (for export). */
export async function generatedImageFiles(db: Db, t: TenantContext, siteId: string, contentIds: string[]) {
  const rows = await imagesWithPrompts(db)
    .where(and(inSite(images, t, siteId), inArray(images.contentId, contentIds), eq(images.status, 'generated')))
    .orderBy(images.contentId, imagePrompts.position);
  return rows.map((r) => ({ image: toImage(t, siteId, r), fileKey: r.i.fileKey }));
}

const imagesWithPrompts = (db: Db) =>
  db.select({ i: images, p: imagePrompts }).from(images).innerJoin(imagePrompts, eq(imagePrompts.id, images.imagePromptId));

function toImage(t: TenantContext, siteId: string, { i, p }: { i: typeof images.$inferSelect; p: typeof imagePrompts.$inferSelect }): Image {
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
  const [r] = await db.select().from(images).where(and(inSite(images, t, siteId), eq(images.id, id)));
  if (!r) throw notFound('Image');
  return r;
}
