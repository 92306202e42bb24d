import {
  defaultCreditCosts,
  type AccountBilling,
  type Capability,
  type CreditCosts,
  type CreditOperation,
  type PlanBody,
  type PlanLimitDetails,
  type ProviderSource,
} from '@igny8/contracts';
import type { Actor, TenantContext } from '../../access/context';
import { audit, platformScope, whoFromActor } from '../audit/service';
import type { Database, Db } from '../../db/client';
import { AppError, conflict, notFound } from '../../http/errors';
import type { Integrations } from '../integrations/service';
import { systemAccountId } from '../integrations/repo';
import * as repo from './repo';
import { ManualBilling, type BillingProvider } from './provider';
import { countUsage } from './usage-repo';

/**
 * What a charge pays for: an AI capability (its source decides who pays), or `serp`, the platform's own
 * SERP provider (SERP_PROVIDER): always the platform's key, so charged to every metered account.
 */
export type ChargedService = Capability | 'serp';

/** Sources whose calls the platform pays for: those are metered. An account's own keys and the offline provider are not. */
const PLATFORM_PAID: readonly ProviderSource[] = ['system', 'environment'];
/** Operators' cost edits reach running tasks within this long. */
const COSTS_TTL_MS = 5_000;

export class InsufficientCredits extends AppError {
  constructor(needed: number, available: number) {
    super(
      402,
      'insufficient_credits',
      `This needs ${needed.toLocaleString('en')} credits; ${available.toLocaleString('en')} are available`,
      {
        needed,
        available,
      },
    );
  }
}

/** One month later, on the same day when the month has it (31 Jan → 28/29 Feb). */
export function addMonths(d: Date, n: number): Date {
  const r = new Date(d);
  const day = r.getUTCDate();
  r.setUTCDate(1);
  r.setUTCMonth(r.getUTCMonth() + n);
  const last = new Date(Date.UTC(r.getUTCFullYear(), r.getUTCMonth() + 1, 0)).getUTCDate();
  r.setUTCDate(Math.min(day, last));
  return r;
}

export interface ChargeSpec {
  operation: CreditOperation;
  credits: number;
  /** where the AI calls of the item went: only the platform's keys are metered */
  source: ProviderSource;
}

/**
 * Credits: plans and their limits, reservations before a task starts, one charge per (task run,
 * item) inside the item's own transaction, releases, refunds, grants and period resets. Every move
 * is a ledger row; the balance columns can never go below zero (checks in the schema).
 */
export class Billing {
  private costsCache?: { at: number; costs: CreditCosts };
  private systemId?: string | null;

  constructor(
    private readonly database: Database,
    private readonly integrations: Integrations,
    private readonly provider: BillingProvider = new ManualBilling(),
  ) {}

  private get db(): Db {
    return this.database.db;
  }

  async costs(): Promise<CreditCosts> {
    if (this.costsCache && Date.now() - this.costsCache.at < COSTS_TTL_MS) return this.costsCache.costs;
    // Costs saved before an operation existed take its default.
    const stored = await repo.getCosts(this.db);
    const costs = stored ? { ...defaultCreditCosts, ...stored } : defaultCreditCosts;
    this.costsCache = { at: Date.now(), costs };
    return costs;
  }

  /** Operators: the costs per operation (audited on the platform's log). */
  async saveCosts(costs: CreditCosts, actor: Actor): Promise<void> {
    await this.database.transaction(async ({ db }) => {
      await repo.saveCosts(db, costs);
      await audit.record(db, platformScope(actor), { action: 'platform.costs_changed', details: { costs } });
    });
    this.costsCache = undefined;
  }

  /** Operators: a new plan, or changes to one (audited on the platform's log). */
  async savePlan(actor: Actor, id: string | null, body: PlanBody): Promise<repo.PlanRow> {
    return this.database.transaction(async ({ db }) => {
      const saved = id ? await repo.updatePlan(db, id, body) : await repo.insertPlan(db, body);
      if (!saved) throw notFound('Plan');
      await audit.record(db, platformScope(actor), {
        action: id ? 'platform.plan_changed' : 'platform.plan_created',
        target: { type: 'plan', id: saved.id, label: saved.name },
        details: {
          monthlyCredits: saved.monthlyCredits,
          limits: saved.limits,
          features: saved.features,
          isDefault: saved.isDefault,
          archived: saved.archived,
        },
      });
      return saved;
    });
  }

  /** The platform's own account is not metered: its usage is the platform's. */
  async metered(accountId: string): Promise<boolean> {
    if (this.systemId === undefined || this.systemId === null) this.systemId = (await systemAccountId(this.db)) ?? null;
    return accountId !== this.systemId;
  }

  /** Whether calls of `service` for this account would be paid by the platform (so charged). */
  async chargesFor(accountId: string, service: ChargedService): Promise<boolean> {
    if (!(await this.metered(accountId))) return false;
    if (service === 'serp') return true;
    return PLATFORM_PAID.includes((await this.integrations.resolve(accountId, service)).source);
  }

  /** `ensureIn` in a transaction of its own. */
  async ensure(accountId: string): Promise<repo.BillingRow> {
    const found = await repo.billingOf(this.db, accountId);
    return found ?? this.database.transaction(({ db }) => this.ensureIn(db, accountId));
  }

  /** `ensureIn` the caller's transaction, or in one of its own when `db` is the database itself. */
  private ensureWith(db: Db, accountId: string): Promise<repo.BillingRow> {
    return db === this.db ? this.ensure(accountId) : this.ensureIn(db, accountId);
  }

  /**
   * Inside the caller's transaction: the account's billing row, made with the default plan (and its
   * first credits, as a ledger grant) the first time it is needed.
   */
  async ensureIn(db: Db, accountId: string): Promise<repo.BillingRow> {
    const found = await repo.billingOf(db, accountId);
    if (found) return found;
    const plan = await repo.defaultPlan(db);
    if (!plan) throw new AppError(500, 'internal', 'No default plan is set');
    const start = new Date();
    if (await repo.insertBillingIfMissing(db, accountId, plan, { start, end: addMonths(start, 1) })) {
      await repo.appendLedger(db, {
        accountId,
        kind: 'grant',
        amount: plan.monthlyCredits,
        planAmount: plan.monthlyCredits,
        bonusAmount: 0,
        planBalanceAfter: plan.monthlyCredits,
        bonusBalanceAfter: 0,
        reason: `${plan.name} plan: credits of the first period`,
        periodStart: start,
      });
    }
    return (await repo.billingOf(db, accountId))!;
  }

  /**
   * Inside a task start's transaction: holds the estimated credits or refuses with 402
   * insufficient_credits (needed, available) before anything runs. The caller asks `chargesFor`
   * first, outside the transaction (on PGlite a query outside it would wait for it to end).
   */
  async reserveForStart(tx: Db, t: TenantContext, taskRunId: string, credits: number): Promise<void> {
    if (credits <= 0) return;
    const est = { credits };
    const row = await this.ensureIn(tx, t.accountId);
    if (!(await repo.holdCredits(tx, t, est.credits))) {
      throw new InsufficientCredits(est.credits, Math.max(0, row.planCredits + row.bonusCredits - row.reserved));
    }
    await repo.insertReservation(tx, t, taskRunId, est.credits);
  }

  /**
   * Inside an item's transaction: charges the item once (the ledger's unique (task run, item) makes
   * a second charge impossible), plan credits first. Taken from the run's hold first; anything
   * beyond it must be available, or the item fails (402 insufficient_credits) and nothing of it is saved.
   * Only for metered accounts (`metered`, asked outside the transaction); the source decides the rest.
   */
  async charge(
    tx: Db,
    t: TenantContext,
    item: { taskRunId: string; itemKey: string },
    spec: ChargeSpec,
  ): Promise<void> {
    if (spec.credits <= 0 || !PLATFORM_PAID.includes(spec.source)) return;
    await this.ensureIn(tx, t.accountId);
    const row = (await repo.billingOf(tx, t.accountId, { lock: true }))!;
    const hold = await repo.reservationOf(tx, item.taskRunId, { lock: true });
    const fromHold = Math.min(spec.credits, hold && !hold.releasedAt ? hold.held : 0);
    const available = row.planCredits + row.bonusCredits - row.reserved;
    if (spec.credits - fromHold > available) throw new InsufficientCredits(spec.credits, available + fromHold);
    const plan = Math.min(row.planCredits, spec.credits);
    const bonus = spec.credits - plan;
    await repo.appendLedger(tx, {
      accountId: t.accountId,
      kind: 'charge',
      amount: -spec.credits,
      planAmount: -plan,
      bonusAmount: -bonus,
      planBalanceAfter: row.planCredits - plan,
      bonusBalanceAfter: row.bonusCredits - bonus,
      operation: spec.operation,
      taskRunId: item.taskRunId,
      itemKey: item.itemKey,
      actorUserId: t.userId || null,
    });
    await repo.movePools(tx, t.accountId, { plan: -plan, bonus: -bonus });
    await repo.takeFromHold(tx, t.accountId, item.taskRunId, fromHold);
  }

  /** A task ended: what its reservation still holds is available again. */
  async release(taskRunId: string): Promise<number> {
    return this.database.transaction((tx) => repo.endReservation(tx.db, taskRunId));
  }

  /** Gives back every charge of a run (or one item of it) not refunded yet, to the pools it came from. */
  async refund(
    accountId: string,
    taskRunId: string,
    o: { reason: string; actor: Actor; itemKey?: string },
  ): Promise<number> {
    return this.database.transaction(async ({ db }) => {
      await this.ensureIn(db, accountId);
      const charges = await repo.chargesOfRun(db, accountId, taskRunId, o.itemKey);
      const done = await repo.refundedItems(db, taskRunId);
      let total = 0;
      for (const c of charges.filter((c) => !done.has(c.itemKey))) {
        const row = (await repo.billingOf(db, accountId, { lock: true }))!;
        await repo.appendLedger(db, {
          accountId,
          kind: 'refund',
          amount: -c.amount,
          planAmount: -c.planAmount,
          bonusAmount: -c.bonusAmount,
          planBalanceAfter: row.planCredits - c.planAmount,
          bonusBalanceAfter: row.bonusCredits - c.bonusAmount,
          operation: c.operation,
          taskRunId,
          itemKey: c.itemKey,
          actorUserId: o.actor.userId,
          reason: o.reason,
        });
        await repo.movePools(db, accountId, { plan: -c.planAmount, bonus: -c.bonusAmount });
        total += -c.amount;
      }
      if (total > 0) {
        await audit.record(
          db,
          { accountId, who: whoFromActor(o.actor) },
          {
            action: 'billing.refunded',
            target: { type: 'task_run', id: taskRunId },
            details: { credits: total, reason: o.reason },
          },
        );
      }
      return total;
    });
  }

  /** Operators: + grants bonus credits, − takes bonus credits back (never below zero). */
  async grant(accountId: string, amount: number, o: { reason: string; actor: Actor }): Promise<void> {
    if (!(await this.metered(accountId))) throw conflict('conflict', "The platform's own account is not metered");
    await this.database.transaction(async ({ db }) => {
      await this.ensureIn(db, accountId);
      const row = (await repo.billingOf(db, accountId, { lock: true }))!;
      if (row.bonusCredits + amount < 0) {
        throw conflict(
          'conflict',
          `The account has ${row.bonusCredits} bonus credits; ${-amount} cannot be taken back`,
        );
      }
      await repo.appendLedger(db, {
        accountId,
        kind: amount > 0 ? 'grant' : 'adjustment',
        amount,
        planAmount: 0,
        bonusAmount: amount,
        planBalanceAfter: row.planCredits,
        bonusBalanceAfter: row.bonusCredits + amount,
        actorUserId: o.actor.userId,
        reason: o.reason,
      });
      await repo.movePools(db, accountId, { plan: 0, bonus: amount });
      await audit.record(
        db,
        { accountId, who: whoFromActor(o.actor) },
        {
          action: amount > 0 ? 'billing.credits_granted' : 'billing.credits_taken_back',
          details: { credits: Math.abs(amount), reason: o.reason, bonusAfter: row.bonusCredits + amount },
        },
      );
    });
  }

  /** Operators: a new plan starts a new period now, with the plan's monthly credits (recorded as a reset). */
  async changePlan(accountId: string, planId: string, o: { reason?: string; actor: Actor }): Promise<void> {
    if (!(await this.metered(accountId))) throw conflict('conflict', "The platform's own account is not metered");
    const plan = await repo.findPlan(this.db, planId);
    if (!plan || plan.archived) throw notFound('Plan');
    await this.database.transaction(async ({ db }) => {
      await this.ensureIn(db, accountId);
      const row = (await repo.billingOf(db, accountId, { lock: true }))!;
      const start = new Date();
      await repo.appendLedger(db, {
        accountId,
        kind: 'reset',
        amount: plan.monthlyCredits - row.planCredits,
        planAmount: plan.monthlyCredits - row.planCredits,
        bonusAmount: 0,
        planBalanceAfter: plan.monthlyCredits,
        bonusBalanceAfter: row.bonusCredits,
        actorUserId: o.actor.userId,
        reason: o.reason ? `Plan changed to ${plan.name}: ${o.reason}` : `Plan changed to ${plan.name}`,
        periodStart: start,
      });
      const from = (await repo.findPlan(db, row.planId))!;
      await audit.record(
        db,
        { accountId, who: whoFromActor(o.actor) },
        {
          action: 'billing.plan_changed',
          target: { type: 'plan', id: plan.id, label: plan.name },
          details: { from: from.name, to: plan.name, ...(o.reason ? { reason: o.reason } : {}) },
        },
      );
      await repo.movePools(
        db,
        accountId,
        { plan: 0, bonus: 0 },
        { planId: plan.id, periodStart: start, periodEnd: addMonths(start, 1), planCredits: plan.monthlyCredits },
      );
    });
  }

  /**
   * Opens a new period for every account whose period has ended: plan credits back to the plan's
   * monthly amount (what was left expires), bonus credits untouched. Exactly once per period however
   * many workers run it: the update is conditional on the period that ended, and the ledger's reset
   * row is unique per (account, period). A period missed while everything was down is not replayed:
   * the account moves straight to the period that contains `now`.
   */
  async resetDuePeriods(now = new Date()): Promise<number> {
    let done = 0;
    for (const due of await repo.accountsDueForReset(this.db, now)) {
      let start = due.periodEnd;
      while (addMonths(start, 1) <= now) start = addMonths(start, 1);
      const opened = await this.database.transaction(async ({ db }) => {
        const row = await repo.billingOf(db, due.accountId, { lock: true });
        if (!row || row.periodEnd.getTime() !== due.periodEnd.getTime()) return false;
        const plan = (await repo.findPlan(db, row.planId))!;
        const next = await repo.openPeriod(db, due.accountId, due.periodEnd, {
          start,
          end: addMonths(start, 1),
          planCredits: plan.monthlyCredits,
        });
        if (!next) return false;
        await repo.appendLedger(db, {
          accountId: due.accountId,
          kind: 'reset',
          amount: plan.monthlyCredits - row.planCredits,
          planAmount: plan.monthlyCredits - row.planCredits,
          bonusAmount: 0,
          planBalanceAfter: plan.monthlyCredits,
          bonusBalanceAfter: row.bonusCredits,
          reason: `${plan.name} plan: credits of the period from ${start.toISOString().slice(0, 10)}`,
          periodStart: start,
        });
        return true;
      });
      if (opened) done++;
    }
    return done;
  }

  /**
   * Refuses to create `adding` more of a resource beyond the plan's limit: 402 plan_limit with the
   * limit in `details`. The platform's own account has no limits.
   */
  async assertRoom(db: Db, t: TenantContext, resource: PlanLimitDetails['resource'], adding: number): Promise<void> {
    const room = await this.room(db, t, resource);
    if (room === null || adding <= room.left) return;
    throw new AppError(
      402,
      'plan_limit',
      `The ${room.plan} plan allows ${room.limit.toLocaleString('en')} ${resource}; this account has ${room.used.toLocaleString('en')}`,
      { resource, limit: room.limit, used: room.used, plan: room.plan } satisfies PlanLimitDetails,
    );
  }

  /** How many more of a resource the plan allows (null: no limit). */
  async room(db: Db, t: TenantContext, resource: PlanLimitDetails['resource']) {
    if (!(await this.metered(t.accountId))) return null;
    const row = await this.ensureWith(db, t.accountId);
    const plan = (await repo.findPlan(db, row.planId))!;
    const used = (await countUsage(db, t.accountId))[resource];
    const limit = plan.limits[resource];
    return { limit, used, left: Math.max(0, limit - used), plan: plan.name };
  }

  /** Whether the account's plan has a feature (the platform's own account has all). */
  async hasFeature(accountId: string, feature: 'ownAiKeys' | 'automation'): Promise<boolean> {
    if (!(await this.metered(accountId))) return true;
    const row = await this.ensure(accountId);
    return (await repo.findPlan(this.db, row.planId))!.features[feature];
  }

  /** An account's billing page: its own members' (`t.accountId`) or a platform operator's. */
  async view(accountId: string): Promise<AccountBilling> {
    const metered = await this.metered(accountId);
    const row = await this.ensure(accountId);
    const plan = (await repo.findPlan(this.db, row.planId))!;
    const used = await countUsage(this.db, accountId);
    const spent = await repo.spentBetween(this.db, accountId, row.periodStart, row.periodEnd);
    return {
      metered,
      plan: {
        id: plan.id,
        name: plan.name,
        monthlyCredits: plan.monthlyCredits,
        limits: plan.limits,
        features: plan.features,
        isDefault: plan.isDefault,
        archived: plan.archived,
      },
      periodStart: row.periodStart.toISOString(),
      periodEnd: row.periodEnd.toISOString(),
      planCredits: row.planCredits,
      bonusCredits: row.bonusCredits,
      reserved: row.reserved,
      available: Math.max(0, row.planCredits + row.bonusCredits - row.reserved),
      usage: (['sites', 'members', 'keywords'] as const).map((resource) => ({
        resource,
        used: used[resource],
        limit: plan.limits[resource],
      })),
      spentByOperation: spent.byOperation,
      spentByDay: spent.byDay,
      costs: await this.costs(),
      upgrade: this.provider.describe(),
    };
  }
}
