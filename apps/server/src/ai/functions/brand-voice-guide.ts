import type { PromptText } from '@igny8/contracts';
import { z } from 'zod';
import { voiceProfileText, type VoiceProfile } from '../prompts/brand-voice';
import { defaultPrompt } from '../prompts/registry';
import { renderPrompt } from '../prompts/templates';
import type { AiFunction } from '../session';

export interface BrandVoiceGuideInput {
  voice: VoiceProfile;
  samples: string[];
  /** the account's override; absent: the default */
  promptText?: PromptText;
}

const output = z.object({
  styleGuide: z
    .string()
    .min(20)
    .max(6000)
    .describe('the style guide: short imperative bullet points a writer can follow'),
});

/** "Learn from samples": a style guide from the voice's profile and samples; offline, the profile as written. */
export const brandVoiceGuide: AiFunction<BrandVoiceGuideInput, z.infer<typeof output>> = {
  name: 'brand_voice_guide',
  schema: output,
  prompt: (i) =>
    renderPrompt(i.promptText ?? defaultPrompt('brand_voice_guide'), {
      profile: voiceProfileText(i.voice),
      samples: i.samples.join('\n---\n') || '(no samples)',
    }),
  offline: (i) => ({ styleGuide: voiceProfileText(i.voice) }),
};
