import { keywordInputSchema } from '@igny8/contracts';
import { z } from 'zod';
import { defineTaskKind, type TaskHandler } from '../../jobs/registry';
import { upsertKeywords } from './repo';

export const importKeywordsTask = defineTaskKind(
  'keywords.import',
  z.object({ siteId: z.uuid(), rows: z.array(keywordInputSchema).min(1) }),
);

const CHUNK = 2000;

/** Large CSV imports: chunks written one transaction each, with progress; a retried job skips written chunks. */
export const runImportKeywords: TaskHandler<z.infer<typeof importKeywordsTask.input>> = async (ctx) => {
  const { siteId, rows } = ctx.input;
  const chunks = Array.from({ length: Math.ceil(rows.length / CHUNK) }, (_, i) => ({ i, rows: rows.slice(i * CHUNK, (i + 1) * CHUNK) }));
  let created = 0;
  let merged = 0;
  const outcome = await ctx.forEachItem(
    chunks,
    { key: (c) => `chunk-${c.i}`, label: (c) => `rows ${c.i * CHUNK + 1}–${c.i * CHUNK + c.rows.length}`, verb: 'Importing' },
    async (chunk, save) => {
      await save(async (tx) => {
        const r = await upsertKeywords(tx, ctx.tenant, siteId, chunk.rows);
        created += r.created;
        merged += r.merged;
      });
    },
  );
  return { rows: rows.length, created, merged, chunks: outcome.total, failedChunks: outcome.failed };
};
