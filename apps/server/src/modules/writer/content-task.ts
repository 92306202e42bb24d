import { creditsFor } from '@igny8/contracts';
import { z } from 'zod';
import { writeArticle } from '../../ai/functions/article';
import { defineTaskKind, type TaskHandler } from '../../jobs/registry';
import { clusterNames } from '../ideas/repo';
import { resolvePrompt } from '../prompts/service';
import { requireSite } from '../sites/repo';
import { voiceTextFor } from '../voices/service';
import { fitTo, sanitizeArticleHtml, wordCount } from './html';
import { contentIdOfWriterTask, saveArticle, setWriterTaskStatus, uniqueSlug, writerTasksByIds } from './repo';

export const generateContentTask = defineTaskKind('content.generate', z.object({ siteId: z.uuid(), writerTaskIds: z.array(z.uuid()).min(1) }), {
  targets: (i) => i.writerTaskIds,
});

/** One article per writer task; a failed article marks its writer task failed and the others go on. */
export const runGenerateContent: TaskHandler<z.infer<typeof generateContentTask.input>> = async (ctx) => {
  const { db, tenant } = ctx;
  const site = await requireSite(db, tenant, ctx.input.siteId);
  const tasks = await writerTasksByIds(db, tenant, site.id, ctx.input.writerTaskIds);
  const clusters = await clusterNames(db, tenant, site.id, [...new Set(tasks.flatMap((w) => (w.clusterId ? [w.clusterId] : [])))]);
  const ai = await ctx.ai.text();
  const costs = await ctx.costs();
  let words = 0;
  const outcome = await ctx.forEachItem(tasks, { key: (w) => w.id, label: (w) => `“${w.title}”`, verb: 'Writing', concurrency: () => ai.itemConcurrency }, async (w, save) => {
    await setWriterTaskStatus(db, tenant, w.id, 'generating');
    try {
      // The writer task's voice, else the site's; its own prompt, else its idea's, else the account's, else the default.
      const voice = await voiceTextFor(db, tenant, w.brandVoiceId ?? site.brandVoiceId);
      const { text: promptText } = await resolvePrompt(db, tenant, 'article', { writerTaskId: w.id, ideaId: w.ideaId });
      const draft = await ai.text(writeArticle, {
        title: w.title,
        primaryKeyword: w.primaryKeyword,
        secondaryKeywords: w.secondaryKeywords,
        outline: w.outline,
        targetWordCount: w.targetWordCount,
        contentType: w.contentType,
        language: site.language,
        niche: site.niche,
        cluster: w.clusterId ? (clusters.get(w.clusterId) ?? null) : null,
        brandVoice: voice.text,
        promptText,
      });
      await ctx.progress({ phase: 'parsing', message: `Checking “${w.title}”` });
      const bodyHtml = sanitizeArticleHtml(draft.bodyHtml);
      const existingId = await contentIdOfWriterTask(db, tenant, w.id);
      const values = {
        title: draft.title,
        bodyHtml,
        metaTitle: fitTo(draft.metaTitle, 60),
        metaDescription: fitTo(draft.metaDescription, 160),
        excerpt: fitTo(draft.excerpt, 500),
        wordCount: wordCount(bodyHtml),
        primaryKeyword: w.primaryKeyword,
        brandVoiceId: voice.id,
        source: ai.offline ? ('template' as const) : ('ai' as const),
        updatedAt: new Date(),
      };
      // Articles are saved in parallel: the slug is chosen inside the saving transaction.
      await save(async (tx) => saveArticle(tx, tenant, site.id, w, { ...values, slug: await uniqueSlug(tx, tenant, site.id, draft.title, existingId) }), {
        operation: 'content',
        credits: creditsFor.content(costs, w.targetWordCount),
        source: ai.settings.source,
      });
      words += values.wordCount;
    } catch (e) {
      await setWriterTaskStatus(db, tenant, w.id, 'failed', e instanceof Error ? e.message.slice(0, 500) : String(e));
      throw e;
    }
  });
  return { articles: outcome.succeeded + outcome.skipped, failed: outcome.failed, words };
};
