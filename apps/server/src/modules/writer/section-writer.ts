import {
  escapeHtml,
  LENGTH_TOLERANCE,
  lengthStatusOf,
  type ContentType,
  type LengthStatus,
  type OutlineItem,
} from '@igny8/contracts';
import {
  extendArticleSection,
  writeArticleFrame,
  writeArticleSection,
  type ArticleBrief,
  type ArticlePrompts,
} from '../../ai/functions/article';
import { completeOutline, outlineSections, type OutlineSection } from '../../ai/functions/content-types';
import type { AiSession } from '../../ai/session';
import { sanitizeArticleHtml, wordCount } from './html';

export interface LongFormInput {
  title: string;
  primaryKeyword: string;
  secondaryKeywords: string[];
  outline: OutlineItem[];
  targetWordCount: number;
  contentType: ContentType;
  language: string;
  niche: string | null;
  /** add a FAQ section (also when the outline has one) */
  faq: boolean;
  /** a cluster hub's links to the cluster's articles */
  hubLinks: { title: string; href: string }[];
  /** the cluster's name, when the writer task has one */
  cluster?: string | null;
  /** `{brand_voice}` for every part: the voice in force, as instructions */
  brandVoice?: string;
  /** the prompts in force (item → account → default); absent: the defaults */
  prompts?: ArticlePrompts;
}

export interface LongFormArticle {
  title: string;
  metaTitle: string;
  metaDescription: string;
  excerpt: string;
  bodyHtml: string;
  wordCount: number;
  lengthStatus: LengthStatus;
  lengthNote: string | null;
  /** sections extended once because they came out short */
  extended: number;
}

export interface Budgets {
  intro: number;
  conclusion: number;
  faq: number;
  faqQuestions: number;
  sections: number[];
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
const headingWords = (texts: string[]) => texts.reduce((n, t) => n + t.split(/\s+/).filter(Boolean).length, 0);

/**
 * Word budgets from the target: the intro, conclusion and FAQ take a share each, headings and
 * a hub's links take what they are, and the sections share the rest by weight (a section with
 * subsections is longer).
 */
export function planBudgets(
  target: number,
  sections: OutlineSection[],
  opts: { faq: boolean; conclusion: string; fixedWords: number },
): Budgets {
  const intro = clamp(Math.round(target * 0.08), 50, 200);
  const conclusion = clamp(Math.round(target * 0.07), 50, 180);
  const faqQuestions = opts.faq ? clamp(Math.round(target / 600), 3, 5) : 0;
  const faq = opts.faq ? clamp(Math.round(target * 0.1), 40 * faqQuestions, 80 * faqQuestions) : 0;
  const headings =
    headingWords([...sections.flatMap((s) => [s.heading, ...s.subheadings]), opts.conclusion]) +
    (opts.faq ? 3 + 6 * faqQuestions : 0);
  const rest = Math.max(60 * sections.length, target - intro - conclusion - faq - headings - opts.fixedWords);
  const weights = sections.map((s) => 1 + 0.6 * s.subheadings.length);
  const total = weights.reduce((a, b) => a + b, 0);
  return {
    intro,
    conclusion,
    faq,
    faqQuestions,
    sections: weights.map((w) => Math.max(60, Math.round((rest * w) / total))),
  };
}

/** A section body as the writer keeps it: no repeated section heading, no H1/H2 inside, sanitised. */
export function cleanSectionHtml(html: string): string {
  const withoutHeading = html.replace(/^\s*<h[12][^>]*>[\s\S]*?<\/h[12]>/i, '');
  return sanitizeArticleHtml(withoutHeading.replace(/<(\/?)h[12]\b/gi, '<$1h3'));
}

/** A section shorter than this share of its budget is extended (once). */
const SHORT_SECTION = 1 - LENGTH_TOLERANCE;

/**
 * Writes an article part by part: every section in parallel (the session caps the calls in
 * flight), a short section extended once, then intro, conclusion, FAQ and meta. The result is
 * within ±15 % of the target or says why not.
 */
export async function writeLongForm(ai: Pick<AiSession, 'text'>, input: LongFormInput): Promise<LongFormArticle> {
  const completed = completeOutline(input.contentType, input.primaryKeyword, input.outline);
  const sections = outlineSections(completed.outline);
  const faq = input.faq || completed.faq;
  const hubHeading = 'Articles in this guide';
  const hubHtml = input.hubLinks.length
    ? `<h2>${hubHeading}</h2>\n<ul>${input.hubLinks.map((l) => `<li><a href="${escapeHtml(l.href)}">${escapeHtml(l.title)}</a></li>`).join('')}</ul>`
    : '';
  const budgets = planBudgets(input.targetWordCount, sections, {
    faq,
    conclusion: completed.conclusion,
    fixedWords: hubHtml ? wordCount(hubHtml) : 0,
  });
  const brief: ArticleBrief = {
    title: input.title,
    primaryKeyword: input.primaryKeyword,
    secondaryKeywords: input.secondaryKeywords,
    sections,
    contentType: input.contentType,
    language: input.language,
    niche: input.niche,
    cluster: input.cluster ?? null,
    brandVoice: input.brandVoice,
    prompts: input.prompts,
  };

  let extended = 0;
  const written = await settleAll(
    sections.map(async (_s, index) => {
      const wordBudget = budgets.sections[index]!;
      let html = cleanSectionHtml((await ai.text(writeArticleSection, { brief, index, wordBudget })).html);
      let words = wordCount(html);
      if (words < wordBudget * SHORT_SECTION) {
        extended++;
        const longer = cleanSectionHtml(
          (await ai.text(extendArticleSection, { brief, index, wordBudget, html, currentWords: words })).html,
        );
        const longerWords = wordCount(longer);
        if (longerWords > words) [html, words] = [longer, longerWords];
      }
      return { html, words, budget: wordBudget };
    }),
  );
  const frame = await ai.text(writeArticleFrame, {
    brief,
    conclusion: completed.conclusion,
    introWords: budgets.intro,
    conclusionWords: budgets.conclusion,
    faqQuestions: budgets.faqQuestions,
    faqWords: budgets.faq,
  });

  const faqItems = faq ? frame.faq.slice(0, Math.max(budgets.faqQuestions, 1)) : [];
  const bodyHtml = sanitizeArticleHtml(
    [
      frame.introHtml,
      ...sections.map((s, n) => `<h2>${escapeHtml(s.heading)}</h2>\n${written[n]!.html}`),
      hubHtml,
      faqItems.length
        ? `<h2>Frequently asked questions</h2>\n${faqItems.map((q) => `<h3>${escapeHtml(q.question)}</h3>\n${q.answerHtml}`).join('\n')}`
        : '',
      `<h2>${escapeHtml(completed.conclusion)}</h2>\n${cleanSectionHtml(frame.conclusionHtml)}`,
    ]
      .filter(Boolean)
      .join('\n'),
  );
  const words = wordCount(bodyHtml);
  const lengthStatus = lengthStatusOf(words, input.targetWordCount);
  return {
    title: frame.title,
    metaTitle: frame.metaTitle,
    metaDescription: frame.metaDescription,
    excerpt: frame.excerpt,
    bodyHtml,
    wordCount: words,
    lengthStatus,
    lengthNote:
      lengthStatus === 'ok' ? null : lengthNote(lengthStatus, words, input.targetWordCount, sections, written),
    extended,
  };
}

function lengthNote(
  status: 'short' | 'long',
  words: number,
  target: number,
  sections: OutlineSection[],
  written: { words: number; budget: number }[],
): string {
  const off = Math.round((Math.abs(words - target) / target) * 100);
  const head = `${words} words against a target of ${target} (${status === 'short' ? '−' : '+'}${off} %)`;
  const offenders = sections
    .map((s, n) => ({ heading: s.heading, ...written[n]! }))
    .filter((s) =>
      status === 'short' ? s.words < s.budget * SHORT_SECTION : s.words > s.budget * (1 + LENGTH_TOLERANCE),
    )
    .sort((a, b) =>
      status === 'short' ? a.words / a.budget - b.words / b.budget : b.words / b.budget - a.words / a.budget,
    )
    .slice(0, 3)
    .map((s) => `“${s.heading}” ${s.words}/${s.budget}`);
  if (!offenders.length) return `${head}: the intro, conclusion or FAQ came out ${status}.`;
  return status === 'short'
    ? `${head}: sections still short after one extension: ${offenders.join(', ')}.`
    : `${head}: sections over their budget: ${offenders.join(', ')}.`;
}

/** Like Promise.all, but waits for every part before failing, so no call is left running unowned. */
async function settleAll<T>(parts: Promise<T>[]): Promise<T[]> {
  const settled = await Promise.allSettled(parts);
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((s) => (s as PromiseFulfilledResult<T>).value);
}
