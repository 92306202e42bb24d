import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

export const accounts = pgTable(
  'accounts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    isSystem: boolean('is_system').notNull().default(false),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  // At most one system account: a second concurrent setup fails on this index.
  (t) => [uniqueIndex('accounts_one_system').on(t.isSystem).where(sql`${t.isSystem}`)],
);

export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  /** null while an invited user has not chosen a password */
  passwordHash: text('password_hash'),
  isDeveloper: boolean('is_developer').notNull().default(false),
  active: boolean('active').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const memberRole = ['owner', 'admin', 'editor', 'viewer'] as const;

export const memberships = pgTable(
  'memberships',
  {
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: memberRole }).notNull(),
    active: boolean('active').notNull().default(true),
    /** An invitation not yet accepted: listed to the account, but grants no access until the person accepts. */
    pending: boolean('pending').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.userId] }), index('memberships_user').on(t.userId)],
);

export const platformSettings = pgTable('platform_settings', {
  /** single row, id = 1 */
  id: text('id').primaryKey().default('platform'),
  signupEnabled: boolean('signup_enabled').notNull(),
  allowAccountKeys: boolean('allow_account_keys').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
