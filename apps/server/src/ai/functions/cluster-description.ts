import type { Intent, PromptText } from '@igny8/contracts';
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
  description: z
    .string()
    .min(20)
    .max(600)
    .describe('Two sentences: what searchers in this topic want, and what content would serve them. No marketing fluff.'),
});

export const clusterDescription: AiFunction<ClusterDescriptionInput, z.infer<typeof output>> = {
  name: 'cluster_description',
  schema: output,
  prompt: (i) => renderPrompt(i.promptText ?? defaultPrompt('cluster_description'), { cluster: i.name, keywords: keywordLines(i.keywords, 25), language: i.language }),
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
