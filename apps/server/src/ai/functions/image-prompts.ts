import type { PromptText } from '@igny8/contracts';
import { z } from 'zod';
import { defaultPrompt } from '../prompts/registry';
import { renderPrompt } from '../prompts/templates';
import type { AiFunction } from '../session';

export interface ImagePromptsInput {
  title: string;
  primaryKeyword: string;
  /** H2 headings in order: in-article images go after some of them */
  headings: string[];
  inlineCount: number;
  style: string;
  language: string;
  /** the prompt in force; absent: the default */
  promptText?: PromptText;
}

const image = z.object({
  prompt: z
    .string()
    .min(20)
    .max(1000)
    .describe('a detailed image-generation prompt: subject, setting, composition, lighting; no text in the image'),
  alt: z.string().min(5).max(200).describe('alt text describing the image for screen readers'),
  caption: z.string().min(3).max(200).describe('short caption shown under the image'),
});
const output = z.object({
  featured: image,
  inline: z.array(image.extend({ afterHeading: z.string().describe('one of the given headings, exactly as written') })),
});
export type ImagePromptsDraft = z.infer<typeof output>;

export const writeImagePrompts: AiFunction<ImagePromptsInput, ImagePromptsDraft> = {
  name: 'image_prompts',
  schema: output,
  prompt: (i) =>
    renderPrompt(i.promptText ?? defaultPrompt('image_prompts'), {
      title: i.title,
      keyword: i.primaryKeyword,
      headings: i.headings.map((h) => `- ${h}`).join('\n'),
      count: String(i.inlineCount),
      style: i.style,
      language: i.language,
    }),
  offline: (i) => ({
    featured: {
      prompt: `${i.title}\n${i.style} image about ${i.primaryKeyword}, clean composition, no text`,
      alt: `Illustration for “${i.title}”`,
      caption: i.title,
    },
    inline: spread(i.headings, i.inlineCount).map((h) => ({
      afterHeading: h,
      prompt: `${h}\n${i.style} image illustrating ${h.toLowerCase()} for an article about ${i.primaryKeyword}, no text`,
      alt: `${h} — ${i.primaryKeyword}`,
      caption: h,
    })),
  }),
};

/** `n` headings spread evenly through the article. */
export function spread(headings: string[], n: number): string[] {
  if (n <= 0 || headings.length === 0) return [];
  const step = headings.length / Math.min(n, headings.length);
  return Array.from({ length: Math.min(n, headings.length) }, (_, k) => headings[Math.floor(k * step)]!);
}
