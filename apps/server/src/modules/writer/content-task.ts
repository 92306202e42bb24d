import { and, eq, inArray, like } from 'drizzle-orm';
import slugify from 'slugify';
import { z } from 'zod';
import { writeArticle } from '../../ai/functions/article';
import type { Db } from '../../db/client';
import { contents, ideas, sites, writerTasks } from '../../db/schema/index';
import { defineTaskKind, type TaskHandler } from '../../jobs/registry';
import { fitTo, sanitizeArticleHtml, wordCount } from './html';

export const generateContentTask = defineTaskKind('content.generate', z.object({ siteId: z.uuid(), writerTaskIds: z.array(z.uuid()).min(1) }));

async function uniqueSlug(db: Db, siteId: string, title: string, exceptId?: string): Promise<string> {
  const base = slugify(title, { lower: true, strict: true }).slice(0, 80) || 'article';
  const taken = new Set(
    (await db.select({ slug: contents.slug, id: contents.id }).from(contents).where(and(eq(contents.siteId, siteId), like(contents.slug, `${base}%`))))
      .filter((r) => r.id !== exceptId)
      .map((r) => r.slug),
  );
  for (let n = 1; ; n++) if (!taken.has(n === 1 ? base : `${base}-${n}`)) return n === 1 ? base : `${base}-${n}`;
}

/** One article per writer task; a failed article marks its writer task failed and the others go on. */
export const runGenerateContent: TaskHandler<z.infer<typeof generateContentTask.input>> = async (ctx) => {
  const { siteId, writerTaskIds } = ctx.input;
  const [site] = await ctx.db.select().from(sites).where(eq(sites.id, siteId));
  const tasks = await ctx.db
    .select()
    .from(writerTasks)
    .where(and(eq(writerTasks.accountId, ctx.tenant.accountId), eq(writerTasks.siteId, siteId), inArray(writerTasks.id, writerTaskIds)));
  const ai = await ctx.ai.text();
  let words = 0;
  const outcome = await ctx.forEachItem(tasks, { key: (w) => w.id, label: (w) => `“${w.title}”`, verb: 'Writing' }, async (w, save) => {
    await ctx.db.update(writerTasks).set({ status: 'generating', error: null }).where(eq(writerTasks.id, w.id));
    try {
      const draft = await ai.text(writeArticle, {
        title: w.title,
        primaryKeyword: w.primaryKeyword,
        secondaryKeywords: w.secondaryKeywords,
        outline: w.outline,
        targetWordCount: w.targetWordCount,
        contentType: w.contentType,
        language: site?.language ?? 'en',
        niche: site?.niche ?? null,
      });
      await ctx.progress({ phase: 'parsing', message: `Checking “${w.title}”` });
      const bodyHtml = sanitizeArticleHtml(draft.bodyHtml);
      const [existing] = await ctx.db.select({ id: contents.id }).from(contents).where(eq(contents.writerTaskId, w.id));
      const values = {
        title: draft.title,
        slug: await uniqueSlug(ctx.db, siteId, draft.title, existing?.id),
        bodyHtml,
        metaTitle: fitTo(draft.metaTitle, 60),
        metaDescription: fitTo(draft.metaDescription, 160),
        excerpt: fitTo(draft.excerpt, 500),
        wordCount: wordCount(bodyHtml),
        primaryKeyword: w.primaryKeyword,
        source: ai.offline ? ('template' as const) : ('ai' as const),
        updatedAt: new Date(),
      };
      await save(async (tx) => {
        // Regenerating replaces the writer task's article instead of adding a second one.
        await tx
          .insert(contents)
          .values({ ...values, accountId: ctx.tenant.accountId, siteId, writerTaskId: w.id })
          .onConflictDoUpdate({ target: contents.writerTaskId, set: values });
        await tx.update(writerTasks).set({ status: 'done', error: null }).where(eq(writerTasks.id, w.id));
        if (w.ideaId) await tx.update(ideas).set({ status: 'done' }).where(eq(ideas.id, w.ideaId));
      });
      words += values.wordCount;
    } catch (e) {
      await ctx.db
        .update(writerTasks)
        .set({ status: 'failed', error: e instanceof Error ? e.message.slice(0, 500) : String(e) })
        .where(eq(writerTasks.id, w.id));
      throw e;
    }
  });
  return { articles: outcome.succeeded + outcome.skipped, failed: outcome.failed, words };
};
