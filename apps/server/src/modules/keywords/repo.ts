import { normalizePhrase, type IntentSource, type Keyword, type KeywordInput } from '@igny8/contracts';
import { and, asc, count, desc, eq, gte, inArray, isNotNull, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { TenantContext } from '../../access/context';
import type { Db } from '../../db/client';
import { clusters, keywords } from '../../db/schema/index';
import { contains, countOrEstimate, inSite, isUuid } from '../../db/query';
import { AppError } from '../../http/errors';
import { classifyIntent } from './intent-rules';
import { keywordStatuses, keywordStatusFilter } from './pipeline-repo';

export interface KeywordFilter {
  q?: string;
  intent?: Keyword['intent'];
  status?: Keyword['status'];
  clustered?: boolean;
  clusterId?: string;
  sectorId?: string;
  volumeMin?: number;
  volumeMax?: number;
  difficultyMin?: number;
  difficultyMax?: number;
}

const baseColumns = {
  id: keywords.id,
  siteId: keywords.siteId,
  sectorId: keywords.sectorId,
  phrase: keywords.phrase,
  volume: keywords.volume,
  difficulty: keywords.difficulty,
  cpc: keywords.cpc,
  intent: keywords.intent,
  intentSource: keywords.intentSource,
  clusterId: keywords.clusterId,
  clusterName: clusters.name,
  createdAt: keywords.createdAt,
};

type Row = { [K in keyof typeof baseColumns]: unknown } & {
  createdAt: Date;
  phraseNorm: string;
  clusterId: string | null;
};

/**
 * The keyword list's select: the keyword and its cluster's name (the status comes from `withStatus`).
 * The join names the site, so the clusters are looked up by the site's index, never by reading all clusters.
 */
const selectKeywords = (db: Db, t: TenantContext, siteId: string) =>
  db
    .select({ ...baseColumns, phraseNorm: keywords.phraseNorm })
    .from(keywords)
    .leftJoin(clusters, and(eq(clusters.id, keywords.clusterId), inSite(clusters, t, siteId)));

/** Rows as keywords, each with its pipeline status. */
async function withStatus(db: Db, t: TenantContext, siteId: string, rows: Row[]): Promise<Keyword[]> {
  const statuses = await keywordStatuses(db, t, siteId, rows);
  return rows.map(({ phraseNorm: _norm, ...r }, i) => ({
    ...(r as unknown as Keyword),
    status: statuses[i]!,
    createdAt: r.createdAt.toISOString(),
  }));
}

/** Every filter of a keyword list (a Record, so that a filter added to KeywordFilter must be listed). */
const filterKeys = Object.keys({
  q: true,
  intent: true,
  status: true,
  clustered: true,
  clusterId: true,
  sectorId: true,
  volumeMin: true,
  volumeMax: true,
  difficultyMin: true,
  difficultyMax: true,
} satisfies Record<keyof KeywordFilter, true>) as (keyof KeywordFilter)[];

/** Whether the list is narrowed by anything but the site. */
function isFiltered(f: KeywordFilter): boolean {
  return filterKeys.some((k) => f[k] !== undefined && f[k] !== '');
}

export function keywordWhere(t: TenantContext, siteId: string, f: KeywordFilter): SQL {
  return and(
    inSite(keywords, t, siteId),
    f.q ? contains(keywords.phrase, f.q) : undefined,
    f.intent ? eq(keywords.intent, f.intent) : undefined,
    f.status ? keywordStatusFilter(t, siteId, f.status) : undefined,
    f.clustered === undefined ? undefined : f.clustered ? isNotNull(keywords.clusterId) : isNull(keywords.clusterId),
    f.clusterId ? eq(keywords.clusterId, f.clusterId) : undefined,
    f.sectorId ? eq(keywords.sectorId, f.sectorId) : undefined,
    f.volumeMin !== undefined ? gte(keywords.volume, f.volumeMin) : undefined,
    f.volumeMax !== undefined ? lte(keywords.volume, f.volumeMax) : undefined,
    f.difficultyMin !== undefined ? gte(keywords.difficulty, f.difficultyMin) : undefined,
    f.difficultyMax !== undefined ? lte(keywords.difficulty, f.difficultyMax) : undefined,
  )!;
}

const sortColumns = {
  phrase: keywords.phraseNorm,
  volume: keywords.volume,
  difficulty: keywords.difficulty,
  cpc: keywords.cpc,
  createdAt: keywords.createdAt,
};

/**
 * The list's order: NULLs last either way; the id breaks ties so paging is stable. Each nullable sort
 * has an index per direction (`keywords_site_<col>_<dir>`); the NOT NULL ones are written without a
 * NULLS clause so one index serves both directions (scanned backwards for `desc`).
 */
function keywordOrder(sort: keyof typeof sortColumns, order: 'asc' | 'desc'): SQL[] {
  const col = sortColumns[sort];
  const nulls = col.notNull ? sql`` : sql` nulls last`;
  return [order === 'asc' ? sql`${col} asc${nulls}` : sql`${col} desc${nulls}`, asc(keywords.id)];
}

export async function listKeywords(
  db: Db,
  t: TenantContext,
  siteId: string,
  q: KeywordFilter & { sort: keyof typeof sortColumns; order: 'asc' | 'desc'; limit: number; offset: number },
) {
  const where = keywordWhere(t, siteId, q);
  const order = keywordOrder(q.sort, q.order);
  // A later page of the unfiltered list picks its ids first, from the sort's index alone (site, column, id:
  // an index-only scan that skips `offset` entries without reading their rows), then reads those rows, in
  // the tenant. Read directly, page 100 fetched and dropped 4,950 rows (25 ms at 100k keywords; 1.3 ms this
  // way). A filter needs the rows to decide, so a filtered page is read directly.
  const page =
    q.offset > 0 && !isFiltered(q)
      ? selectKeywords(db, t, siteId)
          .where(
            and(
              where,
              inArray(
                keywords.id,
                db
                  .select({ id: keywords.id })
                  .from(keywords)
                  .where(eq(keywords.siteId, siteId))
                  .orderBy(...order)
                  .limit(q.limit)
                  .offset(q.offset),
              ),
            ),
          )
          .orderBy(...order)
      : selectKeywords(db, t, siteId)
          .where(where)
          .orderBy(...order)
          .limit(q.limit)
          .offset(q.offset);
  // The page and its statuses alongside the total (two round trips each), not one after the other.
  const [items, total] = await Promise.all([
    page.then((rows) => withStatus(db, t, siteId, rows as Row[])),
    countOrEstimate(db, keywords, where),
  ]);
  return { items, ...total };
}

export async function getKeyword(db: Db, t: TenantContext, siteId: string, id: string): Promise<Keyword | undefined> {
  if (!isUuid(id)) return undefined;
  const rows = await selectKeywords(db, t, siteId).where(and(inSite(keywords, t, siteId), eq(keywords.id, id)));
  return (await withStatus(db, t, siteId, rows as Row[]))[0];
}

/** Ids per statement of a look-up by ids (PostgreSQL binds at most 65,535 parameters). */
const IDS_PER_QUERY = 10_000;

/** Those of `ids` that are keywords of the site, with phrase and sector (other sites' and non-UUID ids are left out). */
export async function keywordsByIds(
  db: Db,
  t: TenantContext,
  siteId: string,
  ids: readonly string[],
): Promise<{ id: string; phrase: string; sectorId: string }[]> {
  const unique = [...new Set(ids)].filter(isUuid);
  const out: { id: string; phrase: string; sectorId: string }[] = [];
  for (let i = 0; i < unique.length; i += IDS_PER_QUERY) {
    out.push(
      ...(await db
        .select({ id: keywords.id, phrase: keywords.phrase, sectorId: keywords.sectorId })
        .from(keywords)
        .where(and(inSite(keywords, t, siteId), inArray(keywords.id, unique.slice(i, i + IDS_PER_QUERY))))),
    );
  }
  return out;
}

/** The sectors of those of `ids` that are keywords of the site (keyword id → sector id). */
export async function keywordSectors(db: Db, t: TenantContext, siteId: string, ids: string[]) {
  return new Map((await keywordsByIds(db, t, siteId, ids)).map((k) => [k.id, k.sectorId]));
}

/** The sectors of `ids` (keyword id → sector id); 404 listing those that are not keywords of the site. */
export async function requireKeywordIds(
  db: Db,
  t: TenantContext,
  siteId: string,
  ids: string[],
): Promise<Map<string, string>> {
  const known = await keywordSectors(db, t, siteId, ids);
  const missing = [...new Set(ids)].filter((id) => !known.has(id));
  if (missing.length > 0) {
    throw new AppError(404, 'not_found', 'Some keywords were not found on this site', {
      keywordIds: missing.slice(0, 100),
    });
  }
  return known;
}

/** Rows per INSERT: small enough that one statement stays short on the embedded database (PGlite runs in this thread). */
const UPSERT_ROWS = 100;

/**
 * Inserts keywords; a phrase the site already has (after normalisation) is merged:
 * given fields overwrite, missing ones keep their value. A new keyword without an intent
 * gets one from the offline rules in the site's language; an intent given with the keyword
 * (`source`: the file or the person) replaces any, a rules intent never replaces a given one.
 * New keywords go into `sectorId`; a merged keyword keeps its sector (and cluster).
 * Returns created/merged counts.
 */
export async function upsertKeywords(
  db: Db,
  t: TenantContext,
  siteId: string,
  input: KeywordInput[],
  opts: { language: string; source: Extract<IntentSource, 'import' | 'user'>; sectorId: string },
) {
  const unique = new Map<string, KeywordInput>();
  let merged = 0;
  for (const k of input) {
    const key = normalizePhrase(k.phrase);
    const prev = unique.get(key);
    if (prev) {
      merged++;
      // The first spelling stays; later duplicates fill in or update the metrics.
      unique.set(key, {
        ...prev,
        ...Object.fromEntries(Object.entries(k).filter(([f, v]) => v != null && f !== 'phrase')),
      });
    } else unique.set(key, k);
  }
  let created = 0;
  const rows = [...unique.entries()];
  for (let i = 0; i < rows.length; i += UPSERT_ROWS) {
    // On the embedded database a statement runs on this thread: a turn between statements lets other requests in.
    if (i > 0) await nextTurn();
    const chunk = rows.slice(i, i + UPSERT_ROWS).map(([norm, k]) => ({
      accountId: t.accountId,
      siteId,
      sectorId: opts.sectorId,
      phrase: k.phrase.trim().replace(/\s+/g, ' '),
      phraseNorm: norm,
      volume: k.volume ?? null,
      difficulty: k.difficulty ?? null,
      cpc: k.cpc ?? null,
      intent: k.intent ?? classifyIntent(k.phrase, opts.language),
      intentSource: k.intent ? opts.source : ('rules' as const),
    }));
    const result = await db
      .insert(keywords)
      .values(chunk)
      .onConflictDoUpdate({
        target: [keywords.siteId, keywords.phraseNorm],
        set: {
          volume: sql`coalesce(excluded.volume, ${keywords.volume})`,
          difficulty: sql`coalesce(excluded.difficulty, ${keywords.difficulty})`,
          cpc: sql`coalesce(excluded.cpc, ${keywords.cpc})`,
          // A given intent wins; a rules guess only fills an empty one.
          intent: sql`case when excluded.intent_source <> 'rules' or ${keywords.intent} is null then excluded.intent else ${keywords.intent} end`,
          intentSource: sql`case when excluded.intent_source <> 'rules' or ${keywords.intent} is null then excluded.intent_source else ${keywords.intentSource} end`,
        },
      })
      .returning({ inserted: sql<boolean>`(xmax = 0)` });
    const n = result.filter((r) => r.inserted).length;
    created += n;
    merged += chunk.length - n;
  }
  return { created, merged };
}

export async function updateKeyword(
  db: Db,
  t: TenantContext,
  siteId: string,
  id: string,
  patch: Partial<KeywordInput> & { clusterId?: string | null; sectorId?: string },
) {
  const set: Record<string, unknown> = { ...patch };
  if (patch.intent !== undefined) set.intentSource = patch.intent === null ? null : 'user';
  if (patch.phrase !== undefined) {
    set.phrase = patch.phrase.trim().replace(/\s+/g, ' ');
    set.phraseNorm = normalizePhrase(patch.phrase);
  }
  await db
    .update(keywords)
    .set(set)
    .where(and(inSite(keywords, t, siteId), eq(keywords.id, id)));
}

/** Restricts ids to the tenant's site: ids from elsewhere are silently not touched. */
const idsWhere = (t: TenantContext, siteId: string, ids: string[]) =>
  and(inSite(keywords, t, siteId), inArray(keywords.id, ids));

export async function deleteKeywords(db: Db, t: TenantContext, siteId: string, ids: string[]): Promise<number> {
  return (
    await db
      .delete(keywords)
      .where(idsWhere(t, siteId, ids))
      .returning({ id: keywords.id })
  ).length;
}

export async function setKeywordFields(
  db: Db,
  t: TenantContext,
  siteId: string,
  ids: string[],
  set: { intent?: Keyword['intent']; clusterId?: string | null; sectorId?: string },
): Promise<number> {
  const values =
    set.intent !== undefined ? { ...set, intentSource: set.intent === null ? null : ('user' as const) } : set;
  return (
    await db
      .update(keywords)
      .set(values)
      .where(idsWhere(t, siteId, ids))
      .returning({ id: keywords.id })
  ).length;
}

/**
 * Moves keywords of the site into one of its sectors; those in a cluster of another sector leave it
 * (a cluster never mixes sectors).
 */
export async function moveKeywordsToSector(
  db: Db,
  t: TenantContext,
  siteId: string,
  ids: string[],
  sectorId: string,
): Promise<number> {
  const sameSector = db
    .select({ id: clusters.id })
    .from(clusters)
    .where(and(inSite(clusters, t, siteId), eq(clusters.sectorId, sectorId)));
  const rows = await db
    .update(keywords)
    .set({
      sectorId,
      clusterId: sql`case when ${keywords.clusterId} in (${sameSector}) then ${keywords.clusterId} else null end`,
    })
    .where(idsWhere(t, siteId, ids))
    .returning({ id: keywords.id });
  return rows.length;
}

/** The sector and cluster of one keyword of the site. */
export async function keywordPlacement(db: Db, t: TenantContext, siteId: string, id: string) {
  const [r] = await db
    .select({ sectorId: keywords.sectorId, clusterId: keywords.clusterId, clusterSectorId: clusters.sectorId })
    .from(keywords)
    .leftJoin(clusters, and(eq(clusters.id, keywords.clusterId), eq(clusters.accountId, keywords.accountId)))
    .where(and(inSite(keywords, t, siteId), eq(keywords.id, id)));
  return r;
}

/** Pages through a filter for CSV export without loading everything at once. */
export async function* exportKeywords(db: Db, t: TenantContext, siteId: string, f: KeywordFilter) {
  const where = keywordWhere(t, siteId, f);
  for (let offset = 0; ; offset += 5000) {
    const rows = await selectKeywords(db, t, siteId)
      .where(where)
      .orderBy(desc(keywords.volume), asc(keywords.id))
      .limit(5000)
      .offset(offset);
    if (rows.length === 0) return;
    yield await withStatus(db, t, siteId, rows as Row[]);
    if (rows.length < 5000) return;
  }
}

/** Keywords the account holds over all its sites (the account cap). */
export async function countAccountKeywords(db: Db, t: TenantContext): Promise<number> {
  const [r] = await db.select({ n: count() }).from(keywords).where(eq(keywords.accountId, t.accountId));
  return r?.n ?? 0;
}

/** Which of these normalised phrases the site already has (an import merges those instead of adding). */
export async function existingSitePhrases(
  db: Db,
  t: TenantContext,
  siteId: string,
  phraseNorms: Iterable<string>,
): Promise<Set<string>> {
  const found = new Set<string>();
  let batch: string[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const rows = await db
      .select({ p: keywords.phraseNorm })
      .from(keywords)
      .where(and(inSite(keywords, t, siteId), inArray(keywords.phraseNorm, batch)));
    for (const r of rows) found.add(r.p);
    batch = [];
  };
  for (const p of phraseNorms) {
    batch.push(p);
    if (batch.length === 5000) await flush();
  }
  await flush();
  return found;
}

export type KeywordMetrics = Pick<Keyword, 'volume' | 'difficulty' | 'cpc' | 'intent'>;

/** The metrics of the site's keywords among these normalised phrases (what an import would merge into). */
export async function existingSiteMetrics(
  db: Db,
  t: TenantContext,
  siteId: string,
  phraseNorms: string[],
): Promise<Map<string, KeywordMetrics>> {
  const found = new Map<string, KeywordMetrics>();
  for (let i = 0; i < phraseNorms.length; i += 5000) {
    const rows = await db
      .select({
        p: keywords.phraseNorm,
        volume: keywords.volume,
        difficulty: keywords.difficulty,
        cpc: keywords.cpc,
        intent: keywords.intent,
      })
      .from(keywords)
      .where(and(inSite(keywords, t, siteId), inArray(keywords.phraseNorm, phraseNorms.slice(i, i + 5000))));
    for (const { p, ...m } of rows) found.set(p, m);
  }
  return found;
}

/**
 * Intents the LLM or the offline rules worked out, written only over intents the rules set (or
 * none): an intent from a file, a person or an earlier LLM answer stays. One statement per intent.
 */
export async function setDerivedIntents(
  db: Db,
  t: TenantContext,
  siteId: string,
  found: { id: string; intent: Keyword['intent'] & string }[],
  source: 'ai' | 'rules',
) {
  const byIntent = new Map<string, string[]>();
  for (const f of found) byIntent.set(f.intent, [...(byIntent.get(f.intent) ?? []), f.id]);
  const replaceable =
    source === 'ai' ? or(isNull(keywords.intentSource), eq(keywords.intentSource, 'rules')) : isNull(keywords.intent);
  for (const [intent, ids] of byIntent) {
    await db
      .update(keywords)
      .set({ intent: intent as Keyword['intent'], intentSource: source })
      .where(and(idsWhere(t, siteId, ids), replaceable));
  }
}
