import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Append-only: services insert, nothing updates or deletes (a trigger refuses both). No foreign keys on purpose:
 * the record of who did what outlives the user, the account and the target it names. `account_id` null is a
 * platform event (operators' actions, sign-in security events).
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: uuid('account_id'),
    action: text('action').notNull(),
    actorUserId: uuid('actor_user_id'),
    /** The actor's email when it happened (a user may change or go). */
    actorEmail: text('actor_email'),
    /** How the actor came in: a browser session, an API token, or the product itself (a task, a job). */
    actorVia: text('actor_via', { enum: ['session', 'api_token', 'system', 'anonymous'] }).notNull(),
    apiTokenId: uuid('api_token_id'),
    ip: text('ip'),
    userAgent: text('user_agent'),
    targetType: text('target_type'),
    targetId: text('target_id'),
    targetLabel: text('target_label'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('audit_events_account_time').on(t.accountId, t.createdAt), index('audit_events_time').on(t.createdAt)],
);
