import { normalizePhrase, type Idea, type ideaSortFields } from '@igny8/contracts';
import { and, count, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { TenantContext } from '../../access/context';
import type { Db } from '../../db/client';
import { clusters, ideas, keywords } from '../../db/schema/index';
import { notFound } from '../../http/errors';
import { contains, inSite, isUuid, sortedBy } from '../../db/query';

type IdeaRow = typeof ideas.$inferSelect & { clusterName: string | null };

const toIdea = (r: IdeaRow): Idea => ({
  id: r.id,
  siteId: r.siteId,
  sectorId: r.sectorId,
  clusterId: r.clusterId,
  clusterName: r.clusterName,
  title: r.title,
  summary: r.summary,
  contentType: r.contentType,
  outline: r.outline,
  primaryKeyword: r.primaryKeyword,
  secondaryKeywords: r.secondaryKeywords,
  targetWordCount: r.targetWordCount,
  status: r.status,
  source: r.source,
  createdAt: r.createdAt.toISOString(),
});

/** The join names the site, so clusters are looked up by the site's index. */
const select = (db: Db, t: TenantContext, siteId: string) =>
  db
    .select({ ...ideaColumns(), clusterName: clusters.name })
    .from(ideas)
    .leftJoin(clusters, and(eq(clusters.id, ideas.clusterId), inSite(clusters, t, siteId)));

function ideaColumns() {
  const {
    id,
    accountId,
    siteId,
    sectorId,
    clusterId,
    title,
    summary,
    contentType,
    outline,
    primaryKeyword,
    secondaryKeywords,
    targetWordCount,
    status,
    source,
    createdAt,
  } = ideas;
  return {
    id,
    accountId,
    siteId,
    sectorId,
    clusterId,
    title,
    summary,
    contentType,
    outline,
    primaryKeyword,
    secondaryKeywords,
    targetWordCount,
    status,
    source,
    createdAt,
  };
}

type IdeaSort = (typeof ideaSortFields)[number];
const ideaSortColumns: Record<IdeaSort, AnyPgColumn | SQL> = {
  title: sql`lower(${ideas.title})`,
  primaryKeyword: sql`lower(${ideas.primaryKeyword})`,
  contentType: ideas.contentType,
  targetWordCount: ideas.targetWordCount,
  status: ideas.status,
  createdAt: ideas.createdAt,
};

export async function listIdeas(
  db: Db,
  t: TenantContext,
  siteId: string,
  q: {
    q?: string;
    clusterId?: string;
    sectorId?: string;
    status?: Idea['status'];
    sort?: IdeaSort;
    order?: 'asc' | 'desc';
    limit: number;
    offset: number;
  },
) {
  const where = and(
    eq(ideas.accountId, t.accountId),
    eq(ideas.siteId, siteId),
    q.q ? contains(ideas.title, q.q) : undefined,
    q.clusterId ? eq(ideas.clusterId, q.clusterId) : undefined,
    q.sectorId ? eq(ideas.sectorId, q.sectorId) : undefined,
    q.status ? eq(ideas.status, q.status) : undefined,
  );
  const [rows, [total]] = await Promise.all([
    select(db, t, siteId)
      .where(where)
      .orderBy(...sortedBy(ideaSortColumns[q.sort ?? 'createdAt'], q.order ?? 'desc', ideas.id))
      .limit(q.limit)
      .offset(q.offset),
    db.select({ n: count() }).from(ideas).where(where),
  ]);
  return { items: rows.map(toIdea), total: total?.n ?? 0 };
}

export async function requireIdea(db: Db, t: TenantContext, siteId: string, id: string): Promise<Idea> {
  if (!isUuid(id)) throw notFound('Idea');
  const [r] = await select(db, t, siteId).where(and(inSite(ideas, t, siteId), eq(ideas.id, id)));
  if (!r) throw notFound('Idea');
  return toIdea(r);
}

export async function updateIdea(db: Db, t: TenantContext, id: string, patch: Partial<typeof ideas.$inferInsert>) {
  await db
    .update(ideas)
    .set(patch)
    .where(and(eq(ideas.accountId, t.accountId), eq(ideas.id, id)));
}

export async function deleteIdeas(db: Db, t: TenantContext, siteId: string, ids: string[]): Promise<number> {
  const rows = await db
    .delete(ideas)
    .where(and(inSite(ideas, t, siteId), inArray(ideas.id, ids)))
    .returning({ id: ideas.id });
  return rows.length;
}

/** What an idea generator needs to know about a cluster. */
export async function clusterBrief(db: Db, t: TenantContext, siteId: string, clusterId: string) {
  const [cluster] = await db
    .select()
    .from(clusters)
    .where(and(inSite(clusters, t, siteId), eq(clusters.id, clusterId)));
  if (!cluster) return undefined;
  const kws = await db
    .select({ phrase: keywords.phrase, volume: keywords.volume, intent: keywords.intent })
    .from(keywords)
    .where(and(inSite(keywords, t, siteId), eq(keywords.clusterId, clusterId)))
    .orderBy(desc(keywords.volume))
    .limit(60);
  const titles = await db
    .select({ title: ideas.title })
    .from(ideas)
    .where(and(inSite(ideas, t, siteId), eq(ideas.clusterId, clusterId)));
  return { cluster, keywords: kws, existingTitles: titles.map((x) => x.title) };
}

/** Names of the site's clusters among `ids` (a cluster deleted since is simply absent). */
export async function clusterNames(
  db: Db,
  t: TenantContext,
  siteId: string,
  ids: string[],
): Promise<Map<string, string>> {
  const rows = await db
    .select({ id: clusters.id, name: clusters.name })
    .from(clusters)
    .where(and(inSite(clusters, t, siteId), inArray(clusters.id, ids)));
  return new Map(rows.map((c) => [c.id, c.name]));
}

export type NewIdea = Omit<typeof ideas.$inferInsert, 'id' | 'accountId' | 'siteId' | 'createdAt'>;

/** Saves generated ideas into the tenant's site. */
export async function insertIdeas(db: Db, t: TenantContext, siteId: string, rows: NewIdea[]): Promise<void> {
  if (rows.length) await db.insert(ideas).values(rows.map((r) => ({ ...r, accountId: t.accountId, siteId })));
}

/** Keeps the model honest: target keywords must come from the cluster. */
export function pinKeywordsToCluster<T extends { primaryKeyword: string; secondaryKeywords: string[] }>(
  idea: T,
  clusterKeywords: string[],
): T {
  const byNorm = new Map(clusterKeywords.map((k) => [normalizePhrase(k), k]));
  const primary = byNorm.get(normalizePhrase(idea.primaryKeyword)) ?? clusterKeywords[0] ?? idea.primaryKeyword;
  const secondary = [
    ...new Set(
      idea.secondaryKeywords
        .map((k) => byNorm.get(normalizePhrase(k)))
        .filter((k): k is string => !!k && k !== primary),
    ),
  ];
  return { ...idea, primaryKeyword: primary, secondaryKeywords: secondary };
}
