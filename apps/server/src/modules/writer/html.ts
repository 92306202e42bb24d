import { normalizePhrase } from '@igny8/contracts';
import { findAll, getElementsByTagName, textContent } from 'domutils';
import { parseDocument } from 'htmlparser2';
import sanitizeHtml from 'sanitize-html';

/** What model-written (and user-edited) article HTML may contain: structure, not behaviour. */
const allowed: sanitizeHtml.IOptions = {
  allowedTags: [
    'h2',
    'h3',
    'h4',
    'p',
    'ul',
    'ol',
    'li',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
    'strong',
    'em',
    'b',
    'i',
    'a',
    'blockquote',
    'code',
    'pre',
    'br',
    'hr',
    'figure',
    'figcaption',
    'img',
  ],
  allowedAttributes: {
    a: ['href', 'title'],
    img: ['src', 'alt', 'data-image-id'],
    th: ['scope'],
    td: ['colspan', 'rowspan'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['http', 'https', 'data'] },
  transformTags: { h1: 'h2', b: 'strong', i: 'em' },
  disallowedTagsMode: 'discard',
};

export function sanitizeArticleHtml(html: string): string {
  return sanitizeHtml(html, allowed).trim();
}

export function htmlText(html: string): string {
  return textContent(parseDocument(html)).replace(/\s+/g, ' ').trim();
}

export function wordCount(html: string): number {
  const text = htmlText(html);
  return text ? text.split(' ').length : 0;
}

/** Headings in order, for placing images and checking keyword use. */
export function headings(html: string): { level: number; text: string }[] {
  const doc = parseDocument(html);
  return findAll((n) => /^h[2-4]$/.test(n.name), doc.children).map((n) => ({
    level: Number(n.name[1]),
    text: textContent(n).replace(/\s+/g, ' ').trim(),
  }));
}

const has = (text: string, keyword: string) => normalizePhrase(text).includes(normalizePhrase(keyword));

export function seoChecks(c: {
  title: string;
  bodyHtml: string;
  metaTitle: string;
  metaDescription: string;
  primaryKeyword: string;
}) {
  const doc = parseDocument(c.bodyHtml);
  const firstP = getElementsByTagName('p', doc.children, true, 1)[0];
  return {
    keywordInTitle: has(c.title, c.primaryKeyword),
    keywordInFirstParagraph: firstP ? has(textContent(firstP), c.primaryKeyword) : false,
    keywordInH2: headings(c.bodyHtml).some((h) => h.level === 2 && has(h.text, c.primaryKeyword)),
    metaTitleLength: c.metaTitle.length,
    metaDescriptionLength: c.metaDescription.length,
  };
}

/** Cuts at a word boundary so meta fields fit their limits. */
export function fitTo(text: string, max: number): string {
  const t = text.replace(/\s+/g, ' ').trim();
  if (t.length <= max) return t;
  const cut = t.slice(0, max - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max - 20)).trimEnd()}…`;
}
