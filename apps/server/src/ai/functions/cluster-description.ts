import { intentSchema, type Intent } from '@igny8/contracts';
import { z } from 'zod';
import { dominantIntent } from './ideas';
import type { AiFunction } from '../session';

export interface ClusterDescriptionInput {
  name: string;
  language: string;
  /** highest-volume first */
  keywords: { phrase: string; volume: number | null; intent: Intent | null }[];
}

const output = z.object({
  description: z
    .string()
    .min(20)
    .max(600)
    .describe('Two sentences: what searchers in this topic want, and what content would serve them. No marketing fluff.'),
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

export const clusterDescription: AiFunction<ClusterDescriptionInput, z.infer<typeof output>> = {
  name: 'cluster_description',
  schema: output,
  prompt: (i) => ({
    system: `You are an SEO strategist. Write in the language with code "${i.language}".`,
    prompt: `Describe the keyword cluster "${i.name}", and give the search intent of each of its keywords (the intent shown is a guess from modifiers). Its keywords (monthly volume, intent):\n${i.keywords
      .slice(0, DESCRIBED_KEYWORDS)
      .map((k) => `- ${k.phrase} (${k.volume ?? '?'}, ${k.intent ?? 'unknown'})`)
      .join('\n')}`,
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
