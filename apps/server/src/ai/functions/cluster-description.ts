import { intentSchema, normalizePhrase, type Intent, type PromptText } from '@igny8/contracts';
import { z } from 'zod';
import { defaultPrompt } from '../prompts/registry';
import { renderPrompt } from '../prompts/templates';
import { dominantIntent, keywordLines } from './ideas';
import type { AiFunction } from '../session';

export interface ClusterDescriptionInput {
  name: string;
  language: string;
  /** highest-volume first */
  keywords: { phrase: string; volume: number | null; intent: Intent | null }[];
  /** the names of the site's other clusters in the sector, for outliers' better homes */
  otherClusters?: string[];
  /** the account's prompt; absent: the default */
  promptText?: PromptText;
}

/** Keywords listed in the prompt (with their intent asked for): the rest keep the offline rules' intent. */
export const DESCRIBED_KEYWORDS = 25;
/** Other clusters named in the prompt as outliers' possible homes. */
export const OTHER_CLUSTERS = 40;

const output = z.object({
  name: z
    .string()
    .max(80)
    .optional()
    .describe(
      'A short name for the topic (2 to 5 words, in the keywords’ language): what the searches are about, not one keyword copied with its modifiers.',
    ),
  description: z
    .string()
    .min(20)
    .max(600)
    .describe(
      'Two sentences: what searchers in this topic want, and what content would serve them. No marketing fluff.',
    ),
  intents: z
    .array(
      z.object({
        keyword: z.string().describe('a keyword exactly as listed'),
        intent: intentSchema.describe(
          'informational: wants to learn; commercial: compares or researches before buying; transactional: wants to buy, book or get a price now; navigational: wants one specific site or brand page',
        ),
      }),
    )
    .optional()
    .describe('the search intent of each keyword listed'),
  outliers: z
    .array(
      z.object({
        keyword: z.string().describe('a keyword exactly as listed'),
        reason: z.string().max(300).describe('why it does not belong to this cluster, in one short sentence'),
        betterCluster: z
          .string()
          .max(120)
          .optional()
          .describe('the other cluster it belongs in, named exactly as listed; omitted when none fits'),
      }),
    )
    .max(DESCRIBED_KEYWORDS)
    .optional()
    .describe('keywords listed whose topic clearly differs from the cluster’s; empty when all belong'),
});

/** The model's cluster name, tidied (spacing, quotes, a final full stop); undefined when it gave none worth keeping. */
export function clusterNameOf(answer: { name?: string }): string | undefined {
  const name = answer.name
    ?.replace(/\s+/g, ' ')
    .trim()
    .replace(/^["'“”‘’«»]+|["'“”‘’«»]+$/g, '')
    .replace(/\.$/, '')
    .trim();
  return name && name.length >= 2 ? name : undefined;
}

export interface Outlier {
  keywordId: string;
  reason: string;
  /** the better cluster's name as given, when it is one of `otherClusters` */
  proposedName: string | null;
}

/** The model's intents for the keywords it was shown, matched by phrase as the keyword store folds it; others are dropped. */
export function intentsOf(
  shown: { id: string; phrase: string }[],
  answered: { keyword: string; intent: Intent }[],
): { id: string; intent: Intent }[] {
  const byPhrase = new Map(answered.map((a) => [normalizePhrase(a.keyword), a.intent]));
  return shown.flatMap((k) => {
    const intent = byPhrase.get(normalizePhrase(k.phrase));
    return intent ? [{ id: k.id, intent }] : [];
  });
}

/**
 * The model's outliers among the keywords it was shown, by id: a keyword it did not list, or named twice,
 * is skipped; a better cluster it made up (not one of the names given) is dropped, not invented.
 */
export function outliersOf(
  shown: { id: string; phrase: string }[],
  answer: { outliers?: { keyword: string; reason: string; betterCluster?: string }[] },
  otherClusters: string[],
): Outlier[] {
  const byPhrase = new Map(shown.map((k) => [normalizePhrase(k.phrase), k.id]));
  const names = new Map(otherClusters.map((n) => [normalizePhrase(n), n]));
  const found = new Map<string, Outlier>();
  for (const o of answer.outliers ?? []) {
    const id = byPhrase.get(normalizePhrase(o.keyword));
    if (!id || found.has(id)) continue;
    const better = o.betterCluster ? names.get(normalizePhrase(o.betterCluster.replace(/^[-•\s]+/, ''))) : undefined;
    found.set(id, {
      keywordId: id,
      reason: o.reason.trim() || 'Its topic differs from the cluster’s.',
      proposedName: better ?? null,
    });
  }
  // Never all of them: a cluster whose every keyword is an outlier is the model's misreading, not a cluster.
  return found.size < shown.length ? [...found.values()] : [];
}

export const clusterDescription: AiFunction<ClusterDescriptionInput, z.infer<typeof output>> = {
  name: 'cluster_description',
  schema: output,
  prompt: (i) =>
    renderPrompt(i.promptText ?? defaultPrompt('cluster_description'), {
      cluster: i.name,
      keywords: keywordLines(i.keywords, DESCRIBED_KEYWORDS),
      other_clusters: i.otherClusters?.length
        ? i.otherClusters
            .slice(0, OTHER_CLUSTERS)
            .map((n) => `- ${n}`)
            .join('\n')
        : '(none)',
      language: i.language,
    }),
  offline: (i) => {
    const top = i.keywords.slice(0, 3).map((k) => `“${k.phrase}”`);
    const dominant = dominantIntent(i.keywords);
    const volume = i.keywords.reduce((s, k) => s + (k.volume ?? 0), 0);
    return {
      description: `${i.keywords.length} searches around “${i.name}”, such as ${top.join(', ')}${
        dominant ? `, mostly ${dominant}` : ''
      }${volume ? ` (${volume.toLocaleString('en')} searches a month in total)` : ''}. Template description written offline.`,
    };
  },
};
