import type { ContentSummary, WriterTask, contentSortFields, writerTaskSortFields } from '@igny8/contracts';
import { and, asc, count, eq, gte, inArray, isNotNull, like, lte, ne, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import slugify from 'slugify';
import type { TenantContext } from '../../access/context';
import type { Db } from '../../db/client';
import { brandVoices, contents, ideas, imagePrompts, images, writerTasks } from '../../db/schema/index';
import { AppError, notFound } from '../../http/errors';
import { seoChecks } from './html';
import type { ScoreContext } from './score-repo';
import { contains, inSite, isUuid, sortedBy } from '../../db/query';

type WriterTaskRow = typeof writerTasks.$inferSelect & { contentId: string | null };
const toWriterTask = (r: WriterTaskRow): WriterTask => ({
  id: r.id,
  siteId: r.siteId,
  sectorId: r.sectorId,
  ideaId: r.ideaId,
  clusterId: r.clusterId,
  title: r.title,
  primaryKeyword: r.primaryKeyword,
  secondaryKeywords: r.secondaryKeywords,
  targetWordCount: r.targetWordCount,
  contentType: r.contentType,
  status: r.status,
  error: r.error,
  brandVoiceId: r.brandVoiceId,
  contentId: r.contentId,
  createdAt: r.createdAt.toISOString(),
});

const writerTaskSelect = (db: Db, t: TenantContext, siteId: string) =>
  db
    .select({
      id: writerTasks.id,
      accountId: writerTasks.accountId,
      siteId: writerTasks.siteId,
      sectorId: writerTasks.sectorId,
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
      brandVoiceId: writerTasks.brandVoiceId,
      createdAt: writerTasks.createdAt,
      contentId: contents.id,
    })
    .from(writerTasks)
    // The join names the site, so articles are looked up by the site's index.
    .leftJoin(contents, and(eq(contents.writerTaskId, writerTasks.id), inSite(contents, t, siteId)));

type WriterTaskSort = (typeof writerTaskSortFields)[number];
const writerTaskSortColumns: Record<WriterTaskSort, AnyPgColumn | SQL> = {
  title: sql`lower(${writerTasks.title})`,
  primaryKeyword: sql`lower(${writerTasks.primaryKeyword})`,
  contentType: writerTasks.contentType,
  targetWordCount: writerTasks.targetWordCount,
  status: writerTasks.status,
  createdAt: writerTasks.createdAt,
};

export async function listWriterTasks(
  db: Db,
  t: TenantContext,
  siteId: string,
  q: {
    status?: WriterTask['status'];
    sectorId?: string;
    sort?: WriterTaskSort;
    order?: 'asc' | 'desc';
    limit: number;
    offset: number;
  },
) {
  const where = and(
    inSite(writerTasks, t, siteId),
    q.status ? eq(writerTasks.status, q.status) : undefined,
    q.sectorId ? eq(writerTasks.sectorId, q.sectorId) : undefined,
  );
  const [rows, [total]] = await Promise.all([
    writerTaskSelect(db, t, siteId)
      .where(where)
      .orderBy(...sortedBy(writerTaskSortColumns[q.sort ?? 'createdAt'], q.order ?? 'desc', writerTasks.id))
      .limit(q.limit)
      .offset(q.offset),
    db.select({ n: count() }).from(writerTasks).where(where),
  ]);
  return { items: (rows as WriterTaskRow[]).map(toWriterTask), total: total?.n ?? 0 };
}

/**
 * Ideas become writer tasks; an idea that already has one keeps it (the unique
 * index on idea_id makes a double click or a retry harmless).
 */
export async function queueIdeas(db: Db, t: TenantContext, siteId: string, ideaIds: string[]) {
  const found = await db
    .select()
    .from(ideas)
    .where(and(inSite(ideas, t, siteId), inArray(ideas.id, ideaIds)));
  if (found.length !== new Set(ideaIds).size) throw notFound('Idea');
  const inserted = await db
    .insert(writerTasks)
    .values(
      found.map((i) => ({
        accountId: t.accountId,
        siteId,
        // A writer task is in its idea's sector.
        sectorId: i.sectorId,
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
  await db
    .update(ideas)
    .set({ status: 'queued' })
    .where(and(inSite(ideas, t, siteId), inArray(ideas.id, ideaIds), eq(ideas.status, 'new')));
  const all = await writerTaskSelect(db, t, siteId).where(
    and(inSite(writerTasks, t, siteId), inArray(writerTasks.ideaId, ideaIds)),
  );
  return {
    created: inserted.length,
    existing: found.length - inserted.length,
    items: (all as WriterTaskRow[]).map(toWriterTask),
  };
}

const byKind = { writerTask: writerTasks, content: contents, imagePrompt: imagePrompts } as const;
const kindName = { writerTask: 'Writer task', content: 'Content', imagePrompt: 'Image prompt' } as const;

/** The unique ids, when every one is a row of that kind on the site; otherwise 404 naming those that are not. */
export async function requireIds(
  db: Db,
  t: TenantContext,
  siteId: string,
  kind: keyof typeof byKind,
  ids: string[],
): Promise<string[]> {
  const table = byKind[kind];
  const unique = [...new Set(ids)];
  const rows = await db
    .select({ id: table.id })
    .from(table as typeof writerTasks)
    .where(and(inSite(table, t, siteId), inArray(table.id, unique.filter(isUuid))));
  if (rows.length !== unique.length) {
    const known = new Set(rows.map((r) => r.id));
    throw new AppError(404, 'not_found', `${kindName[kind]} not found`, { ids: unique.filter((id) => !known.has(id)) });
  }
  return unique;
}

const imageCount = sql<number>`(select count(*)::int from ${images} im where im.content_id = "contents"."id" and im.account_id = "contents"."account_id" and im.status = 'generated')`;

type ContentSort = (typeof contentSortFields)[number];
const contentSortColumns: Record<ContentSort, AnyPgColumn | SQL> = {
  title: sql`lower(${contents.title})`,
  status: contents.status,
  wordCount: contents.wordCount,
  score: contents.score,
  updatedAt: contents.updatedAt,
  createdAt: contents.createdAt,
};

export async function listContents(
  db: Db,
  t: TenantContext,
  siteId: string,
  q: {
    q?: string;
    status?: ContentSummary['status'];
    sectorId?: string;
    lengthStatus?: 'ok' | 'short' | 'long';
    minScore?: number;
    maxScore?: number;
    sort?: ContentSort | 'updated' | '-score';
    order?: 'asc' | 'desc';
    limit: number;
    offset: number;
  },
) {
  const where = and(
    inSite(contents, t, siteId),
    q.q ? contains(contents.title, q.q) : undefined,
    q.status ? eq(contents.status, q.status) : undefined,
    q.sectorId ? eq(contents.sectorId, q.sectorId) : undefined,
    q.lengthStatus ? eq(contents.lengthStatus, q.lengthStatus) : undefined,
    q.minScore !== undefined ? gte(contents.score, q.minScore) : undefined,
    q.maxScore !== undefined ? lte(contents.score, q.maxScore) : undefined,
  );
  // The older spellings: `updated` (newest first) and `-score` (highest first). Unscored articles sort last either way.
  const legacy = q.sort === 'updated' || q.sort === '-score';
  const sort: ContentSort =
    q.sort === 'updated' ? 'updatedAt' : q.sort === '-score' ? 'score' : (q.sort ?? 'updatedAt');
  const order = legacy ? 'desc' : (q.order ?? 'desc');
  const orderBy = sortedBy(contentSortColumns[sort], order, contents.id);
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: contents.id,
        siteId: contents.siteId,
        sectorId: contents.sectorId,
        writerTaskId: contents.writerTaskId,
        title: contents.title,
        slug: contents.slug,
        primaryKeyword: contents.primaryKeyword,
        status: contents.status,
        wordCount: contents.wordCount,
        source: contents.source,
        imageCount,
        targetWordCount: contents.targetWordCount,
        lengthStatus: contents.lengthStatus,
        lengthNote: contents.lengthNote,
        score: contents.score,
        createdAt: contents.createdAt,
        updatedAt: contents.updatedAt,
      })
      .from(contents)
      .where(where)
      .orderBy(...orderBy)
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
  const [r] = await db
    .select({ c: contents, imageCount, brandVoiceName: brandVoices.name })
    .from(contents)
    .leftJoin(
      brandVoices,
      and(eq(brandVoices.id, contents.brandVoiceId), eq(brandVoices.accountId, contents.accountId)),
    )
    .where(and(inSite(contents, t, siteId), eq(contents.id, id)));
  if (!r) throw notFound('Content');
  return { ...r.c, imageCount: r.imageCount, brandVoiceName: r.brandVoiceName };
}

/** Several articles of a site in one query, in the order asked; 404 when any is not there. */
export async function requireContents(db: Db, t: TenantContext, siteId: string, ids: string[]) {
  if (!ids.every(isUuid)) throw notFound('Content');
  const rows = await db
    .select({ c: contents, imageCount, brandVoiceName: brandVoices.name })
    .from(contents)
    .leftJoin(
      brandVoices,
      and(eq(brandVoices.id, contents.brandVoiceId), eq(brandVoices.accountId, contents.accountId)),
    )
    .where(and(inSite(contents, t, siteId), inArray(contents.id, ids)));
  const byId = new Map(
    rows.map((r) => [r.c.id, { ...r.c, imageCount: r.imageCount, brandVoiceName: r.brandVoiceName }]),
  );
  return ids.map((id) => {
    const c = byId.get(id);
    if (!c) throw notFound('Content');
    return c;
  });
}

const noScoreContext: ScoreContext = {
  secondaryKeywords: [],
  language: 'en',
  siteUrl: null,
  imageAlts: [],
  cannibalisedBy: [],
};

/** The article as the API answers it; `scoreContext` (what the editor needs to rescore live) when the caller loaded it. */
export function toContent(c: Awaited<ReturnType<typeof requireContent>>, scoreContext: ScoreContext = noScoreContext) {
  return {
    id: c.id,
    siteId: c.siteId,
    sectorId: c.sectorId,
    writerTaskId: c.writerTaskId,
    title: c.title,
    slug: c.slug,
    primaryKeyword: c.primaryKeyword,
    status: c.status,
    wordCount: c.wordCount,
    source: c.source,
    imageCount: c.imageCount,
    targetWordCount: c.targetWordCount,
    lengthStatus: c.lengthStatus,
    lengthNote: c.lengthNote,
    score: c.score,
    scoreBreakdown: c.scoreBreakdown,
    scoreContext,
    bodyHtml: c.bodyHtml,
    metaTitle: c.metaTitle,
    metaDescription: c.metaDescription,
    excerpt: c.excerpt,
    seoChecks: seoChecks(c),
    brandVoice: c.brandVoiceId && c.brandVoiceName ? { id: c.brandVoiceId, name: c.brandVoiceName } : null,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

// Writing articles: the content task's reads and writes.

/** Writer tasks queued for writing: their status shows in the writer list until the task takes them. */
export async function markWriterTasksQueued(db: Db, t: TenantContext, siteId: string, ids: string[]): Promise<void> {
  await db
    .update(writerTasks)
    .set({ status: 'queued', error: null })
    .where(and(inSite(writerTasks, t, siteId), inArray(writerTasks.id, ids)));
}

export async function writerTasksByIds(db: Db, t: TenantContext, siteId: string, ids: string[]) {
  return db
    .select()
    .from(writerTasks)
    .where(and(inSite(writerTasks, t, siteId), inArray(writerTasks.id, ids)));
}

/** The target length of each of the site's writer tasks among `ids` (what writing them costs). */
export async function targetWordCounts(db: Db, t: TenantContext, siteId: string, ids: string[]): Promise<number[]> {
  const rows = await db
    .select({ n: writerTasks.targetWordCount })
    .from(writerTasks)
    .where(and(inSite(writerTasks, t, siteId), inArray(writerTasks.id, ids)));
  return rows.map((r) => r.n);
}

export async function setWriterTaskStatus(
  db: Db,
  t: TenantContext,
  id: string,
  status: WriterTask['status'],
  error: string | null = null,
) {
  await db
    .update(writerTasks)
    .set({ status, error })
    .where(and(eq(writerTasks.accountId, t.accountId), eq(writerTasks.id, id)));
}

export async function contentIdOfWriterTask(
  db: Db,
  t: TenantContext,
  writerTaskId: string,
): Promise<string | undefined> {
  const [r] = await db
    .select({ id: contents.id })
    .from(contents)
    .where(and(eq(contents.accountId, t.accountId), eq(contents.writerTaskId, writerTaskId)));
  return r?.id;
}

/** The articles written for these writer tasks (those not written yet have none). */
export async function contentIdsOfWriterTasks(db: Db, t: TenantContext, writerTaskIds: string[]): Promise<string[]> {
  if (writerTaskIds.length === 0) return [];
  const rows = await db
    .select({ id: contents.id })
    .from(contents)
    .where(and(eq(contents.accountId, t.accountId), inArray(contents.writerTaskId, writerTaskIds)));
  return rows.map((r) => r.id);
}

/** The cluster's other articles (a cluster hub links to them), titles and slugs, oldest first. */
export async function clusterArticles(
  db: Db,
  t: TenantContext,
  siteId: string,
  clusterId: string,
  exceptWriterTaskId: string,
) {
  return db
    .select({ title: contents.title, slug: contents.slug })
    .from(contents)
    .innerJoin(writerTasks, eq(writerTasks.id, contents.writerTaskId))
    .where(
      and(
        inSite(contents, t, siteId),
        eq(writerTasks.clusterId, clusterId),
        ne(writerTasks.id, exceptWriterTaskId),
        isNotNull(contents.slug),
      ),
    )
    .orderBy(asc(contents.createdAt))
    .limit(50);
}

/**
 * A slug no other article of the site has. Called inside the transaction that saves the article:
 * the lock (held until it commits) keeps two articles saved at once from taking the same slug.
 */
export async function uniqueSlug(
  db: Db,
  t: TenantContext,
  siteId: string,
  title: string,
  exceptId?: string,
): Promise<string> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext('igny8.slugs'), hashtext(${siteId}::text))`);
  const base = slugify(title, { lower: true, strict: true }).slice(0, 80) || 'article';
  const rows = await db
    .select({ slug: contents.slug, id: contents.id })
    .from(contents)
    .where(and(inSite(contents, t, siteId), like(contents.slug, `${base}%`)));
  const taken = new Set(rows.filter((r) => r.id !== exceptId).map((r) => r.slug));
  for (let n = 1; ; n++) if (!taken.has(n === 1 ? base : `${base}-${n}`)) return n === 1 ? base : `${base}-${n}`;
}

export type ArticleValues = Omit<
  typeof contents.$inferInsert,
  'id' | 'accountId' | 'siteId' | 'sectorId' | 'writerTaskId' | 'createdAt' | 'status'
>;

/**
 * Saves a writer task's article and marks the task (and its idea) done. Regenerating
 * replaces the writer task's article instead of adding a second one.
 */
export async function saveArticle(
  db: Db,
  t: TenantContext,
  siteId: string,
  w: { id: string; ideaId: string | null; sectorId: string },
  values: ArticleValues,
) {
  await db
    .insert(contents)
    // An article is in its writer task's sector.
    .values({ ...values, accountId: t.accountId, siteId, sectorId: w.sectorId, writerTaskId: w.id })
    .onConflictDoUpdate({ target: contents.writerTaskId, set: values });
  await db
    .update(writerTasks)
    .set({ status: 'done', error: null })
    .where(and(inSite(writerTasks, t, siteId), eq(writerTasks.id, w.id)));
  if (w.ideaId)
    await db
      .update(ideas)
      .set({ status: 'done' })
      .where(and(inSite(ideas, t, siteId), eq(ideas.id, w.ideaId)));
}

export async function updateContent(
  db: Db,
  t: TenantContext,
  siteId: string,
  id: string,
  set: Partial<ArticleValues> & { status?: ContentSummary['status'] },
) {
  await db
    .update(contents)
    .set({ ...set, updatedAt: new Date() })
    .where(and(inSite(contents, t, siteId), eq(contents.id, id)));
}

/** The site's articles among `ids`, whole (an article deleted since is simply absent). */
export async function contentsByIds(db: Db, t: TenantContext, siteId: string, ids: string[]) {
  return db
    .select()
    .from(contents)
    .where(and(inSite(contents, t, siteId), inArray(contents.id, ids)));
}
