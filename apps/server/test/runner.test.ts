import { startMockOpenAI, type MockOpenAI } from '@igny8/e2e/mock-openai';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { makeTenantContext } from '../src/access/context';
import { taskRunItems } from '../src/db/schema/index';
import { TaskContext, WorkerStopping } from '../src/jobs/context';
import { TaskRegistry } from '../src/jobs/registry';
import { TaskRunner } from '../src/jobs/runner';
import { getTaskRunForWorker } from '../src/modules/tasks/repo';
import { Runtime } from '../src/runtime';
import { MemoryFileStorage } from '../src/storage/files';
import { setPlatformProvider, tenantFixture, testApp, type TestApp } from './helpers/app';
import { fastRetry, testRegistry } from './helpers/tasks';

let mock: MockOpenAI;
let t: TestApp;
let f: Awaited<ReturnType<typeof tenantFixture>>;
const { registry, kind } = testRegistry();

beforeAll(async () => {
  mock = await startMockOpenAI();
  // API-only app: these tests drive the runner themselves, as a worker process would.
  t = await testApp({}, { runtime: { worker: false, registry } });
  f = await tenantFixture(t.app);
  await setPlatformProvider(t.app, f.operator, 'text', {
    provider: 'openai_compatible',
    baseUrl: mock.url,
    apiKey: 'sk-x',
    model: 'm',
    options: { outputMode: 'structured', concurrency: 1 },
  });
});
afterAll(async () => {
  await t.close();
  await mock.close();
});

const tenant = () => makeTenantContext(f.accountId, f.editor.userId, 'editor');
const runner = (isStopping: () => boolean, heartbeatMs = 5_000) =>
  new TaskRunner({
    database: t.database,
    queue: t.app.runtime.queue,
    gates: t.app.runtime.gates,
    billing: t.app.runtime.billing,
    prices: t.app.runtime.prices,
    maxRunningPerAccount: 2,
    failFastAfter: 3,
    workerId: 'runner-test',
    registry,
    integrations: t.app.runtime.integrations,
    log: t.app.log,
    retryPolicy: fastRetry,
    isStopping,
    storage: new MemoryFileStorage(),
    staleMs: 60_000,
    heartbeatMs,
  });

describe('task runner', () => {
  it('a job stopped mid-task resumes elsewhere and finishes each item exactly once', async () => {
    const phrases = ['p1', 'p2', 'p3', 'p4', 'p5'];
    const id = await t.app.runtime.tasks.start(tenant(), kind, { phrases, delayMs: 0 }, { title: 'resume' });
    mock.reset();
    let checks = 0;
    // The first worker is told to stop after two items (checkpoints run before each item).
    await expect(runner(() => ++checks > 2).execute(id)).rejects.toBeInstanceOf(WorkerStopping);
    const paused = (await getTaskRunForWorker(t.database.db, id))!;
    expect(paused.status).toBe('queued');
    expect(paused.progress.message).toMatch(/previous one stopped/);
    expect(await t.database.db.select().from(taskRunItems).where(eq(taskRunItems.taskRunId, id))).toHaveLength(2);

    await runner(() => false).execute(id);
    const done = (await getTaskRunForWorker(t.database.db, id))!;
    expect(done.status).toBe('succeeded');
    expect(done.result).toMatchObject({ succeeded: 3, skipped: 2, failed: 0 });
    expect(done.attempts).toBe(2);
    expect(await t.database.db.select().from(taskRunItems).where(eq(taskRunItems.taskRunId, id))).toHaveLength(5);
    expect(mock.requests.filter((r) => r.endpoint === 'chat')).toHaveLength(5); // no item asked the model twice

    // A duplicate delivery of a finished job is a no-op.
    await runner(() => false).execute(id);
    expect(mock.requests.filter((r) => r.endpoint === 'chat')).toHaveLength(5);
  });

  it('two deliveries of one job racing to start it: one runs it, the other leaves it', async () => {
    const phrases = ['r1', 'r2', 'r3'];
    const id = await t.app.runtime.tasks.start(tenant(), kind, { phrases, delayMs: 0 }, { title: 'raced' });
    mock.reset();
    await Promise.all([runner(() => false).execute(id), runner(() => false).execute(id)]);
    const done = (await getTaskRunForWorker(t.database.db, id))!;
    expect(done.status).toBe('succeeded');
    expect(done.attempts).toBe(1);
    expect(done.result).toMatchObject({ succeeded: 3, skipped: 0, failed: 0 });
    expect(mock.requests.filter((r) => r.endpoint === 'chat')).toHaveLength(phrases.length);
  });

  it('an item that fails again after a resume is listed once, with the latest reason', async () => {
    const id = await t.app.runtime.tasks.start(
      tenant(),
      kind,
      { phrases: ['q1', 'q2', 'q3'], delayMs: 0 },
      { title: 'refused twice' },
    );
    mock.reset();
    mock.fail('chat', 'content_policy', { times: 1 });
    let checks = 0;
    await expect(runner(() => ++checks > 2).execute(id)).rejects.toBeInstanceOf(WorkerStopping);
    expect((await getTaskRunForWorker(t.database.db, id))!.itemErrors.map((e) => e.item)).toHaveLength(1);

    mock.fail('chat', 'content_policy', { times: 1 }); // q1 is tried again and refused again
    await runner(() => false).execute(id);
    const done = (await getTaskRunForWorker(t.database.db, id))!;
    expect(done.status).toBe('partial');
    expect(done.itemErrors).toHaveLength(1);
    expect(done.itemErrors[0]).toMatchObject({ code: 'provider_content_policy' });
    expect(done.result).toMatchObject({ failed: 1, succeeded: 1, skipped: 1 });
  });

  it('beats every heartbeat interval while one slow item makes no progress', async () => {
    const id = await t.app.runtime.tasks.start(
      tenant(),
      kind,
      { phrases: ['slow'], delayMs: 1_500 },
      { title: 'heartbeat' },
    );
    const running = runner(() => false, 200).execute(id);
    const beats = new Set<number>();
    await expect
      .poll(
        async () => {
          const row = (await getTaskRunForWorker(t.database.db, id))!;
          if (row.status === 'running' && row.progress.current === 0 && row.heartbeatAt)
            beats.add(row.heartbeatAt.getTime());
          return beats.size;
        },
        { timeout: 1_400, interval: 50 },
      )
      .toBeGreaterThanOrEqual(3); // the claim's beat and at least two timer beats, all within the one item
    await running;
    expect((await getTaskRunForWorker(t.database.db, id))!.status).toBe('succeeded');
  });

  it('keeps progress within 0–100 and never lets it go backwards', async () => {
    const id = await t.app.runtime.tasks.start(tenant(), kind, { phrases: ['x'], delayMs: 0 }, { title: 'progress' });
    const run = (await getTaskRunForWorker(t.database.db, id))!;
    const ctx = new TaskContext(run, { phrases: ['x'] }, tenant(), {
      db: t.database.db,
      log: t.app.log,
      aiSessions: () => {
        throw new Error('no ai');
      },
      isStopping: () => false,
      storage: new MemoryFileStorage(),
      failFastAfter: 3,
      charge: async () => {},
      costs: () => t.app.runtime.billing.costs(),
      planRoom: async () => null,
    });
    const percents: number[] = [];
    for (const p of [
      { current: 5, total: 10 },
      { current: 2, total: 10 },
      { current: 50, total: 10 },
      { current: -3, total: 10 },
      { current: 0, total: 0 },
    ]) {
      await ctx.progress({ phase: 'calling_ai', ...p, message: 'm' }, true);
      percents.push((await getTaskRunForWorker(t.database.db, id))!.progress.percent);
    }
    expect(percents).toEqual([50, 50, 100, 100, 100]);
  });

  it('fails a task whose stored input no longer matches its kind, with a clear code', async () => {
    const id = await t.app.runtime.tasks.start(tenant(), kind, { phrases: ['x'], delayMs: 0 }, { title: 'bad input' });
    const { taskRuns } = await import('../src/db/schema/index');
    await t.database.db
      .update(taskRuns)
      .set({ input: { phrases: [] } })
      .where(eq(taskRuns.id, id));
    await runner(() => false).execute(id);
    const run = (await getTaskRunForWorker(t.database.db, id))!;
    expect(run.status).toBe('failed');
    expect(run.error?.code).toBe('invalid_input');
  });
});

describe('task registry', () => {
  it('refuses to start a worker while a declared kind has no handler', () => {
    const incomplete = new TaskRegistry();
    incomplete.declare('orphan.kind', z.object({}));
    expect(() => new Runtime(t.config, t.database, t.app.log, { worker: true, registry: incomplete })).toThrow(
      /task kinds without a handler: orphan\.kind/,
    );
  });
});
