import { normalizePhrase, type KeywordInput } from '@igny8/contracts';
import { z } from 'zod';
import { WorkerStopping } from '../../jobs/context';
import { defineTaskKind, type TaskHandler } from '../../jobs/registry';
import { requireSite } from '../sites/repo';
import { sectorOrDefault } from '../sectors/repo';
import { openKeywordCsv } from './csv';
import { existingSitePhrases, upsertKeywords } from './repo';
import { readUpload, removeUpload } from './upload';

/** The input names the stored upload (kept small: it is stored with the run and every poll reads the run). */
export const importKeywordsTask = defineTaskKind(
  'keywords.import',
  z.object({
    siteId: z.uuid(),
    /** where new keywords go (runs queued before sectors: the site's first sector) */
    sectorId: z.uuid().optional(),
    uploadId: z.uuid(),
    parts: z.number().int().min(1),
    /** batches of IMPORT_BATCH_ROWS valid rows, in file order */
    batches: z.number().int().min(1),
    /** distinct valid rows found when the file was checked */
    rows: z.number().int().min(1),
  }),
);

/** Valid rows per batch: one transaction each, small enough to keep each write short. */
export const IMPORT_BATCH_ROWS = 2000;

/** The upload's valid rows in batches, read from the stored parts as they are taken (bad rows were reported when it was checked). */
async function* batchesOf(source: AsyncIterable<Buffer>): AsyncGenerator<KeywordInput[]> {
  const { rows } = await openKeywordCsv(source);
  let batch: KeywordInput[] = [];
  for await (const row of rows) {
    if (!row.keyword) continue;
    batch.push(row.keyword);
    if (batch.length === IMPORT_BATCH_ROWS) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/**
 * Large CSV imports: the stored upload is parsed again as a stream and written one batch
 * per transaction, with progress; a retried job skips written batches (the parse is
 * deterministic, so batch i is the same rows every time). The upload is deleted once
 * the run has an outcome.
 */
export const runImportKeywords: TaskHandler<z.infer<typeof importKeywordsTask.input>> = async (ctx) => {
  const { siteId, sectorId, uploadId, parts, batches, rows } = ctx.input;
  const upload = { uploadId, parts };
  const source = batchesOf(readUpload(ctx.storage, ctx.tenant.accountId, upload));
  let read = 0;
  /** Batch `i`, reading past the ones an earlier attempt wrote (items come in order). */
  const batch = async (i: number): Promise<KeywordInput[]> => {
    for (;;) {
      const next = await source.next();
      if (next.done) throw new Error(`the stored upload has fewer batches than the ${batches} expected`);
      if (read++ === i) return next.value;
    }
  };
  let created = 0;
  let merged = 0;
  let pastLimit = 0;
  try {
    // The route checked the site; a run must not rely on that (its rows would carry this account into another's site).
    const site = await requireSite(ctx.db, ctx.tenant, siteId);
    const sector = await sectorOrDefault(ctx.db, ctx.tenant, siteId, sectorId);
    const outcome = await ctx.forEachItem(
      Array.from({ length: batches }, (_, i) => i),
      {
        key: (i) => `chunk-${i}`,
        label: (i) => `rows ${i * IMPORT_BATCH_ROWS + 1}–${Math.min((i + 1) * IMPORT_BATCH_ROWS, rows)}`,
        verb: 'Importing',
      },
      async (i, save) => {
        let keywords = await batch(i);
        // The plan's keyword limit, as it is now: new phrases past it are left out (merges still go in).
        const room = await ctx.planRoom('keywords');
        if (room && keywords.length > room.left) {
          const existing = await existingSitePhrases(
            ctx.db,
            ctx.tenant,
            siteId,
            keywords.map((k) => normalizePhrase(k.phrase)),
          );
          let left = room.left;
          const fits = keywords.filter((k) => existing.has(normalizePhrase(k.phrase)) || left-- > 0);
          pastLimit += keywords.length - fits.length;
          keywords = fits;
        }
        await save(async (tx) => {
          const r = await upsertKeywords(tx, ctx.tenant, siteId, keywords, {
            language: site.language,
            source: 'import',
            sectorId: sector.id,
          });
          created += r.created;
          merged += r.merged;
        });
      },
    );
    await removeUpload(ctx.storage, ctx.tenant.accountId, upload);
    return {
      rows,
      created,
      merged,
      ...(pastLimit ? { pastPlanLimit: pastLimit } : {}),
      chunks: outcome.total,
      failedChunks: outcome.failed,
    };
  } catch (e) {
    // Only a worker shutting down (or dying) hands the run to another attempt, which needs the upload; anything else ends the run.
    if (!(e instanceof WorkerStopping)) await removeUpload(ctx.storage, ctx.tenant.accountId, upload);
    throw e;
  } finally {
    await source.return(undefined);
  }
};
