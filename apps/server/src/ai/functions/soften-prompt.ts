import { z } from 'zod';
import type { AiFunction } from '../session';

const output = z.object({
  prompt: z.string().min(10).max(1000).describe('the rewritten prompt: same subject and composition, nothing a safety system could object to'),
});

/** After a content-policy rejection: keep the picture, lose what tripped the filter. */
export const softenImagePrompt: AiFunction<{ prompt: string; reason: string }, z.infer<typeof output>> = {
  name: 'softened_image_prompt',
  schema: output,
  prompt: (i) => ({
    system: 'You rewrite image prompts that a provider rejected, keeping their intent while removing anything sensitive (violence, real people, brands, weapons, medical or explicit content).',
    prompt: `Rejected prompt: ${i.prompt}\nProvider's reason: ${i.reason}`,
  }),
  offline: (i) => ({
    prompt: `${i.prompt
      .replace(/\b(blood|gore|weapon|gun|knife|kill|dead|naked|nude|violent|violence|war)\w*\b/gi, '')
      .replace(/\s+/g, ' ')
      .trim()}, family-friendly, neutral`,
  }),
};
