import { escapeHtml, type ContentType, type OutlineItem, type PromptText } from '@igny8/contracts';
import { z } from 'zod';
import { NO_BRAND_VOICE } from '../prompts/brand-voice';
import { defaultPrompt } from '../prompts/registry';
import { renderPrompt } from '../prompts/templates';
import type { AiFunction } from '../session';

export interface ArticleInput {
  title: string;
  primaryKeyword: string;
  secondaryKeywords: string[];
  outline: OutlineItem[];
  targetWordCount: number;
  contentType: ContentType;
  language: string;
  niche: string | null;
  /** the cluster's name, when the writer task has one */
  cluster?: string | null;
  /** `{brand_voice}`: the voice in force, as instructions */
  brandVoice?: string;
  /** the prompt in force (item → account → default); absent: the default */
  promptText?: PromptText;
}

const output = z.object({
  title: z.string().min(10).max(120).describe('final article title; contains the primary keyword'),
  metaTitle: z.string().min(10).max(60).describe('SEO title tag, at most 60 characters, contains the primary keyword'),
  metaDescription: z.string().min(50).max(160).describe('meta description, at most 160 characters, with a reason to click'),
  excerpt: z.string().min(30).max(400).describe('two-sentence summary for listings'),
  bodyHtml: z
    .string()
    .min(200)
    .describe(
      'the article body as clean HTML: <h2>/<h3> headings following the outline, <p>, <ul>/<ol>, <table> where useful. No <h1>, no inline styles, no scripts. The first paragraph and at least one <h2> contain the primary keyword.',
    ),
});
export type ArticleDraft = z.infer<typeof output>;

export const writeArticle: AiFunction<ArticleInput, ArticleDraft> = {
  name: 'article',
  schema: output,
  // About 1.4 tokens a word in HTML, plus the meta fields.
  outputTokens: (i) => Math.ceil(i.targetWordCount * 1.4) + 200,
  prompt: (i) => renderPrompt(i.promptText ?? defaultPrompt('article'), articleVariables(i)),
  offline: (i) => templateArticle(i),
};

/** The article prompt's variables (see `ai/prompts/registry.ts`). */
export function articleVariables(i: ArticleInput): Record<string, string> {
  return {
    title: i.title,
    keyword: i.primaryKeyword,
    secondary_keywords: i.secondaryKeywords.join(', ') || 'none',
    cluster: i.cluster ?? 'none',
    outline: i.outline.map((o) => `${o.level === 2 ? '##' : '###'} ${o.text}`).join('\n'),
    word_count: String(i.targetWordCount),
    content_type: i.contentType,
    language: i.language,
    niche: i.niche ?? 'general topics',
    brand_voice: i.brandVoice ?? NO_BRAND_VOICE,
  };
}

/** A structured draft from the outline, clearly labelled, for the offline provider. */
function templateArticle(i: ArticleInput): ArticleDraft {
  const kw = i.primaryKeyword;
  const title = i.title.toLowerCase().includes(kw.toLowerCase()) ? i.title : `${i.title}: ${kw}`;
  const outline: OutlineItem[] = i.outline.length ? i.outline : [{ level: 2, text: `About ${kw}` }];
  const hasKwH2 = outline.some((o) => o.level === 2 && o.text.toLowerCase().includes(kw.toLowerCase()));
  const sections = hasKwH2 ? outline : [{ level: 2 as const, text: `${kw.charAt(0).toUpperCase()}${kw.slice(1)} at a glance` }, ...outline];
  const secondary = i.secondaryKeywords;
  const body = [
    `<p><strong>Draft written offline by igny8 from the outline — replace this text before publishing.</strong> This ${i.contentType} covers ${escapeHtml(kw)}: what it is, why it matters and how to get the most out of it. It is aimed at readers searching for ${escapeHtml(kw)}${
      secondary[0] ? ` and related topics such as ${escapeHtml(secondary[0])}` : ''
    }.</p>`,
    ...sections.map((s, n) => {
      const tag = s.level === 2 ? 'h2' : 'h3';
      const related = secondary[n % Math.max(secondary.length, 1)] ?? kw;
      return `<${tag}>${escapeHtml(s.text)}</${tag}>\n<p>Explain ${escapeHtml(s.text.toLowerCase())} in the context of ${escapeHtml(kw)}. Give one concrete example, one common mistake to avoid, and how it relates to ${escapeHtml(related)}.</p>${
        n === 0 ? `\n<ul><li>Key point about ${escapeHtml(kw)}</li><li>What readers should do next</li><li>What to avoid</li></ul>` : ''
      }`;
    }),
    `<h2>Summary</h2>\n<p>Recap the main points about ${escapeHtml(kw)} and the one action the reader should take.</p>`,
  ].join('\n');
  return {
    title,
    metaTitle: title.length <= 60 ? title : `${kw}: a practical guide`.slice(0, 60),
    metaDescription: `Everything about ${kw}: key points, common mistakes and what to do next. Draft written offline.`.slice(0, 160),
    excerpt: `A ${i.contentType} about ${kw}, drafted offline from its outline.`,
    bodyHtml: body,
  };
}
