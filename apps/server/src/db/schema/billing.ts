import type { CreditCosts, CreditOperation, LedgerKind, PlanFeatures, PlanLimits } from '@igny8/contracts';
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { accounts } from './accounts';
import { taskRuns } from './tasks';

/** Plans defined by platform operators; an account has one. */
export const plans = pgTable(
  'plans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull().unique(),
    monthlyCredits: integer('monthly_credits').notNull(),
    limits: jsonb('limits').$type<PlanLimits>().notNull(),
    features: jsonb('features').$type<PlanFeatures>().notNull(),
    isDefault: boolean('is_default').notNull().default(false),
    archived: boolean('archived').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('plans_one_default')
      .on(t.isDefault)
      .where(sql`${t.isDefault}`),
  ],
);

/**
 * An account's credits: the plan pool (reset each period) and the bonus pool (never expires), and
 * what is held for queued and running tasks. The checks make a negative balance impossible, whatever
 * the code does.
 */
export const accountBilling = pgTable(
  'account_billing',
  {
    accountId: uuid('account_id')
      .primaryKey()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    planId: uuid('plan_id')
      .notNull()
      .references(() => plans.id),
    periodStart: timestamp('period_start', { withTimezone: true }).notNull(),
    periodEnd: timestamp('period_end', { withTimezone: true }).notNull(),
    planCredits: integer('plan_credits').notNull(),
    bonusCredits: integer('bonus_credits').notNull().default(0),
    reserved: integer('reserved').notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('account_billing_plan_credits', sql`${t.planCredits} >= 0`),
    check('account_billing_bonus_credits', sql`${t.bonusCredits} >= 0`),
    check('account_billing_reserved', sql`${t.reserved} >= 0`),
    index('account_billing_period_end').on(t.periodEnd),
  ],
);

/**
 * Every movement of credits, append-only (a trigger refuses updates and direct deletes). A charge
 * is unique per (task run, item): a retried item can never be charged twice, whatever the code does.
 */
export const creditLedger = pgTable(
  'credit_ledger',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<LedgerKind>().notNull(),
    amount: integer('amount').notNull(),
    planAmount: integer('plan_amount').notNull(),
    bonusAmount: integer('bonus_amount').notNull(),
    planBalanceAfter: integer('plan_balance_after').notNull(),
    bonusBalanceAfter: integer('bonus_balance_after').notNull(),
    operation: text('operation').$type<CreditOperation>(),
    /** kept as a plain id: the ledger outlives the runs it names */
    taskRunId: uuid('task_run_id'),
    itemKey: text('item_key'),
    actorUserId: uuid('actor_user_id'),
    reason: text('reason'),
    /** a period reset: the period it opened */
    periodStart: timestamp('period_start', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('credit_ledger_account_created').on(t.accountId, t.createdAt),
    uniqueIndex('credit_ledger_one_charge')
      .on(t.taskRunId, t.itemKey)
      .where(sql`${t.kind} = 'charge'`),
    uniqueIndex('credit_ledger_one_refund')
      .on(t.taskRunId, t.itemKey)
      .where(sql`${t.kind} = 'refund'`),
    uniqueIndex('credit_ledger_one_reset')
      .on(t.accountId, t.periodStart)
      .where(sql`${t.kind} = 'reset'`),
  ],
);

/** Credits held for a task run from its start until it ends (then released). */
export const creditReservations = pgTable('credit_reservations', {
  taskRunId: uuid('task_run_id')
    .primaryKey()
    .references(() => taskRuns.id, { onDelete: 'cascade' }),
  accountId: uuid('account_id')
    .notNull()
    .references(() => accounts.id, { onDelete: 'cascade' }),
  amount: integer('amount').notNull(),
  /** what is still held: charges of the run take from it first */
  held: integer('held').notNull(),
  releasedAt: timestamp('released_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Operator-editable billing settings (one row): the costs per operation. */
export const billingSettings = pgTable('billing_settings', {
  id: text('id').primaryKey().default('platform'),
  costs: jsonb('costs').$type<CreditCosts>().notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Dollars per provider call, by model, for the usage log; editable by operators. */
export const modelPrices = pgTable('model_prices', {
  model: text('model').primaryKey(),
  inputPerMillion: numeric('input_per_million', { precision: 12, scale: 6, mode: 'number' }).notNull(),
  outputPerMillion: numeric('output_per_million', { precision: 12, scale: 6, mode: 'number' }).notNull(),
  perImage: numeric('per_image', { precision: 12, scale: 6, mode: 'number' }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
