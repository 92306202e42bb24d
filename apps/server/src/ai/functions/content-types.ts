import type { ContentType, OutlineItem } from '@igny8/contracts';

/**
 * What each content type asks of its outline and its sections. The rules are prompt text
 * ({type_rules}, {outline_rules}); `completeOutline` makes any outline fit the type (a how-to
 * without steps gets them), for the model and the offline templates alike.
 */
export interface ContentTypeRules {
  label: string;
  outlineRules: string;
  sectionRules: string;
  /** H2s the type needs, added when the outline has nothing matching `match` */
  required: { match: RegExp; heading: (keyword: string) => string; at: 'start' | 'end' }[];
  /** heading of the closing section */
  conclusion: string;
}

const cap = (s: string) => s.charAt(0).toLocaleUpperCase() + s.slice(1);

export const contentTypeRules: Record<ContentType, ContentTypeRules> = {
  article: {
    label: 'article',
    outlineRules: 'H2 sections that each answer one question a reader has about the topic, most important first.',
    sectionRules:
      'Explain with concrete facts, examples and numbers; short paragraphs; a list or table where it helps.',
    required: [],
    conclusion: 'Summary',
  },
  'how-to': {
    label: 'how-to guide',
    outlineRules: 'What you need first, then numbered steps in order (one H3 per step), then common mistakes.',
    sectionRules:
      'Use the imperative; in step sections give numbered steps (<ol>) with the why of each step; name tools and quantities.',
    required: [
      { match: /need|before you start|prepar/i, heading: () => 'What you need', at: 'start' },
      { match: /step/i, heading: (k) => `How to ${k.replace(/^how to\s+/i, '')}: step by step`, at: 'end' },
    ],
    conclusion: 'Wrapping up',
  },
  listicle: {
    label: 'listicle',
    outlineRules:
      'A short "how we chose" section, then one H3 per list item under an H2, each item with the same fields.',
    sectionRules:
      'For list sections, one <h3> per item with its name, then who it suits, strengths and a drawback; keep items parallel.',
    required: [{ match: /pick|top|best|list|tips/i, heading: (k) => `Our top ${k} picks`, at: 'start' }],
    conclusion: 'Final thoughts',
  },
  comparison: {
    label: 'comparison ("X vs Y")',
    outlineRules:
      'The options at a glance, a side-by-side comparison by criterion, who each option suits, and a verdict.',
    sectionRules:
      'Compare the options on the same criteria; include a <table> with one row per criterion in the side-by-side section; be fair and specific.',
    required: [{ match: /side-by-side|compar|vs\.?/i, heading: () => 'Side-by-side comparison', at: 'start' }],
    conclusion: 'Verdict',
  },
  review: {
    label: 'review',
    outlineRules:
      'What it is and who it is for, how it was tested, performance by criterion, pros and cons, alternatives, verdict.',
    sectionRules: 'Write from hands-on experience; give measured results; the pros and cons section uses two lists.',
    required: [
      { match: /pros|cons/i, heading: () => 'Pros and cons', at: 'end' },
      { match: /alternativ/i, heading: (k) => `Alternatives to ${k}`, at: 'end' },
    ],
    conclusion: 'Verdict',
  },
  pillar: {
    label: 'cluster hub (pillar page)',
    outlineRules:
      'A broad overview of the whole topic, one H2 per subtopic of the cluster, each pointing to the detailed article on it.',
    sectionRules:
      'Give an overview of the subtopic in a few paragraphs and say what the detailed article covers; do not go as deep as that article.',
    required: [{ match: /overview|explained|what is/i, heading: (k) => `${cap(k)} explained`, at: 'start' }],
    conclusion: 'Where to go next',
  },
};

const CLOSING = /^(summary|conclusion|verdict|wrap[- ]?up|wrapping up|final thoughts|where to go next)\b/i;
const FAQ = /frequently asked|faq/i;

/**
 * The outline the writer follows: the type's required sections added, and the closing and FAQ
 * sections taken out (the writer writes those itself, after the body).
 */
export function completeOutline(
  type: ContentType,
  keyword: string,
  outline: OutlineItem[],
): { outline: OutlineItem[]; conclusion: string; faq: boolean } {
  const rules = contentTypeRules[type];
  let conclusion = rules.conclusion;
  let faq = false;
  let items: OutlineItem[] = [];
  let skipping = false;
  for (const o of outline) {
    if (o.level === 2) {
      skipping = false;
      if (FAQ.test(o.text)) {
        faq = true;
        skipping = true;
        continue;
      }
      if (CLOSING.test(o.text)) {
        conclusion = o.text;
        skipping = true;
        continue;
      }
    }
    if (!skipping) items.push(o);
  }
  for (const r of rules.required) {
    if (items.some((o) => r.match.test(o.text))) continue;
    const h = { level: 2 as const, text: r.heading(keyword) };
    items = r.at === 'start' ? [h, ...items] : [...items, h];
  }
  // At least one H2 carries the primary keyword (search engines and readers scan headings).
  const kw = keyword.toLocaleLowerCase();
  if (!items.some((o) => o.level === 2 && o.text.toLocaleLowerCase().includes(kw)))
    items = [{ level: 2, text: `${cap(keyword)} at a glance` }, ...items];
  return { outline: items, conclusion, faq };
}

export interface OutlineSection {
  heading: string;
  subheadings: string[];
}

/** H2s with the H3s under them: one section each (an H3 before any H2 starts its own section). */
export function outlineSections(outline: OutlineItem[]): OutlineSection[] {
  const out: OutlineSection[] = [];
  for (const o of outline) {
    if (o.level === 2 || !out.length) out.push({ heading: o.text, subheadings: [] });
    else out[out.length - 1]!.subheadings.push(o.text);
  }
  return out;
}
