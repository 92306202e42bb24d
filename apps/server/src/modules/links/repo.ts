import { and, eq } from 'drizzle-orm';
import type { TenantContext } from '../../access/context';
import type { Db } from '../../db/client';
import { inSite } from '../../db/query';
import { contents, internalLinkDecisions, writerTasks } from '../../db/schema/index';
import type { LinkArticle } from './engine';

/** Every article of the site with the keywords and cluster of its writer task. */
export async function siteArticles(db: Db, t: TenantContext, siteId: string): Promise<LinkArticle[]> {
  const rows = await db
    .select({
      id: contents.id,
      title: contents.title,
      slug: contents.slug,
      primaryKeyword: contents.primaryKeyword,
      bodyHtml: contents.bodyHtml,
      secondaryKeywords: writerTasks.secondaryKeywords,
      clusterId: writerTasks.clusterId,
    })
    .from(contents)
    .leftJoin(
      writerTasks,
      and(eq(writerTasks.id, contents.writerTaskId), eq(writerTasks.accountId, contents.accountId)),
    )
    .where(inSite(contents, t, siteId))
    .orderBy(contents.createdAt, contents.id);
  return rows.map((r) => ({ ...r, secondaryKeywords: r.secondaryKeywords ?? [], clusterId: r.clusterId ?? null }));
}

export async function rejectedTargets(
  db: Db,
  t: TenantContext,
  siteId: string,
  sourceContentId: string,
): Promise<Set<string>> {
  const rows = await db
    .select({ id: internalLinkDecisions.targetContentId })
    .from(internalLinkDecisions)
    .where(
      and(
        inSite(internalLinkDecisions, t, siteId),
        eq(internalLinkDecisions.sourceContentId, sourceContentId),
        eq(internalLinkDecisions.status, 'rejected'),
      ),
    );
  return new Set(rows.map((r) => r.id));
}

export async function recordDecision(
  db: Db,
  t: TenantContext,
  siteId: string,
  d: { sourceContentId: string; targetContentId: string; status: 'accepted' | 'rejected'; anchor: string },
) {
  await db
    .insert(internalLinkDecisions)
    .values({ ...d, accountId: t.accountId, siteId })
    .onConflictDoUpdate({
      target: [internalLinkDecisions.sourceContentId, internalLinkDecisions.targetContentId],
      set: { status: d.status, anchor: d.anchor, createdAt: new Date() },
    });
}
