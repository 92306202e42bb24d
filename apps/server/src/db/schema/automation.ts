import type {
  AutomationConfigBody,
  AutomationLogEntry,
  AutomationRunStatus,
  AutomationStage,
  AutomationStageState,
} from '@igny8/contracts';
import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { accounts, users } from './accounts';
import { sites } from './planner';

/** A site's automation settings: stages, batch sizes, schedule, budget, delays. */
export const automationConfigs = pgTable(
  'automation_configs',
  {
    siteId: uuid('site_id')
      .primaryKey()
      .references(() => sites.id, { onDelete: 'cascade' }),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    enabled: boolean('enabled').notNull().default(false),
    schedule: jsonb('schedule').$type<AutomationConfigBody['schedule']>().notNull(),
    stages: jsonb('stages').$type<AutomationConfigBody['stages']>().notNull(),
    limits: jsonb('limits').$type<AutomationConfigBody['limits']>().notNull(),
    delays: jsonb('delays').$type<AutomationConfigBody['delays']>().notNull(),
    /** the schedule's next start; the tick takes each due one once (a conditional update) */
    nextRunAt: timestamp('next_run_at', { withTimezone: true }),
    /** scheduled runs act as this member (who last configured it) */
    updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('automation_configs_due')
      .on(t.nextRunAt)
      .where(sql`${t.enabled}`),
  ],
);

/**
 * One run of a site's pipeline. The partial unique index is the site's lock: at most one run
 * queued, running or paused per site, whatever starts it, released by whatever ends it.
 */
export const automationRuns = pgTable(
  'automation_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    siteId: uuid('site_id')
      .notNull()
      .references(() => sites.id, { onDelete: 'cascade' }),
    status: text('status').$type<AutomationRunStatus>().notNull().default('queued'),
    trigger: text('trigger').$type<'manual' | 'schedule'>().notNull(),
    /** the member the run acts as: its stages start tasks in their name */
    requestedBy: uuid('requested_by').references(() => users.id, { onDelete: 'set null' }),
    /** the settings as they were when the run started (a later edit changes the next run, not this one) */
    config: jsonb('config').$type<AutomationConfigBody>().notNull(),
    stages: jsonb('stages').$type<AutomationStageState[]>().notNull(),
    /** the stage the run is on (index into `stages`) */
    stageIndex: integer('stage_index').notNull().default(0),
    /** the task run of the current stage, while it runs */
    currentTaskRunId: uuid('current_task_run_id'),
    creditsUsed: integer('credits_used').notNull().default(0),
    pauseRequested: boolean('pause_requested').notNull().default(false),
    cancelRequested: boolean('cancel_requested').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('automation_runs_one_active_per_site')
      .on(t.siteId)
      .where(sql`${t.status} in ('queued', 'running', 'paused')`),
    index('automation_runs_site_created').on(t.siteId, t.createdAt),
  ],
);

/** What a run did, written by the engine as it goes: structured rows, never parsed from text. */
export const automationRunLogs = pgTable(
  'automation_run_logs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    runId: uuid('run_id')
      .notNull()
      .references(() => automationRuns.id, { onDelete: 'cascade' }),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    level: text('level').$type<AutomationLogEntry['level']>().notNull(),
    stage: text('stage').$type<AutomationStage>(),
    message: text('message').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('automation_run_logs_run').on(t.runId, t.at)],
);
