import type { ContentType, Intent, IntentSource, OutlineItem } from '@igny8/contracts';
import { sql } from 'drizzle-orm';
import {
  bigint,
  doublePrecision,
  foreignKey,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { accountRef, bytea, createdAt, updatedAt } from './columns';
import { brandVoices } from './writing';

export const sites = pgTable(
  'sites',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: accountRef(),
    name: text('name').notNull(),
    url: text('url').notNull(),
    language: text('language').notNull().default('en'),
    niche: text('niche'),
    /** the voice articles of this site are written in unless their writer task picks another */
    brandVoiceId: uuid('brand_voice_id').references(() => brandVoices.id, { onDelete: 'set null' }),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('sites_account').on(t.accountId)],
);

/** The owning site: planner and writer rows belong to one site and go with it. */
export const siteRef = () =>
  uuid('site_id')
    .notNull()
    .references(() => sites.id, { onDelete: 'cascade' });

/**
 * A sector of a site (igny8: Site → Sector → Keywords/Clusters/Ideas/Content): 1–5 per site, names unique
 * per site ignoring case. Every planner and writer row carries one; a cluster never mixes sectors.
 */
export const sectors = pgTable(
  'sectors',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: accountRef(),
    siteId: siteRef(),
    name: text('name').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('sectors_site_name').on(t.siteId, sql`lower(${t.name})`),
    index('sectors_account').on(t.accountId),
    // The target of the rows' (sector_id, site_id) key: a row can only be in a sector of its own site.
    unique('sectors_id_site').on(t.id, t.siteId),
  ],
);

/** The row's sector (see `inOwnSector`). */
export const sectorRef = () => uuid('sector_id').notNull();

/**
 * A row's sector is one of its own site's: a composite key on (sector_id, site_id). A sector that still
 * holds rows cannot be deleted (they are moved to another sector first); deleting the site takes both.
 */
export const inOwnSector = (name: string, t: { sectorId: AnyPgColumn; siteId: AnyPgColumn }) =>
  foreignKey({ name, columns: [t.sectorId, t.siteId], foreignColumns: [sectors.id, sectors.siteId] });

export const clusters = pgTable(
  'clusters',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: accountRef(),
    siteId: siteRef(),
    sectorId: sectorRef(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    descriptionSource: text('description_source', { enum: ['ai', 'template', 'user'] })
      .notNull()
      .default('template'),
    /** top terms of the cluster, used to fit new keywords into it on the next run */
    terms: jsonb('terms').$type<string[]>().notNull().default([]),
    /** the auto-cluster run that created it; lets a retried run recognise its own clusters */
    taskRunId: uuid('task_run_id'),
    // Metrics of the cluster's keywords and ideas, kept exact by database triggers on every write to
    // keywords and ideas (see the migration's custom block): the list reads them instead of aggregating.
    keywordCount: integer('keyword_count').notNull().default(0),
    totalVolume: bigint('total_volume', { mode: 'number' }).notNull().default(0),
    avgDifficulty: doublePrecision('avg_difficulty'),
    dominantIntent: text('dominant_intent').$type<Intent>(),
    ideaCount: integer('idea_count').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('clusters_site').on(t.siteId),
    index('clusters_sector').on(t.sectorId),
    inOwnSector('clusters_sector_fk', t),
    // The keywords page asks for the clusters by name on every visit.
    index('clusters_site_name').on(t.siteId, sql`lower(${t.name})`, t.id),
    index('clusters_site_volume').on(t.siteId, t.totalVolume.desc().nullsLast(), t.id),
  ],
);

export const keywords = pgTable(
  'keywords',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: accountRef(),
    siteId: siteRef(),
    sectorId: sectorRef(),
    phrase: text('phrase').notNull(),
    phraseNorm: text('phrase_norm').notNull(),
    volume: integer('volume'),
    difficulty: real('difficulty'),
    cpc: numeric('cpc', { precision: 12, scale: 2, mode: 'number' }),
    intent: text('intent').$type<Intent>(),
    /** who set the intent: the LLM and the rules only replace intents that the rules set */
    intentSource: text('intent_source').$type<IntentSource>(),
    clusterId: uuid('cluster_id').references(() => clusters.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  // The list's sorts (each direction, NULLs last, id breaking ties) and filters; `q` uses the trigram
  // index `keywords_site_phrase_trgm` made in the migration's custom block (it needs the pg_trgm extension first).
  (t) => [
    uniqueIndex('keywords_site_phrase').on(t.siteId, t.phraseNorm),
    index('keywords_site_cluster').on(t.siteId, t.clusterId),
    index('keywords_cluster').on(t.clusterId),
    index('keywords_site_volume_desc').on(t.siteId, t.volume.desc().nullsLast(), t.id),
    index('keywords_site_volume_asc').on(t.siteId, t.volume.asc().nullsLast(), t.id),
    index('keywords_site_difficulty_desc').on(t.siteId, t.difficulty.desc().nullsLast(), t.id),
    index('keywords_site_difficulty_asc').on(t.siteId, t.difficulty.asc().nullsLast(), t.id),
    index('keywords_site_cpc_desc').on(t.siteId, t.cpc.desc().nullsLast(), t.id),
    index('keywords_site_cpc_asc').on(t.siteId, t.cpc.asc().nullsLast(), t.id),
    index('keywords_site_created').on(t.siteId, t.createdAt, t.id),
    index('keywords_sector').on(t.sectorId),
    inOwnSector('keywords_sector_fk', t),
  ],
);

/**
 * The top search results of a keyword (result URLs, best first, at most 10), imported from an SEO
 * tool's SERP export: keywords sharing several results are clustered together (SERP overlap).
 */
export const keywordSerps = pgTable('keyword_serps', {
  keywordId: uuid('keyword_id')
    .primaryKey()
    .references(() => keywords.id, { onDelete: 'cascade' }),
  accountId: accountRef(),
  urls: text('urls').array().notNull(),
  /** where the results came from: "import" (a CSV) or a SERP provider's name */
  source: text('source').notNull(),
  fetchedAt: timestamp('fetched_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Embedding vectors of keywords for clustering by meaning, one per keyword and embedding model
 * (float32, little-endian). A row holds for the phrase it was made from: an edited phrase is embedded again.
 */
export const keywordEmbeddings = pgTable(
  'keyword_embeddings',
  {
    keywordId: uuid('keyword_id')
      .notNull()
      .references(() => keywords.id, { onDelete: 'cascade' }),
    accountId: accountRef(),
    /** the model and the vector length asked for, e.g. "text-embedding-3-small@256" */
    model: text('model').notNull(),
    phrase: text('phrase').notNull(),
    vector: bytea('vector').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.keywordId, t.model] })],
);

/**
 * A keyword the LLM flagged, while naming its cluster, as not belonging there: why, and the other cluster
 * it fits better (when it named one of the site's). A flag stands while the keyword is still in that
 * cluster; moving the keyword answers it, and "keep" deletes it.
 */
export const clusterOutliers = pgTable(
  'cluster_outliers',
  {
    keywordId: uuid('keyword_id')
      .primaryKey()
      .references(() => keywords.id, { onDelete: 'cascade' }),
    accountId: accountRef(),
    siteId: siteRef(),
    clusterId: uuid('cluster_id')
      .notNull()
      .references(() => clusters.id, { onDelete: 'cascade' }),
    reason: text('reason').notNull(),
    /** the better cluster's name as the model gave it */
    proposedName: text('proposed_name'),
    proposedClusterId: uuid('proposed_cluster_id').references(() => clusters.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('cluster_outliers_site_cluster').on(t.siteId, t.clusterId)],
);

export const ideas = pgTable(
  'ideas',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: accountRef(),
    siteId: siteRef(),
    sectorId: sectorRef(),
    clusterId: uuid('cluster_id').references(() => clusters.id, { onDelete: 'set null' }),
    title: text('title').notNull(),
    summary: text('summary').notNull(),
    contentType: text('content_type').$type<ContentType>().notNull(),
    outline: jsonb('outline').$type<OutlineItem[]>().notNull(),
    primaryKeyword: text('primary_keyword').notNull(),
    secondaryKeywords: jsonb('secondary_keywords').$type<string[]>().notNull(),
    targetWordCount: integer('target_word_count').notNull(),
    status: text('status', { enum: ['new', 'queued', 'done'] })
      .notNull()
      .default('new'),
    source: text('source', { enum: ['ai', 'template', 'user'] }).notNull(),
    createdAt: createdAt(),
  },
  // `q` on the title uses the trigram index `ideas_site_title_trgm` (migration custom block).
  (t) => [
    index('ideas_site').on(t.siteId),
    index('ideas_cluster').on(t.clusterId),
    index('ideas_sector').on(t.sectorId),
    inOwnSector('ideas_sector_fk', t),
    index('ideas_site_created').on(t.siteId, t.createdAt.desc().nullsFirst(), t.id),
  ],
);
