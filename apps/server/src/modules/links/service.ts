import { AppError, notFound } from '../../http/errors';
import type { TenantContext } from '../../access/context';
import type { Db } from '../../db/client';
import { updateContent } from '../writer/repo';
import { insertLink, orphans, suggestLinks, type LinkArticle, type Suggestion } from './engine';
import * as repo from './repo';

interface SiteRef {
  id: string;
  url: string;
}

async function load(db: Db, t: TenantContext, site: SiteRef, contentId: string) {
  const articles = await repo.siteArticles(db, t, site.id);
  const source = articles.find((a) => a.id === contentId);
  if (!source) throw notFound('Content');
  return { articles, source };
}

/** Suggestions for one article (rejected ones left out), best first. */
export async function suggestionsFor(
  db: Db,
  t: TenantContext,
  site: SiteRef,
  contentId: string,
): Promise<Suggestion[]> {
  const { articles, source } = await load(db, t, site, contentId);
  return suggestLinks(source, articles, site.url, await repo.rejectedTargets(db, t, site.id, contentId));
}

async function saveBody(db: Db, t: TenantContext, siteId: string, source: LinkArticle, bodyHtml: string) {
  await updateContent(db, t, siteId, source.id, { bodyHtml });
}

/** Accepts one suggestion: the link goes into the body at its anchor (the given one, or the suggested). */
export async function acceptLink(
  db: Db,
  t: TenantContext,
  site: SiteRef,
  contentId: string,
  targetContentId: string,
  anchor?: string,
) {
  const { articles, source } = await load(db, t, site, contentId);
  if (targetContentId === contentId)
    throw new AppError(400, 'validation_failed', 'An article cannot link to itself', [
      { path: 'body.targetContentId', message: 'the article itself' },
    ]);
  const suggestion = suggestLinks(source, articles, site.url).find((s) => s.targetContentId === targetContentId);
  if (!articles.some((a) => a.id === targetContentId)) throw notFound('Target article');
  const text = anchor ?? suggestion?.anchor;
  const href =
    suggestion?.href ?? `${site.url.replace(/\/+$/, '')}/${articles.find((a) => a.id === targetContentId)!.slug}/`;
  const bodyHtml = text ? insertLink(source.bodyHtml, text, href) : null;
  if (!text || !bodyHtml)
    throw new AppError(
      409,
      'conflict',
      `The anchor text “${text ?? ''}” is not in the article's body (outside links and headings)`,
    );
  await db.transaction(async (tx) => {
    await saveBody(tx, t, site.id, source, bodyHtml);
    await repo.recordDecision(tx, t, site.id, {
      sourceContentId: contentId,
      targetContentId,
      status: 'accepted',
      anchor: text,
    });
  });
  return { inserted: [{ targetContentId, anchor: text }], bodyHtml };
}

export async function rejectLink(db: Db, t: TenantContext, site: SiteRef, contentId: string, targetContentId: string) {
  const { articles } = await load(db, t, site, contentId);
  const target = articles.find((a) => a.id === targetContentId);
  if (!target || target.id === contentId) throw notFound('Target article');
  await repo.recordDecision(db, t, site.id, {
    sourceContentId: contentId,
    targetContentId,
    status: 'rejected',
    anchor: '',
  });
}

/**
 * Inserts the best `count` suggestions not linked yet (each target once, each anchor once). The automation calls
 * this after writing; an article with nothing to link to is left as it is.
 */
export async function insertBestLinks(db: Db, t: TenantContext, site: SiteRef, contentId: string, count: number) {
  const { articles, source } = await load(db, t, site, contentId);
  const suggestions = suggestLinks(
    source,
    articles,
    site.url,
    await repo.rejectedTargets(db, t, site.id, contentId),
  ).filter((s) => !s.linked);
  let body = source.bodyHtml;
  const inserted: { targetContentId: string; anchor: string }[] = [];
  const anchors = new Set<string>();
  for (const s of suggestions) {
    if (inserted.length >= count) break;
    if (anchors.has(s.anchor.toLowerCase())) continue;
    const next = insertLink(body, s.anchor, s.href);
    if (!next) continue;
    body = next;
    anchors.add(s.anchor.toLowerCase());
    inserted.push({ targetContentId: s.targetContentId, anchor: s.anchor });
  }
  if (inserted.length) {
    await db.transaction(async (tx) => {
      await saveBody(tx, t, site.id, source, body);
      for (const i of inserted)
        await repo.recordDecision(tx, t, site.id, {
          sourceContentId: contentId,
          targetContentId: i.targetContentId,
          status: 'accepted',
          anchor: i.anchor,
        });
    });
  }
  return { inserted, bodyHtml: body };
}

/** The site's articles with no inbound link from another of its articles. */
export async function orphanReport(db: Db, t: TenantContext, siteId: string) {
  const articles = await repo.siteArticles(db, t, siteId);
  const items = orphans(articles).map(({ article, outbound }) => ({
    contentId: article.id,
    title: article.title,
    slug: article.slug,
    primaryKeyword: article.primaryKeyword,
    outboundLinks: outbound,
  }));
  return { items, total: items.length, articles: articles.length };
}
