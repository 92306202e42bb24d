import type { CreditCosts, CreditOperation, LedgerEntry, LedgerKind, ModelPrice, PlanBody } from '@igny8/contracts';
import { and, asc, count, desc, eq, gte, lt, lte, sql } from 'drizzle-orm';
import type { TenantContext } from '../../access/context';
import type { Db } from '../../db/client';
import {
  accountBilling,
  billingSettings,
  creditLedger,
  creditReservations,
  modelPrices,
  plans,
} from '../../db/schema/index';

export type PlanRow = typeof plans.$inferSelect;
export type BillingRow = typeof accountBilling.$inferSelect;
type LedgerInsert = typeof creditLedger.$inferInsert;

/*
 * Billing rows are keyed by account. Functions named for a tenant take its TenantContext; the
 * platform's (operators', the period-reset job's) take the account id they act on, by design.
 */

export async function listPlans(db: Db) {
  const rows = await db
    .select({
      plan: plans,
      accounts: sql<number>`(select count(*)::int from ${accountBilling} where ${accountBilling.planId} = ${plans.id})`,
    })
    .from(plans)
    .orderBy(asc(plans.monthlyCredits), asc(plans.name));
  return rows.map((r) => ({ ...r.plan, accounts: r.accounts }));
}

export async function findPlan(db: Db, id: string): Promise<PlanRow | undefined> {
  const [p] = await db.select().from(plans).where(eq(plans.id, id));
  return p;
}

export async function defaultPlan(db: Db): Promise<PlanRow | undefined> {
  const [p] = await db.select().from(plans).where(eq(plans.isDefault, true));
  return p;
}

export async function insertPlan(db: Db, body: PlanBody): Promise<PlanRow> {
  if (body.isDefault) await db.update(plans).set({ isDefault: false }).where(eq(plans.isDefault, true));
  const [p] = await db
    .insert(plans)
    .values({ ...body, isDefault: body.isDefault ?? false, archived: body.archived ?? false })
    .returning();
  return p!;
}

export async function updatePlan(db: Db, id: string, body: PlanBody): Promise<PlanRow | undefined> {
  if (body.isDefault) await db.update(plans).set({ isDefault: false }).where(eq(plans.isDefault, true));
  const [p] = await db
    .update(plans)
    .set({ ...body, isDefault: body.isDefault ?? false, archived: body.archived ?? false, updatedAt: new Date() })
    .where(eq(plans.id, id))
    .returning();
  return p;
}

export async function billingOf(
  db: Db,
  accountId: string,
  opts: { lock?: boolean } = {},
): Promise<BillingRow | undefined> {
  const q = db.select().from(accountBilling).where(eq(accountBilling.accountId, accountId));
  const [row] = opts.lock ? await q.for('update') : await q;
  return row;
}

/** The account's billing row, made on first use with `plan`; returns whether it was made now. */
export async function insertBillingIfMissing(
  db: Db,
  accountId: string,
  plan: PlanRow,
  period: { start: Date; end: Date },
): Promise<boolean> {
  const made = await db
    .insert(accountBilling)
    .values({
      accountId,
      planId: plan.id,
      periodStart: period.start,
      periodEnd: period.end,
      planCredits: plan.monthlyCredits,
    })
    .onConflictDoNothing()
    .returning({ id: accountBilling.accountId });
  return made.length === 1;
}

/**
 * Holds `amount` for a task when the account has it available (plan + bonus − reserved): one
 * conditional update, so concurrent starts can never hold more than the balance. False: not enough.
 */
export async function holdCredits(db: Db, t: TenantContext, amount: number): Promise<boolean> {
  const held = await db
    .update(accountBilling)
    .set({ reserved: sql`${accountBilling.reserved} + ${amount}`, updatedAt: new Date() })
    .where(
      and(
        eq(accountBilling.accountId, t.accountId),
        sql`${accountBilling.planCredits} + ${accountBilling.bonusCredits} - ${accountBilling.reserved} >= ${amount}`,
      ),
    )
    .returning({ id: accountBilling.accountId });
  return held.length === 1;
}

export async function insertReservation(db: Db, t: TenantContext, taskRunId: string, amount: number): Promise<void> {
  await db.insert(creditReservations).values({ taskRunId, accountId: t.accountId, amount, held: amount });
}

export async function reservationOf(db: Db, taskRunId: string, opts: { lock?: boolean } = {}) {
  const q = db.select().from(creditReservations).where(eq(creditReservations.taskRunId, taskRunId));
  const [r] = opts.lock ? await q.for('update') : await q;
  return r;
}

/** Takes `take` from a reservation's hold (and from the account's reserved total). */
export async function takeFromHold(db: Db, accountId: string, taskRunId: string, take: number): Promise<void> {
  if (take <= 0) return;
  await db
    .update(creditReservations)
    .set({ held: sql`${creditReservations.held} - ${take}` })
    .where(eq(creditReservations.taskRunId, taskRunId));
  await db
    .update(accountBilling)
    .set({ reserved: sql`${accountBilling.reserved} - ${take}`, updatedAt: new Date() })
    .where(eq(accountBilling.accountId, accountId));
}

/** Ends a reservation: what it still holds goes back to available. Returns what was released. */
export async function endReservation(db: Db, taskRunId: string): Promise<number> {
  const r = await reservationOf(db, taskRunId, { lock: true });
  if (!r || r.releasedAt) return 0;
  await db
    .update(creditReservations)
    .set({ held: 0, releasedAt: new Date() })
    .where(eq(creditReservations.taskRunId, taskRunId));
  if (r.held > 0) {
    await db
      .update(accountBilling)
      .set({ reserved: sql`greatest(0, ${accountBilling.reserved} - ${r.held})`, updatedAt: new Date() })
      .where(eq(accountBilling.accountId, r.accountId));
  }
  return r.held;
}

/** Moves the pools by (plan, bonus) — negative takes — and sets the period when given. */
export async function movePools(
  db: Db,
  accountId: string,
  delta: { plan: number; bonus: number },
  set: Partial<Pick<BillingRow, 'planId' | 'periodStart' | 'periodEnd' | 'planCredits'>> = {},
): Promise<BillingRow> {
  const [row] = await db
    .update(accountBilling)
    .set({
      planCredits: set.planCredits ?? sql`${accountBilling.planCredits} + ${delta.plan}`,
      bonusCredits: sql`${accountBilling.bonusCredits} + ${delta.bonus}`,
      ...(set.planId ? { planId: set.planId } : {}),
      ...(set.periodStart ? { periodStart: set.periodStart } : {}),
      ...(set.periodEnd ? { periodEnd: set.periodEnd } : {}),
      updatedAt: new Date(),
    })
    .where(eq(accountBilling.accountId, accountId))
    .returning();
  return row!;
}

/** Appends a ledger row (unique per charge/refund item and per reset period: a duplicate throws). */
export async function appendLedger(db: Db, row: LedgerInsert): Promise<void> {
  await db.insert(creditLedger).values(row);
}

export async function chargesOfRun(db: Db, accountId: string, taskRunId: string, itemKey?: string) {
  return db
    .select()
    .from(creditLedger)
    .where(
      and(
        eq(creditLedger.accountId, accountId),
        eq(creditLedger.taskRunId, taskRunId),
        eq(creditLedger.kind, 'charge'),
        itemKey === undefined ? undefined : eq(creditLedger.itemKey, itemKey),
      ),
    );
}

export async function refundedItems(db: Db, taskRunId: string): Promise<Set<string | null>> {
  const rows = await db
    .select({ k: creditLedger.itemKey })
    .from(creditLedger)
    .where(and(eq(creditLedger.taskRunId, taskRunId), eq(creditLedger.kind, 'refund')));
  return new Set(rows.map((r) => r.k));
}

export interface LedgerFilter {
  kind?: LedgerKind;
  operation?: CreditOperation;
  from?: string;
  to?: string;
}

function ledgerWhere(t: TenantContext, f: LedgerFilter) {
  return and(
    eq(creditLedger.accountId, t.accountId),
    f.kind ? eq(creditLedger.kind, f.kind) : undefined,
    f.operation ? eq(creditLedger.operation, f.operation) : undefined,
    f.from ? gte(creditLedger.createdAt, new Date(f.from)) : undefined,
    f.to ? lt(creditLedger.createdAt, new Date(f.to)) : undefined,
  );
}

export function toLedgerEntry(r: typeof creditLedger.$inferSelect): LedgerEntry {
  return {
    id: r.id,
    kind: r.kind,
    amount: r.amount,
    pool: r.planAmount !== 0 && r.bonusAmount !== 0 ? 'both' : r.bonusAmount !== 0 ? 'bonus' : 'plan',
    planAmount: r.planAmount,
    bonusAmount: r.bonusAmount,
    balanceAfter: r.planBalanceAfter + r.bonusBalanceAfter,
    planBalanceAfter: r.planBalanceAfter,
    bonusBalanceAfter: r.bonusBalanceAfter,
    operation: r.operation ?? null,
    taskRunId: r.taskRunId,
    itemKey: r.itemKey,
    actorUserId: r.actorUserId,
    reason: r.reason,
    createdAt: r.createdAt.toISOString(),
  };
}

export async function listLedger(db: Db, t: TenantContext, f: LedgerFilter & { limit: number; offset: number }) {
  const where = ledgerWhere(t, f);
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(creditLedger)
      .where(where)
      .orderBy(desc(creditLedger.createdAt), desc(creditLedger.id))
      .limit(f.limit)
      .offset(f.offset),
    db.select({ n: count() }).from(creditLedger).where(where),
  ]);
  return { items: rows.map(toLedgerEntry), total: total?.n ?? 0 };
}

/** The whole filtered ledger, oldest first, in pages (for the CSV export). */
export async function* ledgerPages(db: Db, t: TenantContext, f: LedgerFilter, pageSize = 1000) {
  const where = ledgerWhere(t, f);
  for (let offset = 0; ; offset += pageSize) {
    const rows = await db
      .select()
      .from(creditLedger)
      .where(where)
      .orderBy(asc(creditLedger.createdAt), asc(creditLedger.id))
      .limit(pageSize)
      .offset(offset);
    if (rows.length === 0) return;
    yield rows.map(toLedgerEntry);
    if (rows.length < pageSize) return;
  }
}

/** Credits charged (net of refunds) in [from, to), by operation and by UTC day (the account's own page, or an operator's). */
export async function spentBetween(db: Db, accountId: string, from: Date, to: Date) {
  const inPeriod = and(
    eq(creditLedger.accountId, accountId),
    sql`${creditLedger.kind} in ('charge', 'refund')`,
    gte(creditLedger.createdAt, from),
    lt(creditLedger.createdAt, to),
  );
  const [byOperation, byDay] = await Promise.all([
    db
      .select({ operation: creditLedger.operation, credits: sql<number>`(-sum(${creditLedger.amount}))::int` })
      .from(creditLedger)
      .where(inPeriod)
      .groupBy(creditLedger.operation)
      .orderBy(creditLedger.operation),
    db
      .select({
        day: sql<string>`to_char(${creditLedger.createdAt} at time zone 'UTC', 'YYYY-MM-DD')`,
        credits: sql<number>`(-sum(${creditLedger.amount}))::int`,
      })
      .from(creditLedger)
      .where(inPeriod)
      .groupBy(sql`1`)
      .orderBy(sql`1`),
  ]);
  return {
    byOperation: byOperation.filter((r): r is { operation: CreditOperation; credits: number } => r.operation !== null),
    byDay,
  };
}

/** Accounts whose period has ended by `now`, oldest first (the reset job's work list). */
export async function accountsDueForReset(db: Db, now: Date, limit = 200) {
  return db
    .select({ accountId: accountBilling.accountId, periodEnd: accountBilling.periodEnd })
    .from(accountBilling)
    .where(lte(accountBilling.periodEnd, now))
    .orderBy(asc(accountBilling.periodEnd))
    .limit(limit);
}

/** Opens the next period for an account still in the one that ended at `endedAt` (false: another worker did). */
export async function openPeriod(
  db: Db,
  accountId: string,
  endedAt: Date,
  next: { start: Date; end: Date; planCredits: number },
) {
  const [row] = await db
    .update(accountBilling)
    .set({ periodStart: next.start, periodEnd: next.end, planCredits: next.planCredits, updatedAt: new Date() })
    .where(and(eq(accountBilling.accountId, accountId), eq(accountBilling.periodEnd, endedAt)))
    .returning();
  return row;
}

export async function getCosts(db: Db): Promise<CreditCosts | undefined> {
  const [row] = await db.select().from(billingSettings).where(eq(billingSettings.id, 'platform'));
  return row?.costs;
}

export async function saveCosts(db: Db, costs: CreditCosts): Promise<void> {
  await db
    .insert(billingSettings)
    .values({ id: 'platform', costs })
    .onConflictDoUpdate({ target: billingSettings.id, set: { costs, updatedAt: new Date() } });
}

export async function listPrices(db: Db): Promise<ModelPrice[]> {
  return db
    .select({
      model: modelPrices.model,
      inputPerMillion: modelPrices.inputPerMillion,
      outputPerMillion: modelPrices.outputPerMillion,
      perImage: modelPrices.perImage,
    })
    .from(modelPrices)
    .orderBy(asc(modelPrices.model));
}

/** Replaces the price table with `items`. */
export async function replacePrices(db: Db, items: ModelPrice[]): Promise<void> {
  await db.delete(modelPrices);
  if (items.length) await db.insert(modelPrices).values(items);
}
