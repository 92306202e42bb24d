import { escapeHtml, type ContentType } from '@igny8/contracts';
import { z } from 'zod';
import type { AiFunction } from '../session';
import { contentTypeRules, type OutlineSection } from './content-types';

/*
 * The article is written in parts: each outline section on its own (in parallel, each with a word
 * budget), a short section extended once, then the frame (intro, conclusion, FAQ and meta) once the
 * sections are known. The prompts are named templates with {variables}, so they can move into a
 * prompt library unchanged.
 */

export const ARTICLE_SYSTEM_PROMPT = `You are an expert writer producing publish-ready SEO content: a {content_type}. Write in the language with code "{language}". Be concrete, accurate and useful; no filler, no repetition of other sections.{niche}`;

export const ARTICLE_SECTION_PROMPT = `You are writing one section of the {content_type} "{title}".
Primary keyword: {keyword}
Other keywords to use where they fit naturally: {secondary_keywords}
The whole outline (other sections are written separately):
{outline}

Write the section "{section}".{subsections}
Rules for this content type: {type_rules}
Answer fields:
- html: the section body as clean HTML, about {word_count} words. Do not repeat the section heading; use <h3> for the subsections, <p>, <ul>/<ol>, <table> where useful. No <h1>/<h2>, no inline styles, no scripts.`;

export const ARTICLE_SECTION_EXTEND_PROMPT = `This section of the {content_type} "{title}" (primary keyword: {keyword}) came out at {current_words} words; it needs about {word_count}.
Section "{section}":
{section_html}

Rewrite it longer with more substance: examples, numbers, steps, edge cases. Keep its subsections and what is already good.
Answer fields:
- html: the whole rewritten section body as clean HTML, about {word_count} words, without the section heading.`;

export const ARTICLE_FRAME_PROMPT = `The sections of the {content_type} "{title}" are written:
{outline}
Primary keyword: {keyword}
Other keywords: {secondary_keywords}
Rules for this content type: {type_rules}

Now write the parts around them.
Answer fields:
- title: the final title, containing the primary keyword naturally
- metaTitle: at most 60 characters, with the primary keyword
- metaDescription: 120 to 160 characters, with the primary keyword and a reason to click
- excerpt: two sentences for listings
- introHtml: the introduction as <p> paragraphs, about {intro_words} words; the first paragraph contains the primary keyword
- conclusionHtml: the closing section "{conclusion}" as <p> paragraphs, about {conclusion_words} words
- faq: {faq_rule}`;

export function fillTemplate(template: string, vars: Record<string, string | number>): string {
  return template.replace(/\{([a-z_]+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** What every part of one article is written from. */
export interface ArticleBrief {
  title: string;
  primaryKeyword: string;
  secondaryKeywords: string[];
  /** the completed outline, closing and FAQ sections taken out */
  sections: OutlineSection[];
  contentType: ContentType;
  language: string;
  niche: string | null;
}

const outlineText = (b: ArticleBrief) => b.sections.map((s) => [`## ${s.heading}`, ...s.subheadings.map((h) => `### ${h}`)].join('\n')).join('\n');

const briefVars = (b: ArticleBrief) => ({
  content_type: contentTypeRules[b.contentType].label,
  language: b.language,
  niche: b.niche ? ` The site covers: ${b.niche}.` : '',
  title: b.title,
  keyword: b.primaryKeyword,
  secondary_keywords: b.secondaryKeywords.join(', ') || 'none',
  outline: outlineText(b),
  type_rules: contentTypeRules[b.contentType].sectionRules,
});

const sectionOutput = z.object({
  html: z.string().min(20).describe('the section body as clean HTML, without the section heading'),
});
export type SectionDraft = z.infer<typeof sectionOutput>;

export interface SectionInput {
  brief: ArticleBrief;
  index: number;
  wordBudget: number;
}

export const writeArticleSection: AiFunction<SectionInput, SectionDraft> = {
  name: 'article_section',
  schema: sectionOutput,
  outputTokens: (i) => Math.ceil(i.wordBudget * 1.5) + 100,
  prompt: (i) => {
    const s = i.brief.sections[i.index]!;
    const vars = {
      ...briefVars(i.brief),
      section: s.heading,
      subsections: s.subheadings.length ? ` Its subsections, in order: ${s.subheadings.map((h) => `"${h}"`).join(', ')}.` : '',
      word_count: i.wordBudget,
    };
    return { system: fillTemplate(ARTICLE_SYSTEM_PROMPT, vars), prompt: fillTemplate(ARTICLE_SECTION_PROMPT, vars) };
  },
  offline: (i) => ({ html: offlineSection(i.brief, i.index, i.wordBudget) }),
};

export interface ExtendInput extends SectionInput {
  html: string;
  currentWords: number;
}

export const extendArticleSection: AiFunction<ExtendInput, SectionDraft> = {
  name: 'article_section_extend',
  schema: sectionOutput,
  outputTokens: (i) => Math.ceil(i.wordBudget * 1.5) + 100,
  prompt: (i) => {
    const vars = {
      ...briefVars(i.brief),
      section: i.brief.sections[i.index]!.heading,
      section_html: i.html,
      current_words: i.currentWords,
      word_count: i.wordBudget,
    };
    return { system: fillTemplate(ARTICLE_SYSTEM_PROMPT, vars), prompt: fillTemplate(ARTICLE_SECTION_EXTEND_PROMPT, vars) };
  },
  // The offline section already meets its budget; extending adds the missing words the same way.
  offline: (i) => ({ html: `${i.html}\n${offlineParagraphs(i.brief, i.index, i.wordBudget - i.currentWords, 7)}` }),
};

const frameOutput = z.object({
  title: z.string().min(10).max(120).describe('final article title; contains the primary keyword'),
  metaTitle: z.string().min(10).max(70).describe('SEO title tag, at most 60 characters, contains the primary keyword'),
  metaDescription: z.string().min(50).max(200).describe('meta description, 120 to 160 characters, with a reason to click'),
  excerpt: z.string().min(30).max(500).describe('two-sentence summary for listings'),
  introHtml: z.string().min(20).describe('the introduction as <p> paragraphs; the first contains the primary keyword'),
  conclusionHtml: z.string().min(20).describe('the closing section as <p> paragraphs, without its heading'),
  faq: z
    .array(z.object({ question: z.string().min(5), answerHtml: z.string().min(10).describe('the answer as one or two <p>') }))
    .max(10)
    .describe('frequently asked questions, only when asked for; otherwise empty'),
});
export type ArticleFrame = z.infer<typeof frameOutput>;

export interface FrameInput {
  brief: ArticleBrief;
  conclusion: string;
  introWords: number;
  conclusionWords: number;
  /** questions wanted (0 = no FAQ) and the words for all of them */
  faqQuestions: number;
  faqWords: number;
}

export const writeArticleFrame: AiFunction<FrameInput, ArticleFrame> = {
  name: 'article_frame',
  schema: frameOutput,
  outputTokens: (i) => Math.ceil((i.introWords + i.conclusionWords + i.faqWords) * 1.5) + 300,
  prompt: (i) => {
    const vars = {
      ...briefVars(i.brief),
      conclusion: i.conclusion,
      intro_words: i.introWords,
      conclusion_words: i.conclusionWords,
      faq_rule: i.faqQuestions
        ? `${i.faqQuestions} questions readers search for, not answered above; answerHtml about ${Math.round(i.faqWords / i.faqQuestions)} words each`
        : 'an empty list',
    };
    return { system: fillTemplate(ARTICLE_SYSTEM_PROMPT, vars), prompt: fillTemplate(ARTICLE_FRAME_PROMPT, vars) };
  },
  offline: (i) => offlineFrame(i),
};

// Offline drafts: the same parts and budgets, from deterministic sentences, clearly labelled.

const capital = (s: string) => s.charAt(0).toLocaleUpperCase() + s.slice(1);

const sentenceShapes: ((h: string, k: string, r: string) => string)[] = [
  (h, k) => `This part covers ${h} and why it matters for anyone working on ${k}.`,
  (h, k, r) => `Start with the basics of ${h}, then connect them to ${r} so the reader sees the whole picture of ${k}.`,
  (h) => `Give one concrete example of ${h} with real numbers, and say what result the reader can expect.`,
  (h) => `Name the most common mistake people make with ${h} and explain how to avoid it.`,
  (_h, k) => `Add a practical tip that saves time or money when dealing with ${k}.`,
  (h, _k, r) => `Explain how ${h} relates to ${r}, and when one matters more than the other.`,
  (h) => `Close the point on ${h} with the one action the reader should take next.`,
];

/** About `budget` words of plain paragraphs for section `index`, from the sentence shapes. */
function offlineParagraphs(b: ArticleBrief, index: number, budget: number, offset = 0): string {
  const s = b.sections[index];
  const heading = (s?.heading ?? b.primaryKeyword).toLowerCase();
  const related = b.secondaryKeywords.length ? b.secondaryKeywords[index % b.secondaryKeywords.length]! : b.primaryKeyword;
  const paragraphs: string[] = [];
  let words = 0;
  let sentence: string[] = [];
  for (let n = offset; words < budget; n++) {
    const text = sentenceShapes[n % sentenceShapes.length]!(heading, b.primaryKeyword, related);
    sentence.push(text);
    words += text.split(/\s+/).length;
    if (sentence.length === 4) {
      paragraphs.push(`<p>${escapeHtml(sentence.join(' '))}</p>`);
      sentence = [];
    }
  }
  if (sentence.length) paragraphs.push(`<p>${escapeHtml(sentence.join(' '))}</p>`);
  return paragraphs.join('\n');
}

function offlineSection(b: ArticleBrief, index: number, budget: number): string {
  const s = b.sections[index]!;
  if (!s.subheadings.length) return offlineParagraphs(b, index, budget);
  const per = Math.round(budget / (s.subheadings.length + 1));
  return [offlineParagraphs(b, index, per), ...s.subheadings.map((h, n) => `<h3>${escapeHtml(h)}</h3>\n${offlineParagraphs(b, index, per, n + 1)}`)].join('\n');
}

function offlineFrame(i: FrameInput): ArticleFrame {
  const b = i.brief;
  const kw = b.primaryKeyword;
  const title = b.title.toLowerCase().includes(kw.toLowerCase()) ? b.title : `${b.title}: ${kw}`;
  const label = `<p><strong>Draft written offline by igny8 from the outline — replace this text before publishing.</strong> This ${contentTypeRules[b.contentType].label} covers ${escapeHtml(kw)}: what it is, why it matters and how to get the most out of it.</p>`;
  const labelWords = 30;
  const questions = [`What is ${kw}?`, `Is ${kw} worth it?`, `How long does ${kw} take?`, `What does ${kw} cost?`, `What is the most common mistake with ${kw}?`];
  const faqBrief = { ...b, sections: [{ heading: kw, subheadings: [] }] };
  const metaDescription = `${capital(kw)}: a practical ${contentTypeRules[b.contentType].label} with examples, common mistakes and what to do next. Draft written offline by igny8.`;
  return {
    title,
    metaTitle: title.length <= 60 ? title : `${capital(kw)}: a practical guide`.slice(0, 60),
    metaDescription: metaDescription.length <= 160 ? metaDescription : `${capital(kw)}: examples, common mistakes and what to do next.`.slice(0, 160),
    excerpt: `A ${contentTypeRules[b.contentType].label} about ${kw}, drafted offline from its outline.`,
    introHtml: `${label}\n${offlineParagraphs(faqBrief, 0, Math.max(20, i.introWords - labelWords), 1)}`,
    conclusionHtml: offlineParagraphs(faqBrief, 0, i.conclusionWords, 4),
    faq: questions.slice(0, i.faqQuestions).map((question, n) => ({
      question,
      answerHtml: offlineParagraphs({ ...faqBrief, sections: [{ heading: question.replace(/\?$/, ''), subheadings: [] }] }, 0, Math.round(i.faqWords / Math.max(1, i.faqQuestions)), n),
    })),
  };
}
