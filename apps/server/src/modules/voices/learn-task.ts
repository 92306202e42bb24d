import { creditsFor } from '@igny8/contracts';
import { z } from 'zod';
import { brandVoiceGuide } from '../../ai/functions/brand-voice-guide';
import { defineTaskKind, type TaskHandler } from '../../jobs/registry';
import { audit } from '../audit/service';
import { resolvePrompt } from '../prompts/service';
import * as repo from './repo';

/** "Learn from samples": one brand voice's style guide, written by the text provider from its profile and samples. */
export const learnVoiceTask = defineTaskKind('brand_voices.learn', z.object({ voiceId: z.uuid() }), {
  targets: (i) => [`voice:${i.voiceId}`],
});

/** Offline, the style guide is the profile as written. Charged once, with the saved guide, when the platform's keys wrote it. */
export const runLearnVoice: TaskHandler<z.infer<typeof learnVoiceTask.input>> = async (ctx) => {
  const voice = await repo.requireVoice(ctx.db, ctx.tenant, ctx.input.voiceId);
  const { text: promptText } = await resolvePrompt(ctx.db, ctx.tenant, 'brand_voice_guide');
  const text = await ctx.ai.text();
  const credits = creditsFor.styleGuide(await ctx.costs());
  const outcome = await ctx.forEachItem(
    [voice],
    { key: (v) => v.id, label: (v) => `“${v.name}”`, verb: 'Learning the style of' },
    async (v, save) => {
      const { styleGuide } = await text.text(brandVoiceGuide, { voice: v, samples: v.samples, promptText });
      await save(
        async (tx) => {
          await repo.updateVoice(tx, ctx.tenant, v.id, {
            styleGuide,
            styleGuideSource: text.offline ? 'template' : 'ai',
          });
          await audit.record(tx, ctx.tenant, {
            action: 'brand_voice.updated',
            target: { type: 'brand_voice', id: v.id, label: v.name },
            details: { fields: ['styleGuide'], learned: !text.offline },
          });
        },
        { operation: 'styleGuide', credits, source: text.settings.source },
      );
    },
  );
  return { learned: outcome.succeeded, failed: outcome.failed, fromSamples: !text.offline };
};
