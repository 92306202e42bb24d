/**
 * The content score: one pure function shared by the server (stored per article, lists sort by it)
 * and the web editor (recomputed live on every keystroke). No I/O: what depends on other rows
 * (the cluster's keywords, the article's generated images, other articles with the same keyword)
 * comes in as input.
 */
import { findAll, getAttributeValue, hasChildren, isTag, isText } from 'domutils';
import type { AnyNode } from 'domhandler';
import { flesch } from 'flesch';
import { parseDocument } from 'htmlparser2';
import { syllable } from 'syllable';
import { z } from 'zod';
import { normalizePhrase } from './keywords';

export const scoreStatuses = ['good', 'fair', 'poor'] as const;
export const scoreItemSchema = z.object({
  key: z.string(),
  label: z.string(),
  points: z.number(),
  max: z.number(),
  status: z.enum(scoreStatuses),
  message: z.string(),
});
export type ScoreItem = z.infer<typeof scoreItemSchema>;
export const keywordUseSchema = z.object({
  keyword: z.string(),
  primary: z.boolean(),
  inHeadings: z.number().int(),
  inFirstParagraph: z.boolean(),
  inBody: z.number().int(),
});
export type KeywordUse = z.infer<typeof keywordUseSchema>;
export const contentScoreSchema = z.object({
  score: z.number().int().min(0).max(100),
  items: z.array(scoreItemSchema),
  keywords: z.array(keywordUseSchema),
  readability: z.object({ measure: z.enum(['flesch', 'lix']), value: z.number() }).nullable(),
  /** other articles of the site with the same primary keyword: a warning, not part of the score (it depends on them) */
  cannibalisation: z.array(z.object({ id: z.string(), title: z.string() })),
});
export type ContentScore = z.infer<typeof contentScoreSchema>;

export interface ScoreInput {
  title: string;
  bodyHtml: string;
  metaTitle: string;
  metaDescription: string;
  primaryKeyword: string;
  /** the cluster's other keywords the article should cover */
  secondaryKeywords: string[];
  targetWordCount: number | null;
  /** site language code, e.g. "en": English gets Flesch reading ease, others a language-neutral measure (LIX) */
  language: string;
  /** the site's URL: links to its host (or relative links) are internal */
  siteUrl: string | null;
  /** alt texts of the article's generated images (placed at render time, not in the body) */
  imageAlts: string[];
  cannibalisedBy: { id: string; title: string }[];
}

const BLOCK = /^(p|h[1-6]|li|ul|ol|table|tr|td|th|thead|tbody|blockquote|pre|figure|figcaption|br|hr|div|section)$/;
/** Text of nodes with blocks kept apart ("Heading" + "Paragraph" never become one word). */
function textOf(nodes: AnyNode[]): string {
  let out = '';
  for (const n of nodes) {
    if (isText(n)) out += n.data;
    else {
      const block = isTag(n) && BLOCK.test(n.name);
      const inner = hasChildren(n) ? textOf(n.children) : '';
      out += block ? ` ${inner} ` : inner;
    }
  }
  return out;
}
// htmlparser2 has already decoded entities in text nodes.
const textContent = (n: AnyNode) => textOf([n]);

const words = (text: string): string[] => text.split(/\s+/u).filter((w) => /[\p{L}\p{N}]/u.test(w));
const norm = (s: string) =>
  ` ${normalizePhrase(s)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()} `;
/** Whole-phrase occurrences of `phrase` in `text`, case and punctuation ignored. */
export function occurrences(text: string, phrase: string): number {
  const p = norm(phrase);
  if (p.trim() === '') return 0;
  const t = norm(text);
  let n = 0;
  for (let at = t.indexOf(p); at >= 0; at = t.indexOf(p, at + p.length - 1)) n++;
  return n;
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
const item = (key: string, label: string, points: number, max: number, message: string): ScoreItem => {
  const p = Math.round(clamp(points, 0, max) * 10) / 10;
  return { key, label, points: p, max, status: p >= max * 0.8 ? 'good' : p >= max * 0.4 ? 'fair' : 'poor', message };
};

/** Length within ±15 % of the target is on target (the writer's band). */
export const LENGTH_TOLERANCE = 0.15;
export type LengthStatus = 'ok' | 'short' | 'long';
export function lengthStatusOf(words: number, target: number): LengthStatus {
  if (words < target * (1 - LENGTH_TOLERANCE)) return 'short';
  if (words > target * (1 + LENGTH_TOLERANCE)) return 'long';
  return 'ok';
}

function hostOf(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).host.replace(/^www\./, '').toLowerCase();
  } catch {
    return null;
  }
}

export function contentScore(i: ScoreInput): ContentScore {
  const doc = parseDocument(i.bodyHtml);
  const headings = findAll((n) => /^h[2-6]$/.test(n.name), doc.children).map((n) => ({
    level: Number(n.name[1]),
    text: textContent(n).trim(),
  }));
  const paragraphs = findAll((n) => n.name === 'p', doc.children).map((n) => textContent(n));
  const firstParagraph = paragraphs.find((p) => p.trim() !== '') ?? '';
  const bodyText = textOf(doc.children).replace(/\s+/g, ' ').trim();
  const bodyWords = words(bodyText);
  const wordTotal = bodyWords.length;
  const items: ScoreItem[] = [];

  // Keywords: where each one is used.
  const use = (keyword: string, primary: boolean): KeywordUse => ({
    keyword,
    primary,
    inHeadings: headings.filter((h) => occurrences(h.text, keyword) > 0).length,
    inFirstParagraph: occurrences(firstParagraph, keyword) > 0,
    inBody: occurrences(bodyText, keyword),
  });
  const primary = use(i.primaryKeyword, true);
  const secondary = [
    ...new Set(i.secondaryKeywords.filter((k) => normalizePhrase(k) !== normalizePhrase(i.primaryKeyword))),
  ].map((k) => use(k, false));

  const inTitle = occurrences(i.title, i.primaryKeyword) > 0;
  const density = wordTotal ? (primary.inBody * words(i.primaryKeyword).length) / wordTotal : 0;
  const densityOk = density >= 0.003 && density <= 0.03;
  const primaryPoints =
    (inTitle ? 5 : 0) +
    (primary.inFirstParagraph ? 5 : 0) +
    (primary.inHeadings > 0 ? 5 : 0) +
    (densityOk ? 5 : primary.inBody > 0 ? 2 : 0);
  const missing = [
    !inTitle && 'title',
    !primary.inFirstParagraph && 'first paragraph',
    primary.inHeadings === 0 && 'a heading',
  ].filter(Boolean);
  items.push(
    item(
      'primaryKeyword',
      'Primary keyword',
      primaryPoints,
      20,
      `“${i.primaryKeyword}” used ${primary.inBody}× (${(density * 100).toFixed(1)} % of words${densityOk ? '' : density > 0.03 ? ', too often' : ', too rarely'})${missing.length ? `; missing from the ${missing.join(', ')}` : ''}`,
    ),
  );

  const covered = secondary.filter((k) => k.inBody > 0).length;
  items.push(
    secondary.length
      ? item(
          'clusterKeywords',
          'Cluster keywords',
          (10 * covered) / secondary.length,
          10,
          `${covered} of ${secondary.length} used${
            covered < secondary.length
              ? `; missing: ${secondary
                  .filter((k) => k.inBody === 0)
                  .map((k) => k.keyword)
                  .slice(0, 5)
                  .join(', ')}`
              : ''
          }`,
        )
      : item('clusterKeywords', 'Cluster keywords', 10, 10, 'no other keywords to cover'),
  );

  // Heading structure: enough H2s for the length, no skipped levels, no empty or repeated headings.
  const h2 = headings.filter((h) => h.level === 2).length;
  const wantH2 = Math.max(2, Math.floor(wordTotal / 400));
  let skipped = 0;
  let previous = 1;
  for (const h of headings) {
    if (h.level > previous + 1) skipped++;
    previous = h.level;
  }
  const texts = headings.map((h) => normalizePhrase(h.text));
  const repeated = texts.length - new Set(texts).size + texts.filter((t) => t === '').length;
  const problems = [
    h2 < wantH2 && `${h2} H2 heading${h2 === 1 ? '' : 's'} for ${wordTotal} words (want ${wantH2}+)`,
    skipped && `${skipped} skipped level${skipped === 1 ? '' : 's'}`,
    repeated && `${repeated} empty or repeated`,
  ].filter(Boolean);
  items.push(
    item(
      'headings',
      'Heading structure',
      4 * Math.min(1, h2 / wantH2) + (skipped ? 0 : 3) + (repeated ? 0 : 3),
      10,
      problems.length ? problems.join('; ') : `${headings.length} headings, well nested`,
    ),
  );

  // Length against the target.
  if (i.targetWordCount && i.targetWordCount > 0) {
    const ratio = wordTotal / i.targetWordCount;
    const off = Math.abs(1 - ratio);
    const points = off <= LENGTH_TOLERANCE ? 15 : 15 * clamp(1 - (off - LENGTH_TOLERANCE) / 0.35, 0, 1);
    items.push(
      item(
        'length',
        'Length',
        points,
        15,
        `${wordTotal} of ${i.targetWordCount} words (${ratio >= 1 ? '+' : '−'}${Math.round(off * 100)} %)`,
      ),
    );
  } else {
    items.push(
      item('length', 'Length', wordTotal >= 600 ? 15 : (15 * wordTotal) / 600, 15, `${wordTotal} words (no target)`),
    );
  }

  // Readability.
  const sentences = Math.max(1, bodyText.split(/[.!?。！？]+(?:\s|$)/u).filter((s) => words(s).length > 0).length);
  let readability: ContentScore['readability'] = null;
  if (wordTotal >= 30) {
    if (i.language.toLowerCase().startsWith('en')) {
      const ease = flesch({ sentence: sentences, word: wordTotal, syllable: syllable(bodyText) });
      readability = { measure: 'flesch', value: Math.round(ease) };
      items.push(
        item(
          'readability',
          'Readability',
          (10 * (ease - 30)) / 30,
          10,
          `Flesch reading ease ${Math.round(ease)} (60+ reads easily)`,
        ),
      );
    } else {
      // LIX: words per sentence plus the share of long words; used across languages.
      const long = bodyWords.filter((w) => w.replace(/[^\p{L}]/gu, '').length > 6).length;
      const lix = wordTotal / sentences + (100 * long) / wordTotal;
      readability = { measure: 'lix', value: Math.round(lix) };
      items.push(
        item(
          'readability',
          'Readability',
          (10 * (60 - lix)) / 20,
          10,
          `LIX ${Math.round(lix)} (40 or less reads easily)`,
        ),
      );
    }
  } else items.push(item('readability', 'Readability', 0, 10, 'too little text to measure'));

  // Meta title and description.
  const mt = i.metaTitle.trim().length;
  const mtKw = occurrences(i.metaTitle, i.primaryKeyword) > 0;
  items.push(
    item(
      'metaTitle',
      'Meta title',
      (mt >= 30 && mt <= 60 ? 5 : mt > 0 && mt <= 60 ? 2.5 : 0) + (mtKw ? 5 : 0),
      10,
      `${mt} characters (30–60)${mtKw ? ', has the keyword' : ', keyword missing'}`,
    ),
  );
  const md = i.metaDescription.trim().length;
  const mdKw = occurrences(i.metaDescription, i.primaryKeyword) > 0;
  items.push(
    item(
      'metaDescription',
      'Meta description',
      (md >= 120 && md <= 160 ? 5 : md >= 70 && md <= 160 ? 2.5 : 0) + (mdKw ? 5 : 0),
      10,
      `${md} characters (120–160)${mdKw ? ', has the keyword' : ', keyword missing'}`,
    ),
  );

  // Images with alt text (in the body, and the article's generated images).
  const alts = [
    ...findAll((n) => n.name === 'img', doc.children).map((n) => getAttributeValue(n, 'alt') ?? ''),
    ...i.imageAlts,
  ];
  const withAlt = alts.filter((a) => a.trim() !== '').length;
  items.push(
    item(
      'images',
      'Images',
      alts.length === 0 ? 0 : (5 * withAlt) / alts.length,
      5,
      alts.length === 0 ? 'no images' : `${withAlt} of ${alts.length} with alt text`,
    ),
  );

  // Links.
  const site = hostOf(i.siteUrl);
  let internal = 0;
  let external = 0;
  for (const a of findAll((n) => n.name === 'a', doc.children)) {
    const href = (getAttributeValue(a, 'href') ?? '').trim();
    if (!href || href.startsWith('#') || href.startsWith('mailto:')) continue;
    const host = /^https?:\/\//i.test(href) ? hostOf(href) : site;
    if (host && host === site) internal++;
    else external++;
  }
  items.push(
    item(
      'links',
      'Links',
      (internal > 0 ? 5 : 0) + (external > 0 ? 5 : 0),
      10,
      `${internal} internal, ${external} external`,
    ),
  );

  const score = Math.round(
    clamp(
      items.reduce((s, x) => s + x.points, 0),
      0,
      100,
    ),
  );
  return { score, items, keywords: [primary, ...secondary], readability, cannibalisation: i.cannibalisedBy };
}
