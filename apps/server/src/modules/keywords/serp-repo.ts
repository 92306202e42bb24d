import { and, eq, inArray, sql } from 'drizzle-orm';
import type { TenantContext } from '../../access/context';
import type { Db } from '../../db/client';
import { keywordSerps, keywords } from '../../db/schema/index';
import { inSite } from '../../db/query';

/** Rows read or written per statement. */
const PAGE = 2000;

/** Ids of the site's keywords by normalised phrase, for the phrases given. */
export async function keywordIdsByPhrase(
  db: Db,
  t: TenantContext,
  siteId: string,
  norms: readonly string[],
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let i = 0; i < norms.length; i += PAGE) {
    const rows = await db
      .select({ id: keywords.id, norm: keywords.phraseNorm })
      .from(keywords)
      .where(and(inSite(keywords, t, siteId), inArray(keywords.phraseNorm, norms.slice(i, i + PAGE))));
    for (const r of rows) out.set(r.norm, r.id);
  }
  return out;
}

/** Stores each keyword's top results, replacing what it had. */
export async function saveSerps(
  db: Db,
  t: TenantContext,
  rows: readonly { keywordId: string; urls: string[] }[],
  source: string,
): Promise<void> {
  for (let i = 0; i < rows.length; i += PAGE) {
    await db
      .insert(keywordSerps)
      .values(rows.slice(i, i + PAGE).map((r) => ({ ...r, accountId: t.accountId, source })))
      .onConflictDoUpdate({
        target: keywordSerps.keywordId,
        set: { urls: sql`excluded.urls`, source: sql`excluded.source`, fetchedAt: sql`now()` },
      });
  }
}

/** The stored top results of these keywords, by keyword id (keywords without any are absent). */
export async function serpsOf(db: Db, t: TenantContext, keywordIds: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (let i = 0; i < keywordIds.length; i += PAGE) {
    const rows = await db
      .select({ id: keywordSerps.keywordId, urls: keywordSerps.urls })
      .from(keywordSerps)
      .where(
        and(eq(keywordSerps.accountId, t.accountId), inArray(keywordSerps.keywordId, keywordIds.slice(i, i + PAGE))),
      );
    for (const r of rows) out.set(r.id, r.urls);
  }
  return out;
}
