import { contentScore, normalizePhrase, type ContentScore } from '@igny8/contracts';
import { and, eq, ne, sql } from 'drizzle-orm';
import type { TenantContext } from '../../access/context';
import type { Db } from '../../db/client';
import { contents, imagePrompts, images, writerTasks } from '../../db/schema/index';
import { inSite } from '../../db/query';

/** What the score needs besides the article: the cluster's keywords, image alts, the site, look-alikes. */
export interface ScoreContext {
  secondaryKeywords: string[];
  language: string;
  siteUrl: string | null;
  imageAlts: string[];
  cannibalisedBy: { id: string; title: string }[];
}

export async function scoreContextOf(
  db: Db,
  t: TenantContext,
  site: { id: string; url: string; language: string },
  article: { id?: string; writerTaskId: string | null; primaryKeyword: string },
): Promise<ScoreContext> {
  const [task] = article.writerTaskId
    ? await db
        .select({ secondaryKeywords: writerTasks.secondaryKeywords })
        .from(writerTasks)
        .where(and(inSite(writerTasks, t, site.id), eq(writerTasks.id, article.writerTaskId)))
    : [];
  const alts = article.id
    ? await db
        .select({ alt: imagePrompts.alt })
        .from(images)
        .innerJoin(imagePrompts, eq(imagePrompts.id, images.imagePromptId))
        .where(and(inSite(images, t, site.id), eq(images.contentId, article.id), eq(images.status, 'generated')))
    : [];
  // Same primary keyword, compared as keywords are (case and spacing ignored).
  const twins = await db
    .select({ id: contents.id, title: contents.title })
    .from(contents)
    .where(
      and(
        inSite(contents, t, site.id),
        sql`lower(regexp_replace(trim(${contents.primaryKeyword}), '\\s+', ' ', 'g')) = ${normalizePhrase(article.primaryKeyword)}`,
        article.id ? ne(contents.id, article.id) : undefined,
        article.writerTaskId ? sql`${contents.writerTaskId} is distinct from ${article.writerTaskId}` : undefined,
      ),
    )
    .limit(10);
  return {
    secondaryKeywords: task?.secondaryKeywords ?? [],
    language: site.language,
    siteUrl: site.url,
    imageAlts: alts.map((a) => a.alt),
    cannibalisedBy: twins,
  };
}

export function scoreOf(
  a: {
    title: string;
    bodyHtml: string;
    metaTitle: string;
    metaDescription: string;
    primaryKeyword: string;
    targetWordCount: number | null;
  },
  ctx: ScoreContext,
): ContentScore {
  return contentScore({ ...a, ...ctx });
}

/** Scores a saved article again (after something it does not hold changed, e.g. its images). */
export async function rescoreContent(
  db: Db,
  t: TenantContext,
  site: { id: string; url: string; language: string },
  contentId: string,
): Promise<void> {
  const [c] = await db
    .select()
    .from(contents)
    .where(and(inSite(contents, t, site.id), eq(contents.id, contentId)));
  if (!c) return;
  const breakdown = scoreOf(c, await scoreContextOf(db, t, site, c));
  await db
    .update(contents)
    .set({ score: breakdown.score, scoreBreakdown: breakdown })
    .where(and(inSite(contents, t, site.id), eq(contents.id, contentId)));
}
