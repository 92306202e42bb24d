import { contentTypeSchema, outlineItemSchema, type ContentType, type Intent, type PromptText } from '@igny8/contracts';
import { z } from 'zod';
import { NO_BRAND_VOICE } from '../prompts/brand-voice';
import { defaultPrompt } from '../prompts/registry';
import { renderPrompt } from '../prompts/templates';
import type { AiFunction } from '../session';
import { contentTypeRules } from './content-types';
import { keywordShape, naturalType, titleFor } from './title-shapes';

export interface IdeasInput {
  cluster: { name: string; description: string };
  /** highest-volume first */
  keywords: { phrase: string; volume: number | null; intent: Intent | null }[];
  count: number;
  language: string;
  niche: string | null;
  /** titles that already exist for this cluster, to avoid repeats */
  existingTitles: string[];
  /** `{brand_voice}`: the site's voice, as instructions */
  brandVoice?: string;
  /** the prompt in force (account → default); absent: the default */
  promptText?: PromptText;
}

const idea = z.object({
  title: z
    .string()
    .min(10)
    .max(120)
    .describe('A specific, compelling article title containing the primary keyword naturally'),
  summary: z
    .string()
    .min(20)
    .max(500)
    .describe('The angle: who it is for and what makes it better than what ranks today'),
  contentType: contentTypeSchema.describe('article, listicle, how-to, comparison, review or pillar (the cluster hub)'),
  outline: z.array(outlineItemSchema).min(3).max(20).describe('H2 sections with optional H3s under them'),
  primaryKeyword: z.string().min(1).describe('exactly one keyword from the list given'),
  secondaryKeywords: z
    .array(z.string())
    .max(10)
    .describe('other keywords from the list given that the article also covers'),
  targetWordCount: z.number().int().min(300).max(6000).describe('realistic length to compete for the primary keyword'),
});
const output = z.object({ ideas: z.array(idea).min(1).max(10) });
export type IdeaDraft = z.infer<typeof idea>;

/** `{type_rules}`: how the outline of each content type is shaped. */
export const outlineRules = () =>
  Object.entries(contentTypeRules)
    .map(([type, r]) => `${type} (${r.label}): ${r.outlineRules}`)
    .join(' ');

export const clusterIdeas: AiFunction<IdeasInput, z.infer<typeof output>> = {
  name: 'cluster_ideas',
  schema: output,
  prompt: (i) =>
    renderPrompt(i.promptText ?? defaultPrompt('cluster_ideas'), {
      cluster: i.cluster.name,
      cluster_description: i.cluster.description,
      keywords: keywordLines(i.keywords, 40),
      count: String(i.count),
      existing_titles: i.existingTitles.join('; ') || 'none',
      language: i.language,
      niche: i.niche ?? 'general topics',
      brand_voice: i.brandVoice ?? NO_BRAND_VOICE,
      type_rules: outlineRules(),
    }),
  offline: (i) => ({ ideas: templateIdeas(i) }),
};

/** `- phrase (volume, intent)` lines, highest volume first, at most `max`. */
export function keywordLines(
  kws: { phrase: string; volume: number | null; intent: Intent | null }[],
  max: number,
): string {
  return kws
    .slice(0, max)
    .map((k) => `- ${k.phrase} (${k.volume ?? '?'}, ${k.intent ?? 'unknown'})`)
    .join('\n');
}

const capital = (s: string) => s.charAt(0).toLocaleUpperCase() + s.slice(1);

/** Deterministic ideas from the cluster's keywords and intent, for the offline provider. */
function templateIdeas(i: IdeasInput): IdeaDraft[] {
  const kws = i.keywords.length ? i.keywords : [{ phrase: i.cluster.name, volume: null, intent: null }];
  const intent = dominantIntent(kws);
  const plans: { type: ContentType; sections: (k: string) => string[] }[] = [
    intent === 'commercial' || intent === 'transactional'
      ? {
          type: 'listicle',
          sections: (k) => [`How we chose`, `Our top picks`, `What to look for in ${k}`, `Frequently asked questions`],
        }
      : {
          type: 'how-to',
          sections: (k) => [
            `What ${k} involves`,
            `Before you start`,
            `Step by step`,
            `Common mistakes`,
            `Frequently asked questions`,
          ],
        },
    {
      type: 'pillar',
      sections: (k) => [
        `${capital(k)} explained`,
        `Why it matters`,
        `Key options compared`,
        `Getting started`,
        `Resources`,
      ],
    },
    {
      type: 'comparison',
      sections: () => [`The options at a glance`, `Side-by-side comparison`, `Which one is right for you`, `Verdict`],
    },
    { type: 'article', sections: (k) => [`The short answer`, `${capital(k)} in detail`, `Practical tips`, `Summary`] },
    {
      type: 'listicle',
      sections: () => [`Tips for beginners`, `Tips for advanced readers`, `Tools that help`, `Wrap-up`],
    },
  ];
  const reviewPlan = {
    type: 'review' as const,
    sections: () => [
      `What it is and who it is for`,
      `How we tested`,
      `Performance`,
      `Pros and cons`,
      `Alternatives`,
      `Verdict`,
    ],
  };
  /** The plans for one keyword: the type its shape asks for ("best X" → listicle, "X vs Y" → comparison…) first. */
  const plansFor = (k: string) => {
    const natural = naturalType(keywordShape(k));
    if (!natural) return plans;
    const first = plans.find((p) => p.type === natural) ?? (natural === 'review' ? reviewPlan : undefined);
    return first ? [first, ...plans.filter((p) => p !== first)] : plans;
  };
  const existing = new Set(i.existingTitles.map((t) => t.toLowerCase()));
  const out: IdeaDraft[] = [];
  for (let n = 0; out.length < i.count && n < plans.length * kws.length; n++) {
    const primary = kws[Math.floor(n / plans.length) % kws.length]!.phrase;
    const plan = plansFor(primary)[n % plans.length]!;
    const title = titleFor(plan.type, primary, Math.min(10, Math.max(5, kws.length)));
    if (existing.has(title.toLowerCase())) continue;
    existing.add(title.toLowerCase());
    const secondary = kws
      .filter((k) => k.phrase !== primary)
      .slice(0, 6)
      .map((k) => k.phrase);
    out.push({
      title,
      summary: `Template idea written offline for “${i.cluster.name}”: a ${plan.type} targeting “${primary}” for ${intent ?? 'general'} searchers.`,
      contentType: plan.type,
      outline: plan
        .sections(primary)
        .flatMap((h, idx) => [
          { level: 2 as const, text: h },
          ...(idx === 1 && secondary[0] ? [{ level: 3 as const, text: capital(secondary[0]) }] : []),
        ]),
      primaryKeyword: primary,
      secondaryKeywords: secondary,
      targetWordCount: plan.type === 'pillar' ? 3000 : plan.type === 'article' ? 1200 : 1800,
    });
  }
  return out;
}

/** The most frequent intent (ties: alphabetical), or null when none is known. */
export function dominantIntent(kws: { intent: Intent | null }[]): Intent | null {
  const counts = new Map<Intent, number>();
  for (const k of kws) if (k.intent) counts.set(k.intent, (counts.get(k.intent) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? null;
}
