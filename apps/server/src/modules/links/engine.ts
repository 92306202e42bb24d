import { escapeHtml, normalizePhrase } from '@igny8/contracts';
import { findAll, textContent } from 'domutils';
import { parseDocument } from 'htmlparser2';

/**
 * Internal-link suggestions, pure (no I/O): which of a site's other articles an article should link to, with anchor
 * text taken from its own body, and the link inserted into its HTML.
 */
export interface LinkArticle {
  id: string;
  title: string;
  slug: string;
  primaryKeyword: string;
  secondaryKeywords: string[];
  clusterId: string | null;
  bodyHtml: string;
}

export interface Suggestion {
  targetContentId: string;
  targetTitle: string;
  targetSlug: string;
  href: string;
  anchor: string;
  score: number;
  reasons: string[];
  linked: boolean;
}

/** Where an article lives on its site: `https://site/slug/`. */
export const articleHref = (siteUrl: string, slug: string) => `${siteUrl.replace(/\/+$/, '')}/${slug}/`;

/** The slug a link points at: the last path segment of its href (absolute or relative), or null. */
export function slugOfHref(href: string): string | null {
  const path = href.replace(/^[a-z]+:\/\/[^/]+/i, '').split(/[?#]/)[0] ?? '';
  const last = path.split('/').filter(Boolean).pop();
  return last ? decodeURIComponent(last).toLowerCase() : null;
}

/** The slugs an article's body links to, each with its first link's text. */
export function linkedSlugs(html: string): Map<string, string> {
  const doc = parseDocument(html);
  const out = new Map<string, string>();
  for (const a of findAll((n) => n.name === 'a', doc.children)) {
    const slug = a.attribs.href ? slugOfHref(a.attribs.href) : null;
    if (slug && !out.has(slug)) out.set(slug, textContent(a).replace(/\s+/g, ' ').trim());
  }
  return out;
}

type Doc = ReturnType<typeof parseDocument>;
type Node = Doc['children'][number];
interface Text {
  data: string;
  startIndex: number | null;
  endIndex: number | null;
}

const NOT_IN = new Set(['a', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'code', 'pre', 'figcaption']);

/** Body text nodes a link may go in: not inside a link, a heading or code. */
function linkableTexts(doc: Doc): Text[] {
  const out: Text[] = [];
  const walk = (nodes: Node[]) => {
    for (const n of nodes) {
      if (n.type === 'text') out.push(n as unknown as Text);
      else if ('children' in n && !('name' in n && NOT_IN.has(n.name))) walk(n.children as Node[]);
    }
  };
  walk(doc.children);
  return out;
}

const phraseRegex = (phrase: string) => {
  const words = phrase
    .trim()
    .split(/\s+/)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`(?<![\\p{L}\\p{N}])${words.join('\\s+')}(?![\\p{L}\\p{N}])`, 'iu');
};

/** The first of `phrases` found in linkable body text, as written there. */
export function findAnchor(html: string, phrases: string[]): string | null {
  const texts = linkableTexts(parseDocument(html));
  for (const phrase of phrases) {
    if (phrase.trim().length < 3) continue;
    const re = phraseRegex(phrase);
    for (const t of texts) {
      const m = re.exec(t.data);
      if (m) return m[0].replace(/\s+/g, ' ');
    }
  }
  return null;
}

/**
 * Inserts `<a href>anchor</a>` at the anchor's first linkable occurrence. Returns null when the anchor is not found
 * (the body changed since the suggestion).
 */
export function insertLink(html: string, anchor: string, href: string): string | null {
  const doc = parseDocument(html, { withStartIndices: true, withEndIndices: true });
  // The raw HTML of a text node may carry entities (&amp;): match the escaped phrase there.
  const re = phraseRegex(escapeHtml(anchor));
  for (const t of linkableTexts(doc)) {
    if (t.startIndex == null || t.endIndex == null) continue;
    const raw = html.slice(t.startIndex, t.endIndex + 1);
    const m = re.exec(raw);
    if (!m) continue;
    const at = t.startIndex + m.index;
    return `${html.slice(0, at)}<a href="${escapeHtml(href)}">${m[0]}</a>${html.slice(at + m[0].length)}`;
  }
  return null;
}

const norm = (s: string) => normalizePhrase(s);

/**
 * Other articles of the site worth linking to from `source`, best first: each needs anchor text in the source's body
 * (its primary keyword, else a secondary keyword, else its title); the score adds keyword and cluster overlap.
 * Never the source itself; `rejected` targets are left out.
 */
export function suggestLinks(
  source: LinkArticle,
  others: LinkArticle[],
  siteUrl: string,
  rejected: Set<string> = new Set(),
): Suggestion[] {
  const linked = linkedSlugs(source.bodyHtml);
  const sourceKeywords = new Set([source.primaryKeyword, ...source.secondaryKeywords].map(norm));
  const out: Suggestion[] = [];
  for (const target of others) {
    if (target.id === source.id || rejected.has(target.id)) continue;
    const secondary = [...target.secondaryKeywords].sort((a, b) => b.length - a.length);
    // Already linked: shown as such, with the link's own text.
    const existing = linked.get(target.slug.toLowerCase());
    const anchorPrimary = existing === undefined ? findAnchor(source.bodyHtml, [target.primaryKeyword]) : null;
    const anchor = existing ?? anchorPrimary ?? findAnchor(source.bodyHtml, [...secondary, target.title]);
    if (!anchor) continue;
    const reasons: string[] = [];
    let score = 0;
    if (existing !== undefined) {
      score += 5;
      reasons.push('already linked');
    } else if (anchorPrimary) {
      score += 5;
      reasons.push(`mentions “${target.primaryKeyword}”`);
    } else {
      score += 2;
      reasons.push(`mentions “${anchor}”`);
    }
    if (source.clusterId && source.clusterId === target.clusterId) {
      score += 3;
      reasons.push('same cluster');
    }
    const shared = [target.primaryKeyword, ...target.secondaryKeywords].filter((k) => sourceKeywords.has(norm(k)));
    if (shared.length) {
      score += shared.length;
      reasons.push(`shares ${shared.length} keyword${shared.length > 1 ? 's' : ''}`);
    }
    out.push({
      targetContentId: target.id,
      targetTitle: target.title,
      targetSlug: target.slug,
      href: articleHref(siteUrl, target.slug),
      anchor,
      score,
      reasons,
      linked: existing !== undefined,
    });
  }
  return out.sort((a, b) => b.score - a.score || a.targetTitle.localeCompare(b.targetTitle));
}

/** Articles no other article of the site links to, with how many links they make themselves. */
export function orphans(articles: LinkArticle[]): { article: LinkArticle; outbound: number }[] {
  const bySlug = new Map(articles.map((a) => [a.slug.toLowerCase(), a]));
  const inbound = new Set<string>();
  const outbound = new Map<string, number>();
  for (const a of articles) {
    let n = 0;
    for (const slug of linkedSlugs(a.bodyHtml).keys()) {
      const target = bySlug.get(slug);
      if (!target || target.id === a.id) continue;
      inbound.add(target.id);
      n++;
    }
    outbound.set(a.id, n);
  }
  return articles
    .filter((a) => !inbound.has(a.id))
    .map((article) => ({ article, outbound: outbound.get(article.id) ?? 0 }));
}
