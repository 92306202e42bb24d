import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { softenImagePrompt } from '../../ai/functions/soften-prompt';
import { ProviderError } from '../../ai/providers/errors';
import { imagePrompts, images } from '../../db/schema/index';
import { defineTaskKind, type TaskHandler } from '../../jobs/registry';

export const generateImagesTask = defineTaskKind(
  'images.generate',
  z.object({
    siteId: z.uuid(),
    imagePromptIds: z.array(z.uuid()).min(1),
    /** rewrite each prompt with the text provider first (after a content-policy rejection) */
    soften: z.boolean().default(false),
  }),
);

/** One image per prompt; each fails alone with the provider's reason and can be regenerated. */
export const runGenerateImages: TaskHandler<z.infer<typeof generateImagesTask.input>> = async (ctx) => {
  const { siteId, imagePromptIds, soften } = ctx.input;
  const prompts = await ctx.db
    .select()
    .from(imagePrompts)
    .where(and(eq(imagePrompts.accountId, ctx.tenant.accountId), eq(imagePrompts.siteId, siteId), inArray(imagePrompts.id, imagePromptIds)))
    .orderBy(imagePrompts.contentId, imagePrompts.position);
  const ai = await ctx.ai.image();
  const text = soften ? await ctx.ai.text() : undefined;
  const outcome = await ctx.forEachItem(
    prompts,
    { key: (p) => p.id, label: (p) => (p.kind === 'featured' ? 'featured image' : `image after “${p.placement ?? ''}”`), verb: 'Generating' },
    async (p, save) => {
      const [row] = await ctx.db
        .insert(images)
        .values({ accountId: p.accountId, siteId, contentId: p.contentId, imagePromptId: p.id, status: 'generating' })
        .onConflictDoUpdate({ target: images.imagePromptId, set: { status: 'generating', error: null, updatedAt: new Date() } })
        .returning();
      try {
        let prompt = p.prompt;
        if (text) {
          prompt = (await text.text(softenImagePrompt, { prompt, reason: row!.error?.message ?? 'content policy' })).prompt;
          await ctx.db.update(imagePrompts).set({ prompt }).where(eq(imagePrompts.id, p.id));
        }
        const generated = await ai.image({ prompt: `${prompt}\nStyle: ${p.style}.`, ...(ai.settings.options.size ? { size: ai.settings.options.size } : {}), quality: ai.settings.options.quality });
        const fileKey = `${p.accountId}/${siteId}/${row!.id}-${Date.now()}.png`;
        const previousKey = row!.fileKey;
        await ctx.storage.put(fileKey, generated.data, generated.mimeType);
        await save(async (tx) => {
          await tx
            .update(images)
            .set({
              status: 'generated',
              error: null,
              fileKey,
              mimeType: generated.mimeType,
              provider: ai.settings.provider,
              model: ai.settings.model,
              revisedPrompt: generated.revisedPrompt ?? null,
              updatedAt: new Date(),
            })
            .where(eq(images.id, row!.id));
        });
        // The regenerated image replaces the file; the old one would otherwise stay forever.
        if (previousKey && previousKey !== fileKey) await ctx.storage.delete(previousKey);
      } catch (e) {
        const error =
          e instanceof ProviderError ? { code: e.code, message: e.message } : { code: 'image_failed', message: e instanceof Error ? e.message : String(e) };
        await ctx.db.update(images).set({ status: 'failed', error, updatedAt: new Date() }).where(eq(images.id, row!.id));
        throw e;
      }
    },
  );
  return { images: outcome.succeeded + outcome.skipped, failed: outcome.failed };
};
