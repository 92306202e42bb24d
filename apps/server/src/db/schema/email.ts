import { index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Email waiting to be sent, sent, or given up on. A row and its send job are written in one transaction; the
 * worker's job sends it with retries. Bodies can carry one-time links, so they are blanked once the message is
 * sent or has failed for good: the outbox keeps the record, not the secret.
 */
export const emailOutbox = pgTable(
  'email_outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The account the message is about, when there is one. No foreign key: the record outlives the account. */
    accountId: uuid('account_id'),
    template: text('template').notNull(),
    to: text('to').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    html: text('html').notNull(),
    status: text('status', { enum: ['queued', 'sent', 'failed'] })
      .notNull()
      .default('queued'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [index('email_outbox_status').on(t.status, t.createdAt)],
);
