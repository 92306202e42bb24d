import type { DestinationTest, WordpressOptions } from '@igny8/contracts';
import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { accountRef, createdAt, updatedAt } from './columns';
import { siteRef, sites } from './planner';
import { contents } from './writer';

/**
 * Where a site's articles are published: a WordPress site (REST API + application password) or a
 * signed webhook. The secret (application password or signing secret) is AES-256-GCM encrypted like
 * AI keys and never returned; only its mask is.
 */
export const publishingDestinations = pgTable(
  'publishing_destinations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: accountRef(),
    siteId: siteRef(),
    kind: text('kind', { enum: ['wordpress', 'webhook'] }).notNull(),
    name: text('name').notNull(),
    url: text('url').notNull(),
    username: text('username'),
    secretEncrypted: text('secret_encrypted').notNull(),
    secretMask: text('secret_mask').notNull(),
    options: jsonb('options').$type<WordpressOptions>().notNull().default({ categories: [], tags: [] }),
    enabled: boolean('enabled').notNull().default(true),
    lastTest: jsonb('last_test').$type<DestinationTest>(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('publishing_destinations_site').on(t.siteId)],
);

/**
 * One article at one destination: its publish state, the post it became there (external id and URL,
 * which make publishing again an update, never a second post), its media, and the last error.
 */
export const publications = pgTable(
  'publications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: accountRef(),
    siteId: siteRef(),
    contentId: uuid('content_id')
      .notNull()
      .references(() => contents.id, { onDelete: 'cascade' }),
    destinationId: uuid('destination_id')
      .notNull()
      .references(() => publishingDestinations.id, { onDelete: 'cascade' }),
    status: text('status', { enum: ['not_published', 'scheduled', 'publishing', 'published', 'failed'] })
      .notNull()
      .default('not_published'),
    scheduledAt: timestamp('scheduled_at', { withTimezone: true }),
    externalId: text('external_id'),
    externalUrl: text('external_url'),
    remoteStatus: text('remote_status', {
      enum: ['publish', 'future', 'draft', 'pending', 'private', 'trash', 'deleted'],
    }),
    lastError: jsonb('last_error').$type<{ code: string; message: string }>(),
    warnings: jsonb('warnings')
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    /** image id → the media item it became at the destination, so a republish uploads nothing twice */
    media: jsonb('media')
      .$type<Record<string, { id: number; url: string }>>()
      .notNull()
      .default(sql`'{}'::jsonb`),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    syncedAt: timestamp('synced_at', { withTimezone: true }),
    /** the member who asked for it: the dispatcher publishes a scheduled item as them */
    requestedBy: uuid('requested_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('publications_content_destination').on(t.contentId, t.destinationId),
    index('publications_site_time').on(t.siteId, t.scheduledAt),
    // The dispatcher's scan: scheduled rows that are due, across accounts.
    index('publications_due')
      .on(t.scheduledAt)
      .where(sql`${t.status} = 'scheduled'`),
  ],
);

/** A site's editorial and scheduling rules (defaults when the site has no row). */
export const sitePublishingSettings = pgTable('site_publishing_settings', {
  siteId: uuid('site_id')
    .primaryKey()
    .references(() => sites.id, { onDelete: 'cascade' }),
  accountId: accountRef(),
  editorsCanPublish: boolean('editors_can_publish').notNull().default(false),
  scheduleMode: text('schedule_mode', { enum: ['immediate', 'slots', 'stagger'] })
    .notNull()
    .default('immediate'),
  slotDays: jsonb('slot_days')
    .$type<number[]>()
    .notNull()
    .default(sql`'[]'::jsonb`),
  slotTimes: jsonb('slot_times')
    .$type<string[]>()
    .notNull()
    .default(sql`'[]'::jsonb`),
  staggerHours: integer('stagger_hours').notNull().default(24),
  dailyCap: integer('daily_cap'),
  timezone: text('timezone').notNull().default('UTC'),
  updatedAt: updatedAt(),
});
