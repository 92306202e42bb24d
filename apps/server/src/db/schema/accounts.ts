import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const accounts = pgTable(
  'accounts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    isSystem: boolean('is_system').notNull().default(false),
    active: boolean('active').notNull().default(true),
    /** Members must have two-factor sign-in on to use this account (sessions and their API tokens alike). */
    requireTwoFactor: boolean('require_two_factor').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  // At most one system account: a second concurrent setup fails on this index.
  (t) => [
    uniqueIndex('accounts_one_system')
      .on(t.isSystem)
      .where(sql`${t.isSystem}`),
  ],
);

export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  /** null while an invited user has not chosen a password */
  passwordHash: text('password_hash'),
  isDeveloper: boolean('is_developer').notNull().default(false),
  active: boolean('active').notNull().default(true),
  /** null until the person proved they read this address (a verification, reset or invitation link). */
  emailVerifiedAt: timestamp('email_verified_at', { withTimezone: true }),
  /** The TOTP secret, AES-256-GCM sealed; set while enabling, in force once totpEnabledAt is set. */
  totpSecret: text('totp_secret'),
  totpEnabledAt: timestamp('totp_enabled_at', { withTimezone: true }),
  /** The last TOTP time step accepted: a code is good once, not again within its 30 seconds. */
  totpLastStep: integer('totp_last_step'),
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
    /** Who sent the invitation (the accept page names them); null for founders and when that user is gone. */
    invitedBy: uuid('invited_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.userId] }), index('memberships_user').on(t.userId)],
);

export const platformSettings = pgTable('platform_settings', {
  /** single row, id = 1 */
  id: text('id').primaryKey().default('platform'),
  signupEnabled: boolean('signup_enabled').notNull(),
  allowAccountKeys: boolean('allow_account_keys').notNull(),
  /** Sign-up needs a verified email; null follows the default (on when SMTP is configured). */
  emailVerification: boolean('email_verification'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
