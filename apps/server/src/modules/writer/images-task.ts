import { creditsFor, imageQualitySchema, isPremiumImage } from '@igny8/contracts';
import { z } from 'zod';
import { softenImagePrompt } from '../../ai/functions/soften-prompt';
import { ProviderError } from '../../ai/providers/errors';
import { AppError } from '../../http/errors';
import { defineTaskKind, type TaskHandler } from '../../jobs/registry';
import { resolvePrompt } from '../prompts/service';
import { requireSite } from '../sites/repo';
import { imagePromptsByIds, markImageFailed, markImageGenerated, setImagePromptText, startImage } from './images-repo';
import { rescoreContent } from './score-repo';

export const generateImagesTask = defineTaskKind(
  'images.generate',
  z.object({
    siteId: z.uuid(),
    imagePromptIds: z.array(z.uuid()).min(1),
    /** rewrite each prompt with the text provider first (after a content-policy rejection) */
    soften: z.boolean().default(false),
    /** this run's quality, instead of the image settings' */
    quality: imageQualitySchema.optional(),
  }),
  { targets: (i) => i.imagePromptIds },
);

/** One image per prompt; each fails alone with the provider's reason and can be regenerated. */
export const runGenerateImages: TaskHandler<z.infer<typeof generateImagesTask.input>> = async (ctx) => {
  const { imagePromptIds, soften } = ctx.input;
  const { db, tenant } = ctx;
  const site = await requireSite(db, tenant, ctx.input.siteId);
  const prompts = await imagePromptsByIds(db, tenant, site.id, imagePromptIds);
  const ai = await ctx.ai.image();
  const text = soften ? await ctx.ai.text() : undefined;
  const softenPrompt = soften ? (await resolvePrompt(db, tenant, 'softened_image_prompt')).text : undefined;
  const costs = await ctx.costs();
  const quality = ctx.input.quality ?? ai.settings.options.quality;
  const image = { model: ai.settings.model, quality: quality ?? null };
  const charge = {
    operation: isPremiumImage(costs, image) ? ('imagePremium' as const) : ('imageBasic' as const),
    credits: creditsFor.image(costs, image),
    source: ai.settings.source,
  };
  const outcome = await ctx.forEachItem(
    prompts,
    {
      key: (p) => p.id,
      label: (p) => (p.kind === 'featured' ? 'featured image' : `image after “${p.placement ?? ''}”`),
      verb: 'Generating',
      concurrency: () => ai.itemConcurrency,
    },
    async (p, save) => {
      const row = await startImage(db, tenant, p);
      try {
        let prompt = p.prompt;
        if (text) {
          prompt = (
            await text.text(softenImagePrompt, {
              prompt,
              reason: row.error?.message ?? 'content policy',
              promptText: softenPrompt,
            })
          ).prompt;
          await setImagePromptText(db, tenant, p.id, prompt);
        }
        const generated = await ai.image({
          prompt: `${prompt}\nStyle: ${p.style}.`,
          ...(ai.settings.options.size ? { size: ai.settings.options.size } : {}),
          quality,
        });
        const fileKey = `${tenant.accountId}/${site.id}/${row.id}-${Date.now()}.png`;
        const previousKey = row.fileKey;
        await ctx.storage.put(fileKey, generated.data, generated.mimeType);
        try {
          await save(
            (tx) =>
              markImageGenerated(tx, tenant, row.id, {
                fileKey,
                mimeType: generated.mimeType,
                provider: ai.settings.provider,
                model: ai.settings.model,
                revisedPrompt: generated.revisedPrompt ?? null,
              }),
            charge,
          );
        } catch (e) {
          // Not saved (e.g. not enough credits to pay for it): its file goes too.
          await ctx.storage.delete(fileKey);
          throw e;
        }
        // The regenerated image replaces the file; the old one would otherwise stay forever.
        if (previousKey && previousKey !== fileKey) await ctx.storage.delete(previousKey);
      } catch (e) {
        const error =
          e instanceof ProviderError || e instanceof AppError
            ? { code: e.code, message: e.message }
            : { code: 'image_failed', message: e instanceof Error ? e.message : String(e) };
        await markImageFailed(db, tenant, row.id, error);
        throw e;
      }
    },
  );
  // Images with alt text count in the content score: the articles are scored again with them.
  for (const contentId of new Set(prompts.map((p) => p.contentId))) await rescoreContent(db, tenant, site, contentId);
  return { images: outcome.succeeded + outcome.skipped, failed: outcome.failed };
};
