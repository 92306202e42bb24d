import { ProviderError } from '../../ai/providers/errors';
import { EMBEDDING_DIMENSIONS } from '../../ai/providers/openai';
import type { AiSession } from '../../ai/session';
import type { TaskContext } from '../../jobs/context';
import { cachedEmbeddings, saveEmbeddings } from './embeddings-repo';

/** Phrases per embeddings request (OpenAI takes up to 2,048; smaller batches retry cheaper). */
export const EMBEDDING_BATCH = 256;

/** What a stored vector was made with: the model and, where the provider shortens vectors on request, their length. */
export function embeddingModelKey(model: string): string {
  return model.startsWith('text-embedding-3') ? `${model}@${EMBEDDING_DIMENSIONS}` : model;
}

/**
 * Vectors of `kws` (in order) when an embeddings provider is configured, else undefined: clustering
 * then reads the words alone. Vectors are kept per keyword and model, so only new or edited phrases
 * are sent. Embeddings only sharpen clustering: when the provider fails, the run says so (the task
 * ends partial) and clusters on words.
 */
export async function keywordVectors(
  ctx: TaskContext<unknown>,
  session: AiSession,
  kws: readonly { id: string; phrase: string }[],
): Promise<Float32Array[] | undefined> {
  if (session.offline || kws.length === 0) return undefined;
  const model = embeddingModelKey(session.settings.model);
  const known = await cachedEmbeddings(
    ctx.db,
    ctx.tenant,
    model,
    kws.map((k) => k.id),
  );
  const missing = kws.filter((k) => !known.has(k.id));
  try {
    if (missing.length > 0) {
      await ctx.progress({
        phase: 'calling_ai',
        message: `Embedding ${missing.length.toLocaleString('en')} keywords (${known.size.toLocaleString('en')} known)`,
      });
    }
    const batches = Array.from({ length: Math.ceil(missing.length / EMBEDDING_BATCH) }, (_, i) =>
      missing.slice(i * EMBEDDING_BATCH, (i + 1) * EMBEDDING_BATCH),
    );
    // The session caps the calls in flight at the provider's concurrency.
    await Promise.all(
      batches.map(async (batch) => {
        const vectors = await session.embed(batch.map((k) => k.phrase));
        const rows = batch.map((k, i) => ({ keywordId: k.id, phrase: k.phrase, vector: vectors[i]! }));
        await saveEmbeddings(ctx.db, ctx.tenant, model, rows);
        for (const r of rows) known.set(r.keywordId, r.vector);
      }),
    );
  } catch (e) {
    if (!(e instanceof ProviderError)) throw e;
    ctx.itemFellBack('embeddings', 'keyword embeddings (clustered on words only)', e);
    return undefined;
  }
  const vectors = kws.map((k) => known.get(k.id)!);
  // A model changed under the same name answers another length: those vectors cannot be compared.
  const dim = vectors[0]!.length;
  if (vectors.some((v) => v.length !== dim)) {
    ctx.itemFellBack(
      'embeddings',
      'keyword embeddings (clustered on words only)',
      new ProviderError('invalid_output', 'The stored and new embeddings have different lengths'),
    );
    return undefined;
  }
  return vectors;
}
