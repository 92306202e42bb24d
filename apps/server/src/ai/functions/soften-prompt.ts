import type { PromptText } from '@igny8/contracts';
import { z } from 'zod';
import { defaultPrompt } from '../prompts/registry';
import { renderPrompt } from '../prompts/templates';
import type { AiFunction } from '../session';

const output = z.object({
  prompt: z
    .string()
    .min(10)
    .max(1000)
    .describe('the rewritten prompt: same subject and composition, nothing a safety system could object to'),
});

/** After a content-policy rejection: keep the picture, lose what tripped the filter. */
export const softenImagePrompt: AiFunction<
  { prompt: string; reason: string; promptText?: PromptText },
  z.infer<typeof output>
> = {
  name: 'softened_image_prompt',
  schema: output,
  prompt: (i) =>
    renderPrompt(i.promptText ?? defaultPrompt('softened_image_prompt'), { prompt: i.prompt, reason: i.reason }),
  offline: (i) => ({
    prompt: `${i.prompt
      .replace(/\b(blood|gore|weapon|gun|knife|kill|dead|naked|nude|violent|violence|war)\w*\b/gi, '')
      .replace(/\s+/g, ' ')
      .trim()}, family-friendly, neutral`,
  }),
};
