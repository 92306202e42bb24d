import { capabilities, type TaskError, type TaskItemError, type TaskProgress, type TaskStatus } from '@igny8/contracts';
import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { accounts, users } from './accounts';

/** One row per user-visible background task: the source of truth for progress. */
export const taskRuns = pgTable(
  'task_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    siteId: uuid('site_id'),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    status: text('status').$type<TaskStatus>().notNull().default('queued'),
    progress: jsonb('progress')
      .$type<TaskProgress>()
      .notNull()
      .default(sql`'{"phase":"queued","current":0,"total":0,"percent":0,"message":"Waiting for a worker"}'::jsonb`),
    input: jsonb('input').$type<Record<string, unknown>>().notNull(),
    result: jsonb('result').$type<Record<string, unknown>>(),
    itemErrors: jsonb('item_errors')
      .$type<TaskItemError[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    error: jsonb('error').$type<TaskError>(),
    debugInfo: jsonb('debug_info')
      .$type<Record<string, unknown>>()
      .notNull()
      .default(sql`'{}'::jsonb`),
    resultPath: text('result_path'),
    cancelRequested: boolean('cancel_requested').notNull().default(false),
    attempts: integer('attempts').notNull().default(0),
    /** bumped by the worker running it; a stale one means the worker died and the run is handed out again */
    heartbeatAt: timestamp('heartbeat_at', { withTimezone: true }),
    /** the client's Idempotency-Key: the same key starts nothing new and answers this run */
    idempotencyKey: text('idempotency_key'),
    /** sha-256 of the kind and input, to tell a repeated request from a different one sent under the same key */
    requestHash: text('request_hash'),
    /** what the run works on (e.g. cluster ids; '*' for everything of its site): a start of the same kind on any of them is refused */
    targets: text('targets')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** the automation run this task is a stage of (its end moves the run on) */
    automationRunId: uuid('automation_run_id'),
    /** a pause between items (automation's "delay within a stage"); items then go one at a time */
    itemDelayMs: integer('item_delay_ms').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('task_runs_account_created').on(t.accountId, t.createdAt),
    uniqueIndex('task_runs_idempotency_key')
      .on(t.accountId, t.idempotencyKey)
      .where(sql`${t.idempotencyKey} is not null`),
    // Overlapping starts and the per-account running cap look only at live runs.
    index('task_runs_account_live')
      .on(t.accountId, t.kind)
      .where(sql`${t.status} in ('queued', 'running')`),
  ],
);

/**
 * Counters of rate-limiter-flexible (RateLimiterDrizzle) for AI provider keys: requests and tokens per
 * minute and Retry-After pauses, shared by every worker process. Keys are hashes, never the API key.
 */
export const providerRateLimits = pgTable('provider_rate_limits', {
  key: text('key').primaryKey(),
  points: integer('points').notNull().default(0),
  expire: timestamp('expire', { withTimezone: true }),
});

/**
 * Items a task has finished, written in the same transaction as the item's own rows,
 * so a job retried after a crash skips them instead of writing them twice.
 */
export const taskRunItems = pgTable(
  'task_run_items',
  {
    taskRunId: uuid('task_run_id')
      .notNull()
      .references(() => taskRuns.id, { onDelete: 'cascade' }),
    itemKey: text('item_key').notNull(),
    doneAt: timestamp('done_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.taskRunId, t.itemKey] })],
);

/** Every AI call, for the account's usage page and cost estimates. */
export const usageEvents = pgTable(
  'usage_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    taskRunId: uuid('task_run_id').references(() => taskRuns.id, { onDelete: 'set null' }),
    capability: text('capability', { enum: capabilities }).notNull(),
    provider: text('provider').notNull(),
    model: text('model').notNull(),
    source: text('source', { enum: ['account', 'system', 'environment', 'builtin'] }).notNull(),
    inputTokens: integer('input_tokens').notNull().default(0),
    outputTokens: integer('output_tokens').notNull().default(0),
    images: integer('images').notNull().default(0),
    latencyMs: integer('latency_ms').notNull().default(0),
    /** dollars, from the price table when the call was made (null: the model has no price) */
    costUsd: numeric('cost_usd', { precision: 12, scale: 6, mode: 'number' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('usage_events_account_created').on(t.accountId, t.createdAt)],
);
