import type { Cluster } from '@igny8/contracts';
import { and, count, eq, exists, gt, inArray, isNull, ne, or, sql, type SQL } from 'drizzle-orm';
import type { TenantContext } from '../../access/context';
import type { Db } from '../../db/client';
import { clusters, ideas, keywords } from '../../db/schema/index';
import { AppError, notFound } from '../../http/errors';
import { contains, inSite, isUuid } from '../../db/query';

export type ClusterRow = typeof clusters.$inferSelect;

export async function requireCluster(db: Db, t: TenantContext, siteId: string, id: string): Promise<ClusterRow> {
  if (!isUuid(id)) throw notFound('Cluster');
  const [c] = await db
    .select()
    .from(clusters)
    .where(and(inSite(clusters, t, siteId), eq(clusters.id, id)));
  if (!c) throw notFound('Cluster');
  return c;
}

// The metrics are columns of the cluster that database triggers recompute from the cluster's keywords
// and ideas on every write to them (migration 0016): the list reads them instead of aggregating.
type Row = Pick<
  ClusterRow,
  | 'id'
  | 'siteId'
  | 'sectorId'
  | 'name'
  | 'description'
  | 'descriptionSource'
  | 'keywordCount'
  | 'totalVolume'
  | 'avgDifficulty'
  | 'dominantIntent'
  | 'ideaCount'
  | 'createdAt'
  | 'updatedAt'
>;

function toCluster(r: Row): Cluster {
  return {
    id: r.id,
    siteId: r.siteId,
    sectorId: r.sectorId,
    name: r.name,
    description: r.description,
    descriptionSource: r.descriptionSource,
    keywordCount: r.keywordCount,
    totalVolume: r.totalVolume,
    avgDifficulty: r.avgDifficulty,
    dominantIntent: r.dominantIntent,
    ideaCount: r.ideaCount,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

const sortable = {
  name: sql`lower(${clusters.name})`,
  keywordCount: sql`${clusters.keywordCount}`,
  totalVolume: sql`${clusters.totalVolume}`,
  avgDifficulty: sql`${clusters.avgDifficulty}`,
  createdAt: sql`${clusters.createdAt}`,
};

type ClusterListQuery = {
  q?: string;
  sectorId?: string;
  sort: keyof typeof sortable;
  order: 'asc' | 'desc';
  limit: number;
  offset: number;
};

/** The site's clusters a list query matches, and its order (the id breaking ties). */
function clusterQuery(t: TenantContext, siteId: string, q: ClusterListQuery) {
  const where = and(
    eq(clusters.accountId, t.accountId),
    eq(clusters.siteId, siteId),
    q.q ? contains(clusters.name, q.q) : undefined,
    q.sectorId ? eq(clusters.sectorId, q.sectorId) : undefined,
  );
  const order = q.order === 'asc' ? sql`${sortable[q.sort]} asc nulls last` : sql`${sortable[q.sort]} desc nulls last`;
  return { where, order: [order, clusters.id] };
}

export async function listClusters(db: Db, t: TenantContext, siteId: string, q: ClusterListQuery) {
  const { where, order } = clusterQuery(t, siteId, q);
  const [rows, [total]] = await Promise.all([
    db
      .select(clusterColumns())
      .from(clusters)
      .where(where)
      .orderBy(...order)
      .limit(q.limit)
      .offset(q.offset),
    db.select({ n: count() }).from(clusters).where(where),
  ]);
  return { items: rows.map(toCluster), total: total?.n ?? 0 };
}

/** The same page as names only (id, name, sector): what selects of clusters need, a tenth of the bytes. */
export async function listClusterNames(db: Db, t: TenantContext, siteId: string, q: ClusterListQuery) {
  const { where, order } = clusterQuery(t, siteId, q);
  const [items, [total]] = await Promise.all([
    db
      .select({ id: clusters.id, name: clusters.name, sectorId: clusters.sectorId })
      .from(clusters)
      .where(where)
      .orderBy(...order)
      .limit(q.limit)
      .offset(q.offset),
    db.select({ n: count() }).from(clusters).where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}

function clusterColumns() {
  const {
    id,
    siteId,
    sectorId,
    name,
    description,
    descriptionSource,
    keywordCount,
    totalVolume,
    avgDifficulty,
    dominantIntent,
    ideaCount,
    createdAt,
    updatedAt,
  } = clusters;
  return {
    id,
    siteId,
    sectorId,
    name,
    description,
    descriptionSource,
    keywordCount,
    totalVolume,
    avgDifficulty,
    dominantIntent,
    ideaCount,
    createdAt,
    updatedAt,
  };
}

/** Names of these clusters of the site, in the order asked; 404 listing the ids that are not there. */
export async function requireClusterNames(db: Db, t: TenantContext, siteId: string, ids: string[]): Promise<string[]> {
  const rows = await db
    .select({ id: clusters.id, name: clusters.name })
    .from(clusters)
    .where(and(inSite(clusters, t, siteId), inArray(clusters.id, ids.filter(isUuid))));
  const names = new Map(rows.map((r) => [r.id, r.name]));
  const missing = ids.filter((id) => !names.has(id));
  if (missing.length > 0)
    throw new AppError(404, 'not_found', 'Some clusters were not found on this site', { clusterIds: missing });
  return ids.map((id) => names.get(id)!);
}

export async function getCluster(db: Db, t: TenantContext, siteId: string, id: string): Promise<Cluster> {
  if (!isUuid(id)) throw notFound('Cluster');
  const [r] = await db
    .select(clusterColumns())
    .from(clusters)
    .where(and(inSite(clusters, t, siteId), eq(clusters.id, id)));
  if (!r) throw notFound('Cluster');
  return toCluster(r);
}

export async function updateCluster(
  db: Db,
  t: TenantContext,
  id: string,
  patch: { name?: string; description?: string },
) {
  await db
    .update(clusters)
    .set({
      ...patch,
      ...(patch.description !== undefined ? { descriptionSource: 'user' as const } : {}),
      updatedAt: new Date(),
    })
    .where(and(eq(clusters.accountId, t.accountId), eq(clusters.id, id)));
}

/** Moves the source's keywords and ideas into the target, then deletes the source. */
export async function mergeClusters(db: Db, t: TenantContext, targetId: string, sourceId: string) {
  await db
    .update(keywords)
    .set({ clusterId: targetId })
    .where(and(eq(keywords.accountId, t.accountId), eq(keywords.clusterId, sourceId)));
  await db
    .update(ideas)
    .set({ clusterId: targetId })
    .where(and(eq(ideas.accountId, t.accountId), eq(ideas.clusterId, sourceId)));
  await db.delete(clusters).where(and(eq(clusters.accountId, t.accountId), eq(clusters.id, sourceId)));
  await db
    .update(clusters)
    .set({ updatedAt: new Date() })
    .where(and(eq(clusters.accountId, t.accountId), eq(clusters.id, targetId)));
}

/** Deleting a cluster returns its keywords to "unclustered" (FK on delete set null). */
export async function deleteCluster(db: Db, t: TenantContext, id: string) {
  await db.delete(clusters).where(and(eq(clusters.accountId, t.accountId), eq(clusters.id, id)));
}

// Auto-cluster's reads and writes (the task handler holds no queries of its own).

/**
 * What an auto-cluster run of selected keywords works on, for the overlap rule: each keyword within its
 * sector (`sector:<sectorId>:<keywordId>`), so a run on the whole sector (`sector:<sectorId>:*`) holds it
 * too. An id whose sector is unknown (a keyword deleted meanwhile) stays a plain id.
 */
export function selectionTargets(ids: string[], sectors: Map<string, string>): string[] {
  return [...new Set(ids)].map((id) => (sectors.has(id) ? `sector:${sectors.get(id)}:${id}` : id));
}

/**
 * Keywords read (or written) per statement by auto-cluster: on the embedded database a statement holds
 * the event loop while it runs (5,000 keywords read in ~75 ms at 100k; 2,000 in ~30 ms).
 */
export const KEYWORD_PAGE = 2000;

/**
 * The keywords one auto-cluster run works on: the given ones, or every unclustered
 * keyword of the site (of one sector when named) plus those this run already put into its own clusters (a retry).
 */
export async function keywordsToCluster(
  db: Db,
  t: TenantContext,
  siteId: string,
  o: { keywordIds?: string[]; sectorId?: string; taskRunId?: string },
) {
  const own = o.taskRunId
    ? db
        .select({ id: clusters.id })
        .from(clusters)
        .where(and(eq(clusters.accountId, t.accountId), eq(clusters.taskRunId, o.taskRunId)))
    : undefined;
  const page = (where: SQL | undefined) =>
    db
      .select({
        id: keywords.id,
        sectorId: keywords.sectorId,
        phrase: keywords.phrase,
        volume: keywords.volume,
        intent: keywords.intent,
        phraseNorm: keywords.phraseNorm,
      })
      .from(keywords)
      .where(and(inSite(keywords, t, siteId), o.sectorId ? eq(keywords.sectorId, o.sectorId) : undefined, where))
      .orderBy(keywords.phraseNorm, keywords.id)
      .limit(KEYWORD_PAGE);
  // In pages, not one 100k-row statement: on the embedded database each statement holds the event loop.
  const rows: Awaited<ReturnType<typeof page>> = [];
  if (o.keywordIds) {
    for (let i = 0; i < o.keywordIds.length; i += KEYWORD_PAGE)
      rows.push(...(await page(inArray(keywords.id, o.keywordIds.slice(i, i + KEYWORD_PAGE)))));
    rows.sort((a, b) =>
      a.phraseNorm < b.phraseNorm ? -1 : a.phraseNorm > b.phraseNorm ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
    );
  } else {
    // Keyset pages over the site's unique (site_id, phrase_norm) index.
    for (let after: string | null = null; ;) {
      const got = await page(
        and(
          own ? or(isNull(keywords.clusterId), inArray(keywords.clusterId, own)) : isNull(keywords.clusterId),
          after === null ? undefined : gt(keywords.phraseNorm, after),
        ),
      );
      rows.push(...got);
      if (got.length < KEYWORD_PAGE) break;
      after = got.at(-1)!.phraseNorm;
    }
  }
  return rows.map(({ phraseNorm: _, ...k }) => k);
}

/** Keywords of the site (of one sector when named) not in a cluster (what "auto-cluster all unclustered" takes). */
export async function countUnclustered(db: Db, t: TenantContext, siteId: string, sectorId?: string): Promise<number> {
  const [r] = await db
    .select({ n: count() })
    .from(keywords)
    .where(
      and(
        inSite(keywords, t, siteId),
        isNull(keywords.clusterId),
        sectorId ? eq(keywords.sectorId, sectorId) : undefined,
      ),
    );
  return r?.n ?? 0;
}

/** The site's clusters (except those made by this run, if any) with their sector and keyword phrases, to extend them. */
export async function existingClusterPhrases(
  db: Db,
  t: TenantContext,
  siteId: string,
  taskRunId?: string,
): Promise<Map<string, { sectorId: string; phrases: string[] }>> {
  const rows = await db
    .select({ id: clusters.id, sectorId: clusters.sectorId, phrase: keywords.phrase })
    .from(clusters)
    .innerJoin(keywords, and(eq(keywords.clusterId, clusters.id), eq(keywords.accountId, clusters.accountId)))
    .where(
      and(
        inSite(clusters, t, siteId),
        taskRunId ? or(isNull(clusters.taskRunId), ne(clusters.taskRunId, taskRunId)) : undefined,
      ),
    );
  const out = new Map<string, { sectorId: string; phrases: string[] }>();
  for (const r of rows) {
    const c = out.get(r.id) ?? { sectorId: r.sectorId, phrases: [] };
    c.phrases.push(r.phrase);
    out.set(r.id, c);
  }
  return out;
}

/** Puts keywords of the site into a cluster of the site and of their sector; other ids are not touched. */
export async function assignKeywords(
  db: Db,
  t: TenantContext,
  siteId: string,
  clusterId: string,
  keywordIds: string[],
): Promise<void> {
  const target = db
    .select({ id: clusters.id })
    .from(clusters)
    .where(and(inSite(clusters, t, siteId), eq(clusters.id, clusterId), eq(clusters.sectorId, keywords.sectorId)));
  await db
    .update(keywords)
    .set({ clusterId })
    .where(and(inSite(keywords, t, siteId), inArray(keywords.id, keywordIds), exists(target)));
}

export async function createClusterOf(
  db: Db,
  t: TenantContext,
  siteId: string,
  c: {
    sectorId: string;
    name: string;
    description: string;
    descriptionSource: ClusterRow['descriptionSource'];
    terms: string[];
    taskRunId: string;
    keywordIds: string[];
  },
): Promise<string> {
  const { keywordIds, ...values } = c;
  const [row] = await db
    .insert(clusters)
    .values({ ...values, accountId: t.accountId, siteId })
    .returning({ id: clusters.id });
  // Only the cluster's sector's keywords join it: a cluster never mixes sectors.
  await db
    .update(keywords)
    .set({ clusterId: row!.id })
    .where(and(inSite(keywords, t, siteId), eq(keywords.sectorId, c.sectorId), inArray(keywords.id, keywordIds)));
  return row!.id;
}
