import { intentSchema, type Intent, type PromptText } from '@igny8/contracts';
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
  /** the account's prompt; absent: the default */
  promptText?: PromptText;
}

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
});

/** Keywords listed in the prompt (with their intent asked for): the rest keep the offline rules' intent. */
export const DESCRIBED_KEYWORDS = 25;

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

export const clusterDescription: AiFunction<ClusterDescriptionInput, z.infer<typeof output>> = {
  name: 'cluster_description',
  schema: output,
  prompt: (i) =>
    renderPrompt(i.promptText ?? defaultPrompt('cluster_description'), {
      cluster: i.name,
      keywords: keywordLines(i.keywords, DESCRIBED_KEYWORDS),
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
