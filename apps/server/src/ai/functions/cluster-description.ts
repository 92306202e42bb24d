import type { Intent } from '@igny8/contracts';
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
});

export const clusterDescription: AiFunction<ClusterDescriptionInput, z.infer<typeof output>> = {
  name: 'cluster_description',
  schema: output,
  prompt: (i) => ({
    system: `You are an SEO strategist. Write in the language with code "${i.language}".`,
    prompt: `Describe the keyword cluster "${i.name}". Its keywords (monthly volume, intent):\n${i.keywords
      .slice(0, 25)
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
