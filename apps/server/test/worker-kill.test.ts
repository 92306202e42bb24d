/**
 * A worker PROCESS killed with SIGKILL mid-task: a new worker process picks the run
 * up (the orphan sweeper sees its heartbeat stop) and finishes it exactly once.
 * Several processes on one database is what PostgreSQL is for; PGlite is one process.
 */
import { startMockOpenAI, type MockOpenAI } from '@igny8/e2e/mock-openai';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ideas, taskRunItems, taskRuns } from '../src/db/schema/index';
import { bearer, setPlatformProvider, tenantFixture, testApp, type TestApp } from './helpers/app';
import { testBackend } from './helpers/db';
import { addCoffeeKeywords, createSite } from './helpers/planner';
import { pollTask } from './helpers/tasks';

const serverDir = fileURLToPath(new URL('..', import.meta.url));
const onPostgres = testBackend() === 'postgres';

describe.runIf(onPostgres)('a worker process killed mid-task', () => {
  let t: TestApp;
  let mock: MockOpenAI;
  let f: Awaited<ReturnType<typeof tenantFixture>>;
  const workers: ChildProcess[] = [];

  const startWorker = () => {
    const url = t.database.url;
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'worker'], {
      cwd: serverDir,
      env: {
        ...process.env,
        DATABASE_URL: url,
        APP_SECRET: t.config.APP_SECRET,
        LOG_LEVEL: 'warn',
        TASK_STALE_SECONDS: '2',
        TASK_HEARTBEAT_SECONDS: '1',
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    workers.push(child);
    return child;
  };

  beforeAll(async () => {
    mock = await startMockOpenAI({ latencyMs: 600 });
    // API only in this process: the work happens in the worker processes.
    t = await testApp({ TASK_STALE_SECONDS: 2 }, { runtime: { worker: false } });
    f = await tenantFixture(t.app);
    await setPlatformProvider(t.app, f.operator, 'text', {
      provider: 'openai_compatible',
      baseUrl: mock.url,
      apiKey: 'sk-kill',
      model: 'gpt-test',
      options: { outputMode: 'structured', concurrency: 1 },
    });
  });
  afterAll(async () => {
    for (const w of workers) w.kill('SIGKILL');
    await t.close();
    await mock.close();
  });

  it('is resumed by a new worker and finishes each item exactly once', async () => {
    const siteId = await createSite(t.app, f.editor, f.accountId);
    await addCoffeeKeywords(t.app, f.editor, f.accountId, siteId);
    const S = `/api/v1/accounts/${f.accountId}/sites/${siteId}`;
    // Clusters made offline first, then ideas through the slow mock provider.
    await setPlatformProvider(t.app, f.operator, 'text', { provider: 'builtin' });
    const first = startWorker();
    const auto = await t.app.inject({
      method: 'POST',
      url: `${S}/clusters/auto`,
      headers: bearer(f.editor),
      payload: {},
    });
    expect((await pollTask(t.app, f.viewer, f.accountId, auto.json().taskId, 60_000)).run.status).toBe('succeeded');
    await setPlatformProvider(t.app, f.operator, 'text', {
      provider: 'openai_compatible',
      baseUrl: mock.url,
      apiKey: 'sk-kill',
      model: 'gpt-test',
      options: { outputMode: 'structured', concurrency: 1 },
    });
    const clusterIds = (
      await t.app.inject({ method: 'GET', url: `${S}/clusters?limit=100`, headers: bearer(f.viewer) })
    )
      .json()
      .items.map((c: { id: string }) => c.id);
    expect(clusterIds.length).toBeGreaterThanOrEqual(2);

    const started = await t.app.inject({
      method: 'POST',
      url: `${S}/ideas/generate`,
      headers: bearer(f.editor),
      payload: { clusterIds, perCluster: 1 },
    });
    const taskId = started.json().taskId as string;
    const doneItems = async () =>
      (await t.database.db.select({ n: count() }).from(taskRunItems).where(eq(taskRunItems.taskRunId, taskId)))[0]!.n;
    await expect.poll(doneItems, { timeout: 30_000, interval: 50 }).toBeGreaterThanOrEqual(1);
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    const atKill = await doneItems();
    expect(atKill).toBeLessThan(clusterIds.length);
    // With no worker left, the task view says so once the heartbeats are older than TASK_STALE_SECONDS.
    const view = async () =>
      (
        await t.app.inject({
          method: 'GET',
          url: `/api/v1/accounts/${f.accountId}/tasks/${taskId}`,
          headers: bearer(f.viewer),
        })
      ).json();
    await expect.poll(view, { timeout: 10_000, interval: 200 }).toMatchObject({ status: 'running', stalled: true });

    startWorker();
    const { run } = await pollTask(t.app, f.viewer, f.accountId, taskId, 90_000);
    expect(run.status).toBe('succeeded');
    const [row] = await t.database.db.select().from(taskRuns).where(eq(taskRuns.id, taskId));
    expect(row!.attempts).toBe(2);
    expect(await doneItems()).toBe(clusterIds.length);
    // Exactly one idea per cluster: nothing written twice, nothing lost.
    for (const clusterId of clusterIds) {
      const [n] = await t.database.db.select({ n: count() }).from(ideas).where(eq(ideas.clusterId, clusterId));
      expect(n!.n).toBe(1);
    }
  });
});
