/**
 * Credits: holds before a start (402 without any provider call), one charge per (task run, item)
 * inside the item's transaction, releases, refunds, grants, plan limits and period resets.
 */
import { startMockOpenAI, type MockOpenAI } from '@igny8/e2e/mock-openai';
import type { AccountBilling, LedgerEntry } from '@igny8/contracts';
import { and, eq, sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { accountBilling, clusters, creditLedger, plans, taskRuns, usageEvents } from '../src/db/schema/index';
import { isUniqueViolation } from '../src/db/errors';
import { WorkerStopping } from '../src/jobs/context';
import { TaskRunner } from '../src/jobs/runner';
import { Runtime } from '../src/runtime';
import { MemoryFileStorage } from '../src/storage/files';
import {
  accountIdOf,
  addMember,
  bearer,
  setPlatformProvider,
  signup,
  tenantFixture,
  testApp,
  type Session,
  type TestApp,
} from './helpers/app';
import { createSite } from './helpers/planner';
import { fastRetry, pollTask } from './helpers/tasks';
import { defaultSectorId } from './helpers/sectors';

type Fixture = Awaited<ReturnType<typeof tenantFixture>>;

/** The model's answer to "ideas for a cluster": one idea, whatever was asked. */
const oneIdea = {
  ideas: [
    {
      title: 'An idea about coffee beans and how to roast them',
      summary: 'A summary long enough for the schema to accept it here, about beans.',
      contentType: 'article',
      outline: [
        { level: 2, text: 'Choosing beans' },
        { level: 2, text: 'Roasting at home' },
        { level: 2, text: 'Storing them' },
      ],
      primaryKeyword: 'coffee beans',
      secondaryKeywords: [],
      targetWordCount: 1200,
    },
  ],
};

async function call<T = unknown>(
  t: TestApp,
  who: Session,
  method: 'GET' | 'POST' | 'PUT',
  url: string,
  payload?: object,
) {
  const res = await t.app.inject({ method, url, headers: bearer(who), ...(payload ? { payload } : {}) });
  return { status: res.statusCode, body: res.json() as T };
}

const billingOf = async (t: TestApp, who: Session, accountId: string) =>
  (await call<AccountBilling>(t, who, 'GET', `/api/v1/accounts/${accountId}/billing`)).body;
const ledgerOf = async (t: TestApp, who: Session, accountId: string, q = '') =>
  (
    await call<{ items: LedgerEntry[]; total: number }>(
      t,
      who,
      'GET',
      `/api/v1/accounts/${accountId}/billing/ledger?limit=500${q}`,
    )
  ).body;

/** A plan made by the operator with these monthly credits and limits, assigned to the account. */
async function onPlan(
  t: TestApp,
  operator: Session,
  accountId: string,
  name: string,
  monthlyCredits: number,
  limits = { sites: 10, members: 10, keywords: 10_000 },
) {
  const made = await call<{ id: string }>(t, operator, 'POST', '/api/v1/platform/plans', {
    name,
    monthlyCredits,
    limits,
    features: { ownAiKeys: false, automation: true },
  });
  expect(made.status).toBe(201);
  expect(
    (
      await call(t, operator, 'PUT', `/api/v1/platform/accounts/${accountId}/plan`, {
        planId: made.body.id,
        reason: 'test',
      })
    ).status,
  ).toBe(200);
  return made.body.id;
}

/** `n` clusters inserted directly into the site (the work of starts that are under test, not clustering). */
async function insertClusters(
  t: TestApp,
  accountId: string,
  siteId: string,
  n: number,
  tag: string,
): Promise<string[]> {
  const sectorId = await defaultSectorId(t.database.db, siteId);
  const rows = await t.database.db
    .insert(clusters)
    .values(Array.from({ length: n }, (_, i) => ({ accountId, siteId, sectorId, name: `${tag} ${i}` })))
    .returning({ id: clusters.id });
  return rows.map((r) => r.id);
}

describe('holds, charges, releases and refunds', () => {
  let mock: MockOpenAI;
  let t: TestApp;
  let f: Fixture;
  let siteId: string;
  let S: string;

  beforeAll(async () => {
    mock = await startMockOpenAI({ apiKeys: ['sk-platform'] });
    t = await testApp({}, { runtime: { worker: true, retryPolicy: fastRetry } });
    f = await tenantFixture(t.app);
    await setPlatformProvider(t.app, f.operator, 'text', {
      provider: 'openai_compatible',
      baseUrl: mock.url,
      model: 'gpt-4o-mini',
      apiKey: 'sk-platform',
      options: { outputMode: 'structured', requestsPerMinute: 100_000 },
    });
    siteId = await createSite(t.app, f.editor, f.accountId);
    S = `/api/v1/accounts/${f.accountId}/sites/${siteId}`;
  });
  afterAll(async () => {
    await t.close();
    await mock.close();
  });
  beforeEach(() => mock.reset());

  it('a new account starts on the default plan with its credits, recorded as a grant', async () => {
    const b = await billingOf(t, f.viewer, f.accountId);
    expect(b).toMatchObject({
      metered: true,
      plan: { name: 'Open', monthlyCredits: 1000 },
      planCredits: 1000,
      bonusCredits: 0,
      reserved: 0,
      available: 1000,
    });
    const ledger = await ledgerOf(t, f.admin, f.accountId);
    expect(ledger.items).toEqual([
      expect.objectContaining({ kind: 'grant', amount: 1000, pool: 'plan', balanceAfter: 1000 }),
    ]);
    // The ledger is the admins'; the balance every member's.
    expect((await call(t, f.editor, 'GET', `/api/v1/accounts/${f.accountId}/billing/ledger`)).status).toBe(403);
  });

  it('charges each item once, plan credits first, and releases what the run did not use', async () => {
    const ids = await insertClusters(t, f.accountId, siteId, 3, 'charged');
    mock.onChat(() => oneIdea);
    const started = await call<{ taskId: string }>(t, f.editor, 'POST', `${S}/ideas/generate`, {
      clusterIds: ids,
      perCluster: 2,
    });
    expect(started.status).toBe(202);
    const { run } = await pollTask(t.app, f.viewer, f.accountId, started.body.taskId);
    expect(run.status, JSON.stringify([run.error, run.itemErrors])).toBe('succeeded');
    // 3 clusters × 2 held (60); each answer had one idea: 3 × 10 charged, the rest released.
    const b = await billingOf(t, f.viewer, f.accountId);
    expect(b).toMatchObject({ planCredits: 970, reserved: 0, available: 970 });
    const charges = (await ledgerOf(t, f.admin, f.accountId, '&kind=charge')).items.filter(
      (e) => e.taskRunId === run.id,
    );
    expect(charges).toHaveLength(3);
    expect(charges.every((c) => c.amount === -10 && c.operation === 'idea' && c.pool === 'plan')).toBe(true);
    expect(charges.map((c) => c.balanceAfter).sort((a, b) => b - a)).toEqual([990, 980, 970]);
    expect(b.spentByOperation).toEqual([{ operation: 'idea', credits: 30 }]);
    // Usage carries dollars from the price table (gpt-4o-mini is priced).
    const usage = await t.database.db.select().from(usageEvents).where(eq(usageEvents.taskRunId, run.id));
    expect(usage.length).toBe(3);
    expect(usage.every((u) => u.costUsd !== null && u.costUsd > 0)).toBe(true);

    // An operator refunds the run: each charge comes back once, to the pool it came from.
    const refunded = await call<{ refunded: number }>(
      t,
      f.operator,
      'POST',
      `/api/v1/platform/accounts/${f.accountId}/refunds`,
      { taskRunId: run.id, reason: 'Bad answers' },
    );
    expect(refunded.body.refunded).toBe(30);
    expect((await billingOf(t, f.viewer, f.accountId)).planCredits).toBe(1000);
    expect(
      (
        await call(t, f.operator, 'POST', `/api/v1/platform/accounts/${f.accountId}/refunds`, {
          taskRunId: run.id,
          reason: 'Again',
        })
      ).status,
    ).toBe(409);
    const refunds = (await ledgerOf(t, f.admin, f.accountId, '&kind=refund')).items;
    expect(refunds).toHaveLength(3);
    expect(refunds.every((r) => r.amount === 10 && r.reason === 'Bad answers')).toBe(true);
  });

  it('bonus credits are used once plan credits run out; an operator takes back no more than is there', async () => {
    expect(
      (
        await call(t, f.operator, 'POST', `/api/v1/platform/accounts/${f.accountId}/credits`, {
          amount: 25,
          reason: 'Goodwill',
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await call(t, f.operator, 'POST', `/api/v1/platform/accounts/${f.accountId}/credits`, {
          amount: -30,
          reason: 'Too much',
        })
      ).status,
    ).toBe(409);
    // Leave 5 plan credits: the next charge of 10 takes 5 from the plan and 5 from the bonus.
    await t.database.db.update(accountBilling).set({ planCredits: 5 }).where(eq(accountBilling.accountId, f.accountId));
    const ids = await insertClusters(t, f.accountId, siteId, 1, 'pools');
    mock.onChat(() => oneIdea);
    const started = await call<{ taskId: string }>(t, f.editor, 'POST', `${S}/ideas/generate`, {
      clusterIds: ids,
      perCluster: 1,
    });
    expect((await pollTask(t.app, f.viewer, f.accountId, started.body.taskId)).run.status).toBe('succeeded');
    const [charge] = (await ledgerOf(t, f.admin, f.accountId, '&kind=charge')).items.filter(
      (e) => e.taskRunId === started.body.taskId,
    );
    expect(charge).toMatchObject({
      amount: -10,
      planAmount: -5,
      bonusAmount: -5,
      pool: 'both',
      planBalanceAfter: 0,
      bonusBalanceAfter: 20,
    });
  });

  it('answers 402 insufficient_credits, with needed and available, before any provider call or run', async () => {
    await t.database.db
      .update(accountBilling)
      .set({ planCredits: 0, bonusCredits: 15 })
      .where(eq(accountBilling.accountId, f.accountId));
    const ids = await insertClusters(t, f.accountId, siteId, 1, 'broke');
    const runsBefore = await t.database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(taskRuns)
      .where(eq(taskRuns.accountId, f.accountId));
    const refused = await call<{ error: { code: string; details: { needed: number; available: number } } }>(
      t,
      f.editor,
      'POST',
      `${S}/ideas/generate`,
      {
        clusterIds: ids,
        perCluster: 2,
      },
    );
    expect(refused.status).toBe(402);
    expect(refused.body.error).toMatchObject({ code: 'insufficient_credits', details: { needed: 20, available: 15 } });
    expect(mock.requests).toEqual([]);
    const runsAfter = await t.database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(taskRuns)
      .where(eq(taskRuns.accountId, f.accountId));
    expect(runsAfter).toEqual(runsBefore);
    // The estimate endpoint says the same before anyone clicks.
    const est = await call(t, f.viewer, 'POST', `${S}/billing/estimate`, {
      kind: 'ideas.generate',
      clusterIds: ids,
      perCluster: 2,
    });
    expect(est.body).toEqual({ credits: 20, charged: true, available: 15 });
  });

  it('the ledger is append-only, and a second charge of one item is impossible by constraint', async () => {
    const [row] = await t.database.db
      .select()
      .from(creditLedger)
      .where(eq(creditLedger.accountId, f.accountId))
      .limit(1);
    const refusal = (p: Promise<unknown>) =>
      p.then(
        () => 'allowed',
        (e: { message: string; cause?: { message?: string } }) => e.cause?.message ?? e.message,
      );
    expect(
      await refusal(t.database.db.update(creditLedger).set({ amount: 1 }).where(eq(creditLedger.id, row!.id))),
    ).toMatch(/append-only/);
    expect(await refusal(t.database.db.delete(creditLedger).where(eq(creditLedger.id, row!.id)))).toMatch(
      /append-only/,
    );
    const charge = {
      accountId: f.accountId,
      kind: 'charge' as const,
      amount: -1,
      planAmount: -1,
      bonusAmount: 0,
      planBalanceAfter: 0,
      bonusBalanceAfter: 0,
      taskRunId: row!.id,
      itemKey: 'same-item',
    };
    await t.database.db.insert(creditLedger).values(charge);
    const second = await t.database.db
      .insert(creditLedger)
      .values(charge)
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(isUniqueViolation(second)).toBe(true);
  });

  it('exports the ledger as CSV for admins, filtered', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/accounts/${f.accountId}/billing/ledger/export?kind=refund`,
      headers: bearer(f.admin),
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    const lines = res.body.trim().split('\n');
    expect(lines[0]).toMatch(/^Date,Kind,Operation,Amount/);
    expect(lines.slice(1).every((l) => l.split(',')[1] === 'refund')).toBe(true);
    expect(lines.length).toBe(4);
  });

  it('own keys and offline work are not charged', async () => {
    await t.database.db
      .update(accountBilling)
      .set({ planCredits: 500, bonusCredits: 0 })
      .where(eq(accountBilling.accountId, f.accountId));
    const ids = await insertClusters(t, f.accountId, siteId, 1, 'own');
    // The platform's text provider is the offline one for this start.
    await setPlatformProvider(t.app, f.operator, 'text', null);
    const est = await call(t, f.viewer, 'POST', `${S}/billing/estimate`, {
      kind: 'ideas.generate',
      clusterIds: ids,
      perCluster: 1,
    });
    expect(est.body).toMatchObject({ credits: 0, charged: false });
    const started = await call<{ taskId: string }>(t, f.editor, 'POST', `${S}/ideas/generate`, {
      clusterIds: ids,
      perCluster: 1,
    });
    expect((await pollTask(t.app, f.viewer, f.accountId, started.body.taskId)).run.status).toBe('succeeded');
    expect((await billingOf(t, f.viewer, f.accountId)).planCredits).toBe(500);
    await setPlatformProvider(t.app, f.operator, 'text', {
      provider: 'openai_compatible',
      baseUrl: mock.url,
      model: 'gpt-4o-mini',
      apiKey: 'sk-platform',
      options: { outputMode: 'structured', requestsPerMinute: 100_000 },
    });
  });
});

describe('twenty starts at once never hold more than the balance', () => {
  let t: TestApp;
  let f: Fixture;
  let mock: MockOpenAI;

  beforeAll(async () => {
    mock = await startMockOpenAI({ apiKeys: ['sk-platform'] });
    t = await testApp(); // API only: the runs stay queued with their holds
    f = await tenantFixture(t.app);
    await setPlatformProvider(t.app, f.operator, 'text', {
      provider: 'openai_compatible',
      baseUrl: mock.url,
      model: 'gpt-4o-mini',
      apiKey: 'sk-platform',
      options: { outputMode: 'structured' },
    });
  });
  afterAll(async () => {
    await t.close();
    await mock.close();
  });

  it('100 credits, twenty starts of 10: ten go through, ten get 402, nothing is over-held', async () => {
    await onPlan(t, f.operator, f.accountId, 'Hundred', 100);
    const siteId = await createSite(t.app, f.editor, f.accountId);
    const ids = await insertClusters(t, f.accountId, siteId, 20, 'race');
    const answers = await Promise.all(
      ids.map((id) =>
        t.app.inject({
          method: 'POST',
          url: `/api/v1/accounts/${f.accountId}/sites/${siteId}/ideas/generate`,
          headers: bearer(f.editor),
          payload: { clusterIds: [id], perCluster: 1 },
        }),
      ),
    );
    expect(answers.filter((a) => a.statusCode === 202)).toHaveLength(10);
    expect(
      answers.filter((a) => a.statusCode === 402).every((a) => a.json().error.code === 'insufficient_credits'),
    ).toBe(true);
    expect(answers.filter((a) => a.statusCode === 402)).toHaveLength(10);
    const b = await billingOf(t, f.viewer, f.accountId);
    expect(b).toMatchObject({ planCredits: 100, reserved: 100, available: 0 });
    expect(mock.requests).toEqual([]);

    // Cancelling the queued runs gives every hold back.
    for (const a of answers.filter((x) => x.statusCode === 202)) {
      await t.app.inject({
        method: 'POST',
        url: `/api/v1/accounts/${f.accountId}/tasks/${a.json().taskId}/cancel`,
        headers: bearer(f.editor),
      });
    }
    expect(await billingOf(t, f.viewer, f.accountId)).toMatchObject({ reserved: 0, available: 100 });
  });
});

describe('plan limits where things are created', () => {
  let t: TestApp;
  let f: Fixture;

  beforeAll(async () => {
    t = await testApp();
    f = await tenantFixture(t.app);
  });
  afterAll(() => t.close());

  it('sites, members (invitations included) and keywords stop at the plan with 402 plan_limit', async () => {
    const small = await signup(t.app, 'small@d.test', 'Small account');
    const accountId = accountIdOf(small);
    const [starter] = await t.database.db.select().from(plans).where(eq(plans.name, 'Starter'));
    expect(
      (await call(t, f.operator, 'PUT', `/api/v1/platform/accounts/${accountId}/plan`, { planId: starter!.id })).status,
    ).toBe(200);

    // Two sites, then a third is refused.
    await createSite(t.app, small, accountId, 'One');
    const second = await createSite(t.app, small, accountId, 'Two');
    const third = await call<{ error: { code: string; details: object } }>(
      t,
      small,
      'POST',
      `/api/v1/accounts/${accountId}/sites`,
      { name: 'Three', url: 'https://three.example', language: 'en' },
    );
    expect(third.status, JSON.stringify(third.body)).toBe(402);
    expect(third.body.error).toMatchObject({
      code: 'plan_limit',
      details: { resource: 'sites', limit: 2, used: 2, plan: 'Starter' },
    });

    // Two members: the owner plus one invitation; a second invitation is refused.
    await addMember(t.app, small, accountId, 'second@d.test', 'editor');
    const over = await call<{ error: { code: string; details: object } }>(
      t,
      small,
      'POST',
      `/api/v1/accounts/${accountId}/members`,
      { email: 'third@d.test', role: 'viewer' },
    );
    expect(over.status, JSON.stringify(over.body)).toBe(402);
    expect(over.body.error).toMatchObject({ code: 'plan_limit', details: { resource: 'members', limit: 2, used: 2 } });

    // 500 keywords: 499 fit, then adding 2 new ones is refused (merges into existing ones are free).
    const S = `/api/v1/accounts/${accountId}/sites/${second}`;
    const kws = (n: number, from = 0) =>
      Array.from({ length: n }, (_, i) => ({ phrase: `keyword number ${from + i}` }));
    const add = async (keywords: object[]) => {
      const r = await call(t, small, 'POST', `${S}/keywords`, { keywords });
      return `${r.status} ${JSON.stringify(r.body).slice(0, 200)}`;
    };
    expect(await add(kws(499))).toMatch(/^201/);
    expect(await add(kws(2, 499))).toMatch(/^402 .*plan_limit/);
    expect(await add([...kws(10), ...kws(1, 499)])).toMatch(/^201/);

    // A CSV past the limit: strict answers 402 naming the rows; "valid rows" imports what fits.
    const csv = ['Keyword,Volume', ...Array.from({ length: 5 }, (_, i) => `csv keyword ${i},10`)].join('\n');
    const strict = await t.app.inject({
      method: 'POST',
      url: `${S}/keywords/import`,
      headers: { ...bearer(small), 'content-type': 'text/csv' },
      payload: csv,
    });
    expect(strict.statusCode).toBe(402);
    expect(strict.json().error.code).toBe('plan_limit');
    expect(strict.json().error.details.errors.map((e: { line: number }) => e.line)).toEqual([2, 3, 4, 5, 6]);
    const preview = await t.app.inject({
      method: 'POST',
      url: `${S}/keywords/import?dryRun=1`,
      headers: { ...bearer(small), 'content-type': 'text/csv' },
      payload: csv,
    });
    expect(preview.json().errors[0].message).toMatch(/Starter plan's limit of 500 keywords/);
    // Past the limit is neither new nor merged: the preview's counts are the result's.
    expect(preview.json()).toMatchObject({ newKeywords: 0, existingKeywords: 0 });
    const valid = await t.app.inject({
      method: 'POST',
      url: `${S}/keywords/import?mode=valid`,
      headers: { ...bearer(small), 'content-type': 'text/csv' },
      payload: csv,
    });
    expect(valid.statusCode).toBe(201);
    expect(valid.json()).toMatchObject({ created: 0, merged: 0 });
    // The billing page shows the use against each limit.
    expect((await billingOf(t, small, accountId)).usage).toEqual([
      { resource: 'sites', used: 2, limit: 2 },
      { resource: 'members', used: 2, limit: 2 },
      { resource: 'keywords', used: 500, limit: 500 },
    ]);
  });

  it("a plan without own AI keys ignores the account's keys and refuses to save new ones", async () => {
    const [starter] = await t.database.db.select().from(plans).where(eq(plans.name, 'Starter'));
    expect(
      (await call(t, f.operator, 'PUT', `/api/v1/platform/accounts/${f.accountId}/plan`, { planId: starter!.id }))
        .status,
    ).toBe(200);
    const saved = await call<{ error: { code: string; message: string } }>(
      t,
      f.owner,
      'PUT',
      `/api/v1/accounts/${f.accountId}/settings/integrations/text`,
      {
        provider: 'openai',
        apiKey: 'sk-own-key',
      },
    );
    expect(saved.status).toBe(403);
    expect(saved.body.error).toMatchObject({ code: 'own_keys_disabled' });
    expect(saved.body.error.message).toMatch(/plan/);
  });
});

describe('period resets', () => {
  let t: TestApp;
  let second: Runtime;
  let f: Fixture;

  beforeAll(async () => {
    t = await testApp({}, { runtime: { worker: true } });
    second = new Runtime(t.config, t.database, pino({ level: 'silent' }), {
      worker: true,
      storage: new MemoryFileStorage(),
      stopTimeoutMs: 1_000,
    });
    await second.start();
    f = await tenantFixture(t.app);
  });
  afterAll(async () => {
    await second.stop();
    await t.close();
  });

  it('opens each ended period once, whatever the number of workers running the reset, and only the plan pool resets', async () => {
    await billingOf(t, f.viewer, f.accountId);
    const ended = new Date(Date.now() - 3 * 24 * 3600_000);
    await t.database.db
      .update(accountBilling)
      .set({
        periodStart: new Date(ended.getTime() - 30 * 24 * 3600_000),
        periodEnd: ended,
        planCredits: 120,
        bonusCredits: 7,
      })
      .where(eq(accountBilling.accountId, f.accountId));
    const done = await Promise.all([
      t.app.runtime.billing.resetDuePeriods(),
      second.billing.resetDuePeriods(),
      t.app.runtime.billing.resetDuePeriods(),
    ]);
    expect(done.reduce((a, b) => a + b, 0)).toBe(1);
    const b = await billingOf(t, f.viewer, f.accountId);
    expect(b).toMatchObject({ planCredits: 1000, bonusCredits: 7 });
    expect(Date.parse(b.periodStart)).toBe(ended.getTime());
    const resets = (await ledgerOf(t, f.admin, f.accountId, '&kind=reset')).items;
    expect(resets).toHaveLength(1);
    expect(resets[0]).toMatchObject({ amount: 880, planBalanceAfter: 1000, bonusBalanceAfter: 7 });
    expect(await t.app.runtime.billing.resetDuePeriods()).toBe(0);
    // The reset runs on a pg-boss schedule that every worker installs once.
    const { rows } = await t.database.executeSql(
      `select name, cron from pgboss.schedule where name = 'billing.period-reset'`,
    );
    expect(rows).toEqual([{ name: 'billing.period-reset', cron: '*/5 * * * *' }]);
  });

  it('a period missed for months is opened once, at the period that contains now', async () => {
    const longAgo = new Date(Date.now() - 100 * 24 * 3600_000);
    await t.database.db
      .update(accountBilling)
      .set({ periodEnd: longAgo })
      .where(eq(accountBilling.accountId, f.accountId));
    expect(await t.app.runtime.billing.resetDuePeriods()).toBe(1);
    const [row] = await t.database.db.select().from(accountBilling).where(eq(accountBilling.accountId, f.accountId));
    expect(row!.periodStart.getTime()).toBeLessThanOrEqual(Date.now());
    expect(row!.periodEnd.getTime()).toBeGreaterThan(Date.now());
    const resets = await t.database.db
      .select()
      .from(creditLedger)
      .where(and(eq(creditLedger.accountId, f.accountId), eq(creditLedger.kind, 'reset')));
    expect(resets).toHaveLength(2);
  });
});

describe('a retried item is charged once', () => {
  let mock: MockOpenAI;
  let t: TestApp;
  let f: Fixture;

  beforeAll(async () => {
    mock = await startMockOpenAI({ apiKeys: ['sk-platform'] });
    // API only: the test drives the runner as two worker attempts would.
    t = await testApp();
    f = await tenantFixture(t.app);
    await setPlatformProvider(t.app, f.operator, 'text', {
      provider: 'openai_compatible',
      baseUrl: mock.url,
      model: 'gpt-4o-mini',
      apiKey: 'sk-platform',
      options: { outputMode: 'structured', concurrency: 1, requestsPerMinute: 100_000 },
    });
    mock.onChat(() => oneIdea);
  });
  afterAll(async () => {
    await t.close();
    await mock.close();
  });

  it('a worker stopped mid-task and another resuming it charge each item exactly once', async () => {
    const siteId = await createSite(t.app, f.editor, f.accountId);
    const ids = await insertClusters(t, f.accountId, siteId, 3, 'retried');
    const started = await call<{ taskId: string }>(
      t,
      f.editor,
      'POST',
      `/api/v1/accounts/${f.accountId}/sites/${siteId}/ideas/generate`,
      { clusterIds: ids, perCluster: 1 },
    );
    const runner = (isStopping: () => boolean) =>
      new TaskRunner({
        database: t.database,
        queue: t.app.runtime.queue,
        gates: t.app.runtime.gates,
        billing: t.app.runtime.billing,
        prices: t.app.runtime.prices,
        maxRunningPerAccount: 2,
        failFastAfter: 3,
        workerId: 'billing-test',
        registry: t.app.runtime.registry,
        integrations: t.app.runtime.integrations,
        log: t.app.log,
        retryPolicy: fastRetry,
        isStopping,
        storage: new MemoryFileStorage(),
        staleMs: 60_000,
        heartbeatMs: 5_000,
      });
    let checks = 0;
    // The first worker stops once two items have begun: those finish and are charged, the third waits.
    await expect(runner(() => ++checks > 2).execute(started.body.taskId)).rejects.toBeInstanceOf(WorkerStopping);
    const afterFirst = (await ledgerOf(t, f.admin, f.accountId, '&kind=charge')).items;
    expect(afterFirst.length).toBeGreaterThanOrEqual(1);
    expect(afterFirst.length).toBeLessThan(3);
    await runner(() => false).execute(started.body.taskId);
    const charges = (await ledgerOf(t, f.admin, f.accountId, '&kind=charge')).items;
    expect(charges).toHaveLength(3);
    expect(new Set(charges.map((c) => c.itemKey)).size).toBe(3);
    expect(await billingOf(t, f.viewer, f.accountId)).toMatchObject({ planCredits: 970, reserved: 0 });
  });
});
