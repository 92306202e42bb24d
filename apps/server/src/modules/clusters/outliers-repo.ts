import type { ClusterOutlier } from '@igny8/contracts';
import { and, desc, eq, isNull, ne, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { TenantContext } from '../../access/context';
import type { Db } from '../../db/client';
import { clusterOutliers, clusters, keywords } from '../../db/schema/index';
import { inSite, isUuid } from '../../db/query';
import { notFound } from '../../http/errors';
import type { Outlier } from '../../ai/functions/cluster-description';

/** The site's clusters (not `taskRunId`'s own), largest first: the names an outlier's better home is picked from. */
export async function clusterNames(
  db: Db,
  t: TenantContext,
  siteId: string,
  taskRunId: string,
): Promise<{ id: string; name: string; sectorId: string }[]> {
  return db
    .select({ id: clusters.id, name: clusters.name, sectorId: clusters.sectorId })
    .from(clusters)
    .where(and(inSite(clusters, t, siteId), or(isNull(clusters.taskRunId), ne(clusters.taskRunId, taskRunId))))
    .orderBy(desc(clusters.keywordCount), clusters.id);
}

/** Flags a cluster's outliers (a keyword flagged again replaces its earlier flag). */
export async function saveOutliers(
  db: Db,
  t: TenantContext,
  siteId: string,
  clusterId: string,
  outliers: Outlier[],
  existingIdByName: Map<string, string>,
): Promise<void> {
  if (outliers.length === 0) return;
  const rows = outliers.map((o) => ({
    keywordId: o.keywordId,
    accountId: t.accountId,
    siteId,
    clusterId,
    reason: o.reason,
    proposedName: o.proposedName,
    proposedClusterId: o.proposedName ? (existingIdByName.get(o.proposedName) ?? null) : null,
  }));
  await db
    .insert(clusterOutliers)
    .values(rows)
    .onConflictDoUpdate({
      target: clusterOutliers.keywordId,
      set: {
        clusterId: sql`excluded.cluster_id`,
        reason: sql`excluded.reason`,
        proposedName: sql`excluded.proposed_name`,
        proposedClusterId: sql`excluded.proposed_cluster_id`,
        createdAt: sql`now()`,
      },
    });
}

/**
 * Proposals naming a cluster the same run created (saved in any order): linked once every cluster is saved.
 * `idByName` holds the run's clusters by the working name the model was shown.
 */
export async function linkProposals(
  db: Db,
  t: TenantContext,
  siteId: string,
  idByName: Map<string, string>,
): Promise<void> {
  if (idByName.size === 0) return;
  const names = [...idByName.keys()];
  const ids = names.map((n) => idByName.get(n)!);
  await db.execute(sql`
    update cluster_outliers o set proposed_cluster_id = v.id
    from unnest(${sql.param(names)}::text[], ${sql.param(ids)}::uuid[]) as v(name, id)
    join clusters c on c.id = v.id and c.account_id = ${t.accountId} and c.site_id = ${siteId}
    where o.account_id = ${t.accountId} and o.site_id = ${siteId}
      and o.proposed_cluster_id is null and o.proposed_name = v.name and o.cluster_id <> v.id`);
}

/** A cluster's flagged keywords still in it, largest first, with the better cluster when it still exists in the site. */
export async function listOutliers(
  db: Db,
  t: TenantContext,
  siteId: string,
  clusterId: string,
): Promise<ClusterOutlier[]> {
  const better = alias(clusters, 'better');
  const rows = await db
    .select({
      keywordId: keywords.id,
      phrase: keywords.phrase,
      volume: keywords.volume,
      reason: clusterOutliers.reason,
      proposedName: clusterOutliers.proposedName,
      betterId: better.id,
      betterName: better.name,
    })
    .from(clusterOutliers)
    .innerJoin(
      keywords,
      and(eq(keywords.id, clusterOutliers.keywordId), eq(keywords.clusterId, clusterOutliers.clusterId)),
    )
    .leftJoin(better, and(eq(better.id, clusterOutliers.proposedClusterId), inSite(better, t, siteId)))
    .where(
      and(inSite(clusterOutliers, t, siteId), eq(clusterOutliers.clusterId, clusterId), inSite(keywords, t, siteId)),
    )
    .orderBy(sql`${keywords.volume} desc nulls last`, keywords.id);
  return rows.map((r) => ({
    keywordId: r.keywordId,
    phrase: r.phrase,
    volume: r.volume,
    reason: r.reason,
    proposedName: r.proposedName,
    // Never the flagged cluster itself: saveOutliers proposes other runs' clusters, linkProposals excludes it.
    proposedCluster: r.betterId && r.betterName ? { id: r.betterId, name: r.betterName } : null,
  }));
}

/** "Keep it here": the flag goes, the keyword stays. 404 when the keyword has no flag in this cluster. */
export async function dismissOutlier(
  db: Db,
  t: TenantContext,
  siteId: string,
  clusterId: string,
  keywordId: string,
): Promise<void> {
  if (!isUuid(keywordId)) throw notFound('Flagged keyword');
  const gone = await db
    .delete(clusterOutliers)
    .where(
      and(
        inSite(clusterOutliers, t, siteId),
        eq(clusterOutliers.clusterId, clusterId),
        eq(clusterOutliers.keywordId, keywordId),
      ),
    )
    .returning({ id: clusterOutliers.keywordId });
  if (gone.length === 0) throw notFound('Flagged keyword');
}
