import { creditsFor } from '@igny8/contracts';
import { z } from 'zod';
import { defineTaskKind, type TaskHandler } from '../../jobs/registry';
import { clusterNames } from '../ideas/repo';
import { resolvePrompt } from '../prompts/service';
import { requireSite } from '../sites/repo';
import { voiceTextFor } from '../voices/service';
import { fitTo } from './html';
import {
  clusterArticles,
  contentIdOfWriterTask,
  saveArticle,
  setWriterTaskStatus,
  uniqueSlug,
  writerTasksByIds,
} from './repo';
import { scoreContextOf, scoreOf } from './score-repo';
import { writeLongForm } from './section-writer';

export const generateContentTask = defineTaskKind(
  'content.generate',
  z.object({ siteId: z.uuid(), writerTaskIds: z.array(z.uuid()).min(1), faq: z.boolean().default(false) }),
  { targets: (i) => i.writerTaskIds },
);

/**
 * One article per writer task, written section by section; a failed article marks its writer
 * task failed and the others go on.
 */
export const runGenerateContent: TaskHandler<z.infer<typeof generateContentTask.input>> = async (ctx) => {
  const { db, tenant } = ctx;
  const site = await requireSite(db, tenant, ctx.input.siteId);
  const tasks = await writerTasksByIds(db, tenant, site.id, ctx.input.writerTaskIds);
  const clusters = await clusterNames(db, tenant, site.id, [
    ...new Set(tasks.flatMap((w) => (w.clusterId ? [w.clusterId] : []))),
  ]);
  const ai = await ctx.ai.text();
  const costs = await ctx.costs();
  let words = 0;
  const lengths = { ok: 0, short: 0, long: 0 };
  const outcome = await ctx.forEachItem(
    tasks,
    { key: (w) => w.id, label: (w) => `“${w.title}”`, verb: 'Writing', concurrency: () => ai.itemConcurrency },
    async (w, save) => {
      await setWriterTaskStatus(db, tenant, w.id, 'generating');
      try {
        // The writer task's voice, else the site's; its own prompts, else its idea's, else the account's, else the
        // defaults: for the sections, a short section's rewrite and the frame (intro, conclusion, FAQ, meta).
        const voice = await voiceTextFor(db, tenant, w.brandVoiceId ?? site.brandVoiceId);
        const items = { writerTaskId: w.id, ideaId: w.ideaId };
        const [section, extend, frame] = await Promise.all(
          (['article', 'article_section_extend', 'article_frame'] as const).map(
            async (fn) => (await resolvePrompt(db, tenant, fn, items)).text,
          ),
        );
        const hubLinks =
          w.contentType === 'pillar' && w.clusterId
            ? await clusterArticles(db, tenant, site.id, w.clusterId, w.id)
            : [];
        const article = await writeLongForm(ai, {
          title: w.title,
          primaryKeyword: w.primaryKeyword,
          secondaryKeywords: w.secondaryKeywords,
          outline: w.outline,
          targetWordCount: w.targetWordCount,
          contentType: w.contentType,
          language: site.language,
          niche: site.niche,
          faq: ctx.input.faq,
          hubLinks: hubLinks.map((a) => ({ title: a.title, href: `/${a.slug}` })),
          cluster: w.clusterId ? (clusters.get(w.clusterId) ?? null) : null,
          brandVoice: voice.text,
          prompts: { section, extend, frame },
        });
        await ctx.progress({ phase: 'parsing', message: `Checking “${w.title}”` });
        const existingId = await contentIdOfWriterTask(db, tenant, w.id);
        const values = {
          title: article.title,
          bodyHtml: article.bodyHtml,
          metaTitle: fitTo(article.metaTitle, 60),
          metaDescription: fitTo(article.metaDescription, 160),
          excerpt: fitTo(article.excerpt, 500),
          wordCount: article.wordCount,
          primaryKeyword: w.primaryKeyword,
          brandVoiceId: voice.id,
          targetWordCount: w.targetWordCount,
          lengthStatus: article.lengthStatus,
          lengthNote: article.lengthNote,
          source: ai.offline ? ('template' as const) : ('ai' as const),
          updatedAt: new Date(),
        };
        // Scored before the saving transaction (no root-db query inside it).
        const breakdown = scoreOf(
          values,
          await scoreContextOf(db, tenant, site, {
            id: existingId,
            writerTaskId: w.id,
            primaryKeyword: w.primaryKeyword,
          }),
        );
        const scored = { ...values, score: breakdown.score, scoreBreakdown: breakdown };
        // Articles are saved in parallel: the slug is chosen inside the saving transaction.
        await save(
          async (tx) =>
            saveArticle(tx, tenant, site.id, w, {
              ...scored,
              slug: await uniqueSlug(tx, tenant, site.id, article.title, existingId),
            }),
          {
            operation: 'content',
            credits: creditsFor.content(costs, w.targetWordCount),
            source: ai.settings.source,
          },
        );
        words += values.wordCount;
        lengths[article.lengthStatus]++;
      } catch (e) {
        await setWriterTaskStatus(db, tenant, w.id, 'failed', e instanceof Error ? e.message.slice(0, 500) : String(e));
        throw e;
      }
    },
  );
  return {
    articles: outcome.succeeded + outcome.skipped,
    failed: outcome.failed,
    words,
    onTarget: lengths.ok,
    short: lengths.short,
    long: lengths.long,
  };
};
