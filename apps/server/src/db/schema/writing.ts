import { index, integer, jsonb, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { accountRef, createdAt, updatedAt } from './columns';

/**
 * A brand voice (author profile) of an account: chosen per site as its default and per writer task,
 * rendered into every writing prompt as `{brand_voice}`.
 */
export const brandVoices = pgTable(
  'brand_voices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: accountRef(),
    name: text('name').notNull(),
    tone: text('tone').notNull().default(''),
    audience: text('audience').notNull().default(''),
    pointOfView: text('point_of_view').notNull().default(''),
    dos: jsonb('dos').$type<string[]>().notNull().default([]),
    donts: jsonb('donts').$type<string[]>().notNull().default([]),
    bannedWords: jsonb('banned_words').$type<string[]>().notNull().default([]),
    samples: jsonb('samples').$type<string[]>().notNull().default([]),
    /** What "learn from samples" produced; null until then. */
    styleGuide: text('style_guide'),
    styleGuideSource: text('style_guide_source', { enum: ['ai', 'template'] }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('brand_voices_account').on(t.accountId)],
);

/**
 * Every saved version of a prompt override. The newest version of (account, function, item) is in force;
 * a version with null texts is a "reset to default". Item = the account itself, an idea or a writer task.
 */
export const promptVersions = pgTable(
  'prompt_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: accountRef(),
    function: text('function').notNull(),
    itemType: text('item_type', { enum: ['account', 'idea', 'writer_task'] }).notNull(),
    /** null for the account's own override */
    itemId: uuid('item_id'),
    version: integer('version').notNull(),
    system: text('system'),
    prompt: text('prompt'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    unique('prompt_versions_item_version')
      .on(t.accountId, t.function, t.itemType, t.itemId, t.version)
      .nullsNotDistinct(),
  ],
);
