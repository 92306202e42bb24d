import { and, eq, inArray, sql } from 'drizzle-orm';
import type { TenantContext } from '../../access/context';
import type { Db } from '../../db/client';
import { keywordEmbeddings, keywords } from '../../db/schema/index';

/** Keywords read or written per statement. */
const PAGE = 2000;

const toBytes = (v: Float32Array): Buffer => Buffer.from(v.buffer, v.byteOffset, v.byteLength);
/** A copy: the driver's buffer may be a view into a larger one, not aligned for floats. */
const toVector = (b: Buffer): Float32Array => {
  const v = new Float32Array(b.byteLength / 4);
  for (let i = 0; i < v.length; i++) v[i] = b.readFloatLE(i * 4);
  return v;
};

/**
 * The stored vectors of these keywords for `model`, by keyword id: only those made from the keyword's
 * current phrase (an edited phrase has none until embedded again).
 */
export async function cachedEmbeddings(
  db: Db,
  t: TenantContext,
  model: string,
  keywordIds: readonly string[],
): Promise<Map<string, Float32Array>> {
  const out = new Map<string, Float32Array>();
  for (let i = 0; i < keywordIds.length; i += PAGE) {
    const rows = await db
      .select({ id: keywordEmbeddings.keywordId, vector: keywordEmbeddings.vector })
      .from(keywordEmbeddings)
      .innerJoin(
        keywords,
        and(eq(keywords.id, keywordEmbeddings.keywordId), eq(keywords.phrase, keywordEmbeddings.phrase)),
      )
      .where(
        and(
          eq(keywordEmbeddings.accountId, t.accountId),
          eq(keywordEmbeddings.model, model),
          inArray(keywordEmbeddings.keywordId, keywordIds.slice(i, i + PAGE)),
        ),
      );
    for (const r of rows) out.set(r.id, toVector(r.vector));
  }
  return out;
}

/** Stores vectors (replacing a keyword's earlier one for the model). */
export async function saveEmbeddings(
  db: Db,
  t: TenantContext,
  model: string,
  rows: readonly { keywordId: string; phrase: string; vector: Float32Array }[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += PAGE) {
    await db
      .insert(keywordEmbeddings)
      .values(
        rows.slice(i, i + PAGE).map((r) => ({
          keywordId: r.keywordId,
          accountId: t.accountId,
          model,
          phrase: r.phrase,
          vector: toBytes(r.vector),
        })),
      )
      .onConflictDoUpdate({
        target: [keywordEmbeddings.keywordId, keywordEmbeddings.model],
        set: { phrase: sql`excluded.phrase`, vector: sql`excluded.vector`, createdAt: sql`now()` },
      });
  }
}
