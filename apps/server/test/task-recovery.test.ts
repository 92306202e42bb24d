/**
 * Task starts that survive crashes: a run and its job are made together, a queued run that
 * lost its job (or never had one) is queued again, and a run whose worker stopped beating is
 * shown as "worker lost" and resumed.
 */
import { startMockOpenAI, type MockOpenAI } from '@igny8/e2e/mock-openai';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { taskRuns } from '../src/db/schema/index';
import { QUEUE_SCHEMA, TASK_QUEUE } from '../src/jobs/queue';
import { bearer, setPlatformProvider, tenantFixture, testApp, type TestApp } from './helpers/app';
import { addCoffeeKeywords, createSite } from './helpers/planner';
import { fastRetry, pollTask, testRegistry } from './helpers/tasks';

type Fixture = Awaited<ReturnType<typeof tenantFixture>>;

/** Jobs pg-boss holds for a run, in any state. */
async function jobsOf(t: TestApp, taskRunId: string): Promise<{ state: string }[]> {
  const { rows } = await t.database.executeSql(`select state from ${QUEUE_SCHEMA}.job where data->>'taskRunId' = $1`, [
    taskRunId,
  ]);
  return rows as { state: string }[];
}

/** A run as a crashed API process left it: the row committed, its job never sent. */
async function insertRunWithoutJob(
  t: TestApp,
  f: Fixture,
  kind: string,
  input: object,
  over: Partial<typeof taskRuns.$inferInsert> = {},
) {
  const [row] = await t.database.db
    .insert(taskRuns)
    .values({
      accountId: f.accountId,
      userId: f.editor.userId,
      kind,
      title: 'left behind',
      input: input as Record<string, unknown>,
      ...over,
    })
    .returning({ id: taskRuns.id });
  return row!.id;
}

describe('starting a task', () => {
  let t: TestApp;
  let f: Fixture;
  beforeAll(async () => {
    t = await testApp(); // the product's task kinds, API only
    f = await tenantFixture(t.app);
  });
  afterAll(() => t.close());

  it('writes the run and its job together: a refused job leaves no run and answers 503 queue_unavailable', async () => {
    const siteId = await createSite(t.app, f.editor, f.accountId);
    await addCoffeeKeywords(t.app, f.editor, f.accountId, siteId);
    const auto = () =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/accounts/${f.accountId}/sites/${siteId}/clusters/auto`,
        headers: bearer(f.editor),
        payload: {},
      });

    // Without its queue, pg-boss inserts no job: the insert of the run must go with it.
    const { rows } = await t.database.executeSql(
      `with d as (delete from ${QUEUE_SCHEMA}.queue where name = $1 returning *) select row_to_json(d) as q from d`,
      [TASK_QUEUE],
    );
    const refused = await auto();
    expect(refused.statusCode).toBe(503);
    expect(refused.json().error.code).toBe('queue_unavailable');
    const runsOfKind = () =>
      t.database.db
        .select({ id: taskRuns.id })
        .from(taskRuns)
        .where(and(eq(taskRuns.accountId, f.accountId), eq(taskRuns.kind, 'clusters.auto')));
    expect(await runsOfKind()).toEqual([]);

    await t.database.executeSql(
      `insert into ${QUEUE_SCHEMA}.queue select * from json_populate_record(null::${QUEUE_SCHEMA}.queue, $1)`,
      [JSON.stringify((rows[0] as { q: unknown }).q)],
    );
    const ok = await auto();
    expect(ok.statusCode).toBe(202);
    expect(await jobsOf(t, ok.json().taskId)).toHaveLength(1);
    const runs = await runsOfKind();
    expect(runs.map((r) => r.id)).toEqual([ok.json().taskId]);
  });

  it('rolls back the job with the run when the start fails after both were written', async () => {
    const failure = new Error('the process died here');
    let taskRunId = '';
    await expect(
      t.database.transaction(async (tx) => {
        const [row] = await tx.db
          .insert(taskRuns)
          .values({ accountId: f.accountId, kind: 'clusters.auto', title: 'never started', input: {} })
          .returning({ id: taskRuns.id });
        taskRunId = row!.id;
        await t.app.runtime.queue.send({ taskRunId }, { tx });
        expect(
          (await tx.executeSql(`select 1 from ${QUEUE_SCHEMA}.job where data->>'taskRunId' = $1`, [taskRunId])).rows,
        ).toHaveLength(1);
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(await t.database.db.select().from(taskRuns).where(eq(taskRuns.id, taskRunId))).toEqual([]);
    expect(await jobsOf(t, taskRunId)).toEqual([]);
  });

  it('shows a running task whose heartbeats stopped as stalled (worker lost), and a beating one as not', async () => {
    const id = await insertRunWithoutJob(
      t,
      f,
      'clusters.auto',
      {},
      {
        status: 'running',
        attempts: 1,
        startedAt: new Date(),
        heartbeatAt: new Date(Date.now() - (t.config.TASK_STALE_SECONDS + 5) * 1000),
      },
    );
    const one = await t.app.inject({
      method: 'GET',
      url: `/api/v1/accounts/${f.accountId}/tasks/${id}`,
      headers: bearer(f.viewer),
    });
    expect(one.json()).toMatchObject({ id, status: 'running', stalled: true, heartbeatAt: expect.any(String) });
    const active = await t.app.inject({
      method: 'GET',
      url: `/api/v1/accounts/${f.accountId}/tasks?active=1`,
      headers: bearer(f.viewer),
    });
    expect(active.json().items.find((r: { id: string }) => r.id === id)).toMatchObject({ stalled: true });

    await t.database.db
      .update(taskRuns)
      .set({ heartbeatAt: sql`now()` })
      .where(eq(taskRuns.id, id));
    const beating = await t.app.inject({
      method: 'GET',
      url: `/api/v1/accounts/${f.accountId}/tasks/${id}`,
      headers: bearer(f.viewer),
    });
    expect(beating.json()).toMatchObject({ status: 'running', stalled: false });
  });
});

describe('the orphan sweeper of a worker', () => {
  let t: TestApp;
  let f: Fixture;
  let mock: MockOpenAI;
  const { registry, kind } = testRegistry();
  beforeAll(async () => {
    mock = await startMockOpenAI();
    // A short stale threshold, so leftovers are found within a second or two.
    t = await testApp(
      { TASK_STALE_SECONDS: 1, TASK_HEARTBEAT_SECONDS: 1 },
      { runtime: { worker: true, registry, retryPolicy: fastRetry } },
    );
    f = await tenantFixture(t.app);
    await setPlatformProvider(t.app, f.operator, 'text', {
      provider: 'openai_compatible',
      baseUrl: mock.url,
      apiKey: 'sk-x',
      model: 'm',
      options: { outputMode: 'structured' },
    });
  });
  afterAll(async () => {
    await t.close();
    await mock.close();
  });

  it('queues again a queued run that has no job (a start cut off by a crash) and the run completes', async () => {
    const id = await insertRunWithoutJob(
      t,
      f,
      kind.kind,
      { phrases: ['orphan one', 'orphan two'] },
      { updatedAt: new Date(Date.now() - 10 * 60_000) },
    );
    expect(await jobsOf(t, id)).toHaveLength(0);
    const { run } = await pollTask(t.app, f.viewer, f.accountId, id, 20_000);
    expect(run.status).toBe('succeeded');
    expect(run.result).toMatchObject({ succeeded: 2, failed: 0 });
    expect(await jobsOf(t, id)).toHaveLength(1); // queued once, not once per sweep
  });

  it('resumes a running run whose worker stopped beating, saying so while it waits', async () => {
    const id = await insertRunWithoutJob(
      t,
      f,
      kind.kind,
      { phrases: ['lost one'] },
      {
        status: 'running',
        attempts: 1,
        startedAt: new Date(),
        heartbeatAt: new Date(Date.now() - 60_000),
      },
    );
    const { run } = await pollTask(t.app, f.viewer, f.accountId, id, 20_000);
    expect(run.status).toBe('succeeded');
    // "Worker lost, resuming…" shows only until another worker takes it (the stalled view is tested
    // above); the run keeps the count for good.
    expect(run.debugInfo.workers_lost).toBe(1);
    const [row] = await t.database.db.select().from(taskRuns).where(eq(taskRuns.id, id));
    expect(row!.attempts).toBe(2);
  });
});
