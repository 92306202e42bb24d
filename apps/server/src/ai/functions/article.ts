import { escapeHtml, type ContentType, type PromptText } from '@igny8/contracts';
import { z } from 'zod';
import { NO_BRAND_VOICE } from '../prompts/brand-voice';
import { defaultPrompt } from '../prompts/registry';
import { renderPrompt } from '../prompts/templates';
import type { AiFunction } from '../session';
import { contentTypeRules, type OutlineSection } from './content-types';

/*
 * The article is written in parts: each outline section on its own (in parallel, each with a word
 * budget), a short section extended once, then the frame (intro, conclusion, FAQ and meta) once the
 * sections are known. Each part's prompt is an editable prompt of the library (`ai/prompts/registry.ts`:
 * `article` for a section, `article_section_extend`, `article_frame`), resolved item → account → default,
 * and each gets `{brand_voice}`.
 */

/** The prompts in force for one article; absent: the defaults. */
export interface ArticlePrompts {
  section?: PromptText;
  extend?: PromptText;
  frame?: PromptText;
}

/** What every part of one article is written from. */
export interface ArticleBrief {
  title: string;
  primaryKeyword: string;
  secondaryKeywords: string[];
  sections: OutlineSection[];
  contentType: ContentType;
  language: string;
  niche: string | null;
  /** the cluster's name, when the writer task has one */
  cluster?: string | null;
  /** `{brand_voice}`: the voice in force, as instructions */
  brandVoice?: string;
  prompts?: ArticlePrompts;
}

const outlineText = (b: ArticleBrief) =>
  b.sections.map((s) => [`## ${s.heading}`, ...s.subheadings.map((h) => `### ${h}`)].join('\n')).join('\n');

/** The variables every article prompt has (see `ai/prompts/registry.ts`). */
export const briefVars = (b: ArticleBrief): Record<string, string> => ({
  content_type: contentTypeRules[b.contentType].label,
  language: b.language,
  niche: b.niche ?? 'general topics',
  title: b.title,
  keyword: b.primaryKeyword,
  secondary_keywords: b.secondaryKeywords.join(', ') || 'none',
  cluster: b.cluster ?? 'none',
  outline: outlineText(b),
  type_rules: contentTypeRules[b.contentType].sectionRules,
  brand_voice: b.brandVoice ?? NO_BRAND_VOICE,
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
      subsections: s.subheadings.length
        ? ` Its subsections, in order: ${s.subheadings.map((h) => `"${h}"`).join(', ')}.`
        : '',
      word_count: String(i.wordBudget),
    };
    return renderPrompt(i.brief.prompts?.section ?? defaultPrompt('article'), vars);
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
      current_words: String(i.currentWords),
      word_count: String(i.wordBudget),
    };
    return renderPrompt(i.brief.prompts?.extend ?? defaultPrompt('article_section_extend'), vars);
  },
  // The offline section already meets its budget; extending adds the missing words the same way.
  offline: (i) => ({ html: `${i.html}\n${offlineParagraphs(i.brief, i.index, i.wordBudget - i.currentWords, 7)}` }),
};

const frameOutput = z.object({
  title: z.string().min(10).max(120).describe('final article title; contains the primary keyword'),
  metaTitle: z.string().min(10).max(70).describe('SEO title tag, at most 60 characters, contains the primary keyword'),
  metaDescription: z
    .string()
    .min(50)
    .max(200)
    .describe('meta description, 120 to 160 characters, with a reason to click'),
  excerpt: z.string().min(30).max(500).describe('two-sentence summary for listings'),
  introHtml: z.string().min(20).describe('the introduction as <p> paragraphs; the first contains the primary keyword'),
  conclusionHtml: z.string().min(20).describe('the closing section as <p> paragraphs, without its heading'),
  faq: z
    .array(
      z.object({
        question: z.string().min(5),
        answerHtml: z.string().min(10).describe('the answer as one or two <p>'),
      }),
    )
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
      intro_words: String(i.introWords),
      conclusion_words: String(i.conclusionWords),
      faq_rule: i.faqQuestions
        ? `${i.faqQuestions} questions readers search for, not answered above; answerHtml about ${Math.round(i.faqWords / i.faqQuestions)} words each`
        : 'an empty list',
    };
    return renderPrompt(i.brief.prompts?.frame ?? defaultPrompt('article_frame'), vars);
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
  const related = b.secondaryKeywords.length
    ? b.secondaryKeywords[index % b.secondaryKeywords.length]!
    : b.primaryKeyword;
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
  return [
    offlineParagraphs(b, index, per),
    ...s.subheadings.map((h, n) => `<h3>${escapeHtml(h)}</h3>\n${offlineParagraphs(b, index, per, n + 1)}`),
  ].join('\n');
}

function offlineFrame(i: FrameInput): ArticleFrame {
  const b = i.brief;
  const kw = b.primaryKeyword;
  const title = b.title.toLowerCase().includes(kw.toLowerCase()) ? b.title : `${b.title}: ${kw}`;
  const label = `<p><strong>Draft written offline by igny8 from the outline — replace this text before publishing.</strong> This ${contentTypeRules[b.contentType].label} covers ${escapeHtml(kw)}: what it is, why it matters and how to get the most out of it.</p>`;
  const labelWords = 30;
  const questions = [
    `What is ${kw}?`,
    `Is ${kw} worth it?`,
    `How long does ${kw} take?`,
    `What does ${kw} cost?`,
    `What is the most common mistake with ${kw}?`,
  ];
  const faqBrief = { ...b, sections: [{ heading: kw, subheadings: [] }] };
  const metaDescription = `${capital(kw)}: a practical ${contentTypeRules[b.contentType].label} with examples, common mistakes and what to do next. Draft written offline by igny8.`;
  return {
    title,
    metaTitle: title.length <= 60 ? title : `${capital(kw)}: a practical guide`.slice(0, 60),
    metaDescription:
      metaDescription.length <= 160
        ? metaDescription
        : `${capital(kw)}: examples, common mistakes and what to do next.`.slice(0, 160),
    excerpt: `A ${contentTypeRules[b.contentType].label} about ${kw}, drafted offline from its outline.`,
    introHtml: `${label}\n${offlineParagraphs(faqBrief, 0, Math.max(20, i.introWords - labelWords), 1)}`,
    conclusionHtml: offlineParagraphs(faqBrief, 0, i.conclusionWords, 4),
    faq: questions.slice(0, i.faqQuestions).map((question, n) => ({
      question,
      answerHtml: offlineParagraphs(
        { ...faqBrief, sections: [{ heading: question.replace(/\?$/, ''), subheadings: [] }] },
        0,
        Math.round(i.faqWords / Math.max(1, i.faqQuestions)),
        n,
      ),
    })),
  };
}
