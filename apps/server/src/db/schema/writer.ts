import type { ContentScore, ContentType, LengthStatus } from '@igny8/contracts';
import { index, integer, jsonb, pgTable, text, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { accountRef, createdAt, updatedAt } from './columns';
import { clusters, ideas, inOwnSector, sectorRef, siteRef } from './planner';
import { brandVoices } from './writing';

export const writerTasks = pgTable(
  'writer_tasks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: accountRef(),
    siteId: siteRef(),
    sectorId: sectorRef(),
    ideaId: uuid('idea_id').references(() => ideas.id, { onDelete: 'set null' }),
    clusterId: uuid('cluster_id').references(() => clusters.id, { onDelete: 'set null' }),
    title: text('title').notNull(),
    primaryKeyword: text('primary_keyword').notNull(),
    secondaryKeywords: jsonb('secondary_keywords').$type<string[]>().notNull(),
    outline: jsonb('outline').$type<{ level: 2 | 3; text: string }[]>().notNull(),
    targetWordCount: integer('target_word_count').notNull(),
    contentType: text('content_type').$type<ContentType>().notNull(),
    status: text('status', { enum: ['queued', 'generating', 'done', 'failed'] })
      .notNull()
      .default('queued'),
    error: text('error'),
    /** null: the site's default voice */
    brandVoiceId: uuid('brand_voice_id').references(() => brandVoices.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  // Queuing the same idea twice finds this row instead of creating another.
  (t) => [
    uniqueIndex('writer_tasks_idea').on(t.ideaId),
    index('writer_tasks_site').on(t.siteId),
    index('writer_tasks_sector').on(t.sectorId),
    inOwnSector('writer_tasks_sector_fk', t),
    index('writer_tasks_site_created').on(t.siteId, t.createdAt.desc().nullsFirst(), t.id),
  ],
);

export const contents = pgTable(
  'contents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: accountRef(),
    siteId: siteRef(),
    sectorId: sectorRef(),
    writerTaskId: uuid('writer_task_id').references(() => writerTasks.id, { onDelete: 'set null' }),
    title: text('title').notNull(),
    slug: text('slug').notNull(),
    bodyHtml: text('body_html').notNull(),
    metaTitle: text('meta_title').notNull(),
    metaDescription: text('meta_description').notNull(),
    excerpt: text('excerpt').notNull(),
    wordCount: integer('word_count').notNull(),
    primaryKeyword: text('primary_keyword').notNull(),
    status: text('status', { enum: ['draft', 'review', 'approved', 'published'] })
      .notNull()
      .default('draft'),
    /** the voice it was written in, shown on the article */
    brandVoiceId: uuid('brand_voice_id').references(() => brandVoices.id, { onDelete: 'set null' }),
    source: text('source', { enum: ['ai', 'template', 'user'] }).notNull(),
    targetWordCount: integer('target_word_count'),
    lengthStatus: text('length_status').$type<LengthStatus>(),
    lengthNote: text('length_note'),
    score: integer('score'),
    scoreBreakdown: jsonb('score_breakdown').$type<ContentScore>(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  // The list's sorts; `q` on the title uses the trigram index `contents_site_title_trgm` (migration custom block).
  (t) => [
    uniqueIndex('contents_writer_task').on(t.writerTaskId),
    index('contents_site').on(t.siteId),
    index('contents_sector').on(t.sectorId),
    inOwnSector('contents_sector_fk', t),
    index('contents_site_updated').on(t.siteId, t.updatedAt.desc().nullsFirst(), t.id),
    index('contents_site_score').on(t.siteId, t.score.asc().nullsLast(), t.updatedAt.desc().nullsFirst(), t.id),
    index('contents_site_score_desc').on(t.siteId, t.score.desc().nullsLast(), t.updatedAt.desc().nullsFirst(), t.id),
  ],
);

export const imagePrompts = pgTable(
  'image_prompts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: accountRef(),
    siteId: siteRef(),
    contentId: uuid('content_id')
      .notNull()
      .references(() => contents.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['featured', 'inline'] }).notNull(),
    placement: text('placement'),
    position: integer('position').notNull(),
    prompt: text('prompt').notNull(),
    alt: text('alt').notNull(),
    caption: text('caption').notNull(),
    style: text('style', { enum: ['photo', 'illustration', 'flat', '3d', 'watercolor'] }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index('image_prompts_content').on(t.contentId),
    index('image_prompts_site_content').on(t.siteId, t.contentId, t.position),
  ],
);

export const images = pgTable(
  'images',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: accountRef(),
    siteId: siteRef(),
    contentId: uuid('content_id')
      .notNull()
      .references(() => contents.id, { onDelete: 'cascade' }),
    imagePromptId: uuid('image_prompt_id')
      .notNull()
      .references(() => imagePrompts.id, { onDelete: 'cascade' }),
    status: text('status', { enum: ['queued', 'generating', 'generated', 'failed'] })
      .notNull()
      .default('queued'),
    error: jsonb('error').$type<{ code: string; message: string }>(),
    fileKey: text('file_key'),
    mimeType: text('mime_type'),
    provider: text('provider'),
    model: text('model'),
    revisedPrompt: text('revised_prompt'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('images_prompt').on(t.imagePromptId),
    index('images_content').on(t.contentId),
    index('images_site_content').on(t.siteId, t.contentId),
  ],
);

/** An editor's decision on a suggested internal link (rejected ones are not suggested again). */
export const internalLinkDecisions = pgTable(
  'internal_link_decisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: accountRef(),
    siteId: siteRef(),
    sourceContentId: uuid('source_content_id')
      .notNull()
      .references(() => contents.id, { onDelete: 'cascade' }),
    targetContentId: uuid('target_content_id')
      .notNull()
      .references(() => contents.id, { onDelete: 'cascade' }),
    status: text('status', { enum: ['accepted', 'rejected'] }).notNull(),
    anchor: text('anchor').notNull(),
    createdAt: createdAt(),
  },
  (t) => [unique('internal_link_decisions_pair').on(t.sourceContentId, t.targetContentId)],
);
