import { intentSchema, type Intent } from '@igny8/contracts';
import { z } from 'zod';
import { classifyIntent } from '../../modules/keywords/intent-rules';
import type { AiFunction } from '../session';

export interface KeywordIntentsInput {
  language: string;
  /** the cluster's topic, for context */
  topic: string;
  keywords: string[];
}

/** Keywords per call: the answer stays short enough to parse reliably. */
export const KEYWORD_INTENTS_BATCH = 60;

const output = z.object({
  intents: z
    .array(
      z.object({
        keyword: z.string().describe('the keyword exactly as given'),
        intent: intentSchema.describe(
          'informational: wants to learn; commercial: compares or researches before buying; transactional: wants to buy, book or get a price now; navigational: wants one specific site or brand page',
        ),
      }),
    )
    .describe('one entry per keyword given'),
});

/** The search intent of each keyword of a cluster; offline, the modifier rules in the site's language. */
export const keywordIntents: AiFunction<KeywordIntentsInput, z.infer<typeof output>> = {
  name: 'keyword_intents',
  schema: output,
  prompt: (i) => ({
    system: `You are an SEO strategist classifying search intent. The keywords are in the language with code "${i.language}".`,
    prompt: `Classify the search intent of each keyword of the topic "${i.topic}":\n${i.keywords.map((k) => `- ${k}`).join('\n')}`,
  }),
  offline: (i) => ({ intents: i.keywords.map((keyword) => ({ keyword, intent: classifyIntent(keyword, i.language) })) }),
  outputTokens: (i) => i.keywords.length * 20 + 50,
};

/** The answer as phrase → intent, for the keywords asked about only (case and spacing ignored). */
export function intentsByPhrase(asked: string[], answer: z.infer<typeof output>): Map<string, Intent> {
  const key = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();
  const wanted = new Map(asked.map((k) => [key(k), k]));
  const out = new Map<string, Intent>();
  for (const { keyword, intent } of answer.intents) {
    const phrase = wanted.get(key(keyword));
    if (phrase) out.set(phrase, intent);
  }
  return out;
}
