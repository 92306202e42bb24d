import { creditsFor, imageStyles } from '@igny8/contracts';
import { z } from 'zod';
import { spread, writeImagePrompts } from '../../ai/functions/image-prompts';
import { defineTaskKind, type TaskHandler } from '../../jobs/registry';
import { resolvePrompt } from '../prompts/service';
import { requireSite } from '../sites/repo';
import { headings } from './html';
import { replaceImagePrompts } from './images-repo';
import { contentsByIds } from './repo';

export const generateImagePromptsTask = defineTaskKind(
  'image_prompts.generate',
  z.object({
    siteId: z.uuid(),
    contentIds: z.array(z.uuid()).min(1),
    wordsPerImage: z.number().int().min(150).default(500),
    maxInline: z.number().int().min(0).max(10).default(4),
    style: z.enum(imageStyles).optional(),
  }),
  { targets: (i) => i.contentIds },
);

/** A featured prompt plus about one in-article prompt per `wordsPerImage` words, placed after H2s. */
export const runGenerateImagePrompts: TaskHandler<z.infer<typeof generateImagePromptsTask.input>> = async (ctx) => {
  const { siteId, contentIds, wordsPerImage, maxInline } = ctx.input;
  const site = await requireSite(ctx.db, ctx.tenant, siteId);
  const items = await contentsByIds(ctx.db, ctx.tenant, site.id, contentIds);
  const { text: promptText } = await resolvePrompt(ctx.db, ctx.tenant, 'image_prompts');
  const text = await ctx.ai.text();
  const imageSettings = await ctx.ai.image();
  const style = ctx.input.style ?? imageSettings.settings.options.style ?? 'photo';
  const costs = await ctx.costs();
  let prompts = 0;
  const outcome = await ctx.forEachItem(
    items,
    {
      key: (c) => c.id,
      label: (c) => `“${c.title}”`,
      verb: 'Writing image prompts for',
      concurrency: () => text.itemConcurrency,
    },
    async (c, save) => {
      const h2s = headings(c.bodyHtml)
        .filter((h) => h.level === 2)
        .map((h) => h.text);
      const inlineCount = Math.min(maxInline, h2s.length, Math.max(1, Math.round(c.wordCount / wordsPerImage)));
      const draft = await text.text(writeImagePrompts, {
        title: c.title,
        primaryKeyword: c.primaryKeyword,
        headings: h2s,
        inlineCount,
        style,
        language: site.language,
        promptText,
      });
      // Placements must name a real heading; unknown ones are spread over the article instead.
      const fallback = spread(h2s, inlineCount);
      const inline = draft.inline
        .slice(0, inlineCount)
        .map((p, n) => ({ ...p, afterHeading: h2s.includes(p.afterHeading) ? p.afterHeading : (fallback[n] ?? null) }));
      const rows = [
        {
          kind: 'featured' as const,
          placement: null,
          position: 0,
          prompt: draft.featured.prompt,
          alt: draft.featured.alt,
          caption: draft.featured.caption,
        },
        ...inline.map((p, n) => ({
          kind: 'inline' as const,
          placement: p.afterHeading,
          position: n + 1,
          prompt: p.prompt,
          alt: p.alt,
          caption: p.caption,
        })),
      ].map((r) => ({ ...r, style }));
      // New prompts replace the article's old ones (and their images).
      await save((tx) => replaceImagePrompts(tx, ctx.tenant, site.id, c.id, rows), {
        operation: 'imagePrompts',
        credits: creditsFor.imagePrompts(costs, 1),
        source: text.settings.source,
      });
      prompts += rows.length;
    },
  );
  return { articles: outcome.succeeded + outcome.skipped, failed: outcome.failed, prompts };
};
