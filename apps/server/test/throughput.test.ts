/**
 * The engine keeps a provider busy, safely: items of a task in parallel up to the settings'
 * concurrency, tasks of several accounts at once (with a per-account cap), and no second start of
 * the same work (409 on overlap, Idempotency-Key).
 */
import { startMockOpenAI, type MockOpenAI } from '@igny8/e2e/mock-openai';
import type { TaskRun } from '@igny8/contracts';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeTenantContext } from '../src/access/context';
import { Runtime } from '../src/runtime';
import { MemoryFileStorage } from '../src/storage/files';
import {
  accountIdOf,
  bearer,
  setPlatformProvider,
  signup,
  tenantFixture,
  testApp,
  type Session,
  type TestApp,
} from './helpers/app';
import { addCoffeeKeywords, createSite } from './helpers/planner';
import { fastRetry, pollTask, testRegistry } from './helpers/tasks';

const { registry, kind } = testRegistry();

describe('throughput of one worker process', () => {
  let mock: MockOpenAI;
  let t: TestApp;
  let f: Awaited<ReturnType<typeof tenantFixture>>;
  let other: Session;

  beforeAll(async () => {
    mock = await startMockOpenAI({ apiKeys: ['sk-system-key'] });
    t = await testApp(
      { WORKER_CONCURRENCY: 4, TASK_MAX_RUNNING_PER_ACCOUNT: 2 },
      { runtime: { worker: true, registry, retryPolicy: fastRetry } },
    );
    f = await tenantFixture(t.app);
    other = await signup(t.app, 'other@c.test', 'Account C');
  });
  afterAll(async () => {
    await t.close();
    await mock.close();
  });
  beforeEach(() => mock.reset());

  const platformText = (options: object) =>
    setPlatformProvider(t.app, f.operator, 'text', {
      provider: 'openai_compatible',
      baseUrl: mock.url,
      model: 'gpt-test',
      apiKey: 'sk-system-key',
      options: { outputMode: 'structured', requestsPerMinute: 100_000, ...options },
    });
  const start = (accountId: string, phrases: string[], title = `Summarise ${phrases.length}`) =>
    t.app.runtime.tasks.start(makeTenantContext(accountId, '', 'editor'), kind, { phrases, delayMs: 0 }, { title });
  const phrases = (n: number, tag: string) => Array.from({ length: n }, (_, i) => `${tag} phrase ${i}`);
  const runOf = async (accountId: string, id: string, who: Session) =>
    (
      await t.app.inject({ method: 'GET', url: `/api/v1/accounts/${accountId}/tasks/${id}`, headers: bearer(who) })
    ).json() as TaskRun;

  it('runs the items of one task in parallel, never more calls at once than the concurrency setting', async () => {
    await platformText({ concurrency: 3 });
    mock.setLatency(300);
    const id = await start(f.accountId, phrases(9, 'cap'));
    const { run, seen } = await pollTask(t.app, f.viewer, f.accountId, id);
    expect(run.status).toBe('succeeded');
    expect(run.result).toMatchObject({ succeeded: 9, failed: 0 });
    const chats = mock.requests.filter((r) => r.endpoint === 'chat');
    expect(chats).toHaveLength(9);
    expect(mock.maxInFlight()).toBe(3);
    // Progress as the viewer saw it: never backwards, ending at 9 of 9.
    const currents = seen.map((s) => s.progress.current);
    expect(currents).toEqual([...currents].sort((a, b) => a - b));
    expect(run.progress).toMatchObject({ current: 9, total: 9, percent: 100 });
  });

  it('without a setting, text calls go four at a time', async () => {
    await platformText({});
    mock.setLatency(300);
    const { run } = await pollTask(t.app, f.viewer, f.accountId, await start(f.accountId, phrases(10, 'default')));
    expect(run.status).toBe('succeeded');
    expect(mock.maxInFlight()).toBe(4);
    const view = await t.app.inject({
      method: 'GET',
      url: `/api/v1/accounts/${f.accountId}/settings/integrations`,
      headers: bearer(f.viewer),
    });
    expect(view.json().items.find((i: { capability: string }) => i.capability === 'text').limits).toEqual({
      concurrency: 4,
      requestsPerMinute: 100_000,
      tokensPerMinute: 200_000,
    });
  });

  it('refuses a concurrency outside 1–32 with the field named', async () => {
    for (const concurrency of [0, 33, 2.5]) {
      const res = await t.app.inject({
        method: 'PUT',
        url: '/api/v1/platform/integrations/text',
        headers: bearer(f.operator),
        payload: {
          provider: 'openai_compatible',
          baseUrl: mock.url,
          apiKey: 'sk-system-key',
          options: { concurrency },
        },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details[0].path).toBe('body.options.concurrency');
    }
  });

  it("runs two accounts' tasks at the same time", async () => {
    await platformText({ concurrency: 1 });
    mock.setLatency(250);
    const a = await start(f.accountId, phrases(6, 'account a'));
    const c = await start(accountIdOf(other), phrases(6, 'account c'));
    const [ra, rc] = await Promise.all([
      pollTask(t.app, f.viewer, f.accountId, a),
      pollTask(t.app, other, accountIdOf(other), c),
    ]);
    expect([ra.run.status, rc.run.status]).toEqual(['succeeded', 'succeeded']);
    const overlap =
      Math.min(Date.parse(ra.run.finishedAt!), Date.parse(rc.run.finishedAt!)) -
      Math.max(Date.parse(ra.run.startedAt!), Date.parse(rc.run.startedAt!));
    expect(overlap).toBeGreaterThan(0);
    expect(mock.maxInFlight()).toBe(2); // one call each, at the same time
  });

  it('runs at most TASK_MAX_RUNNING_PER_ACCOUNT tasks of one account at once; the others wait and say why', async () => {
    await platformText({ concurrency: 1 });
    mock.setLatency(200);
    const ids = [
      await start(f.accountId, phrases(4, 'one')),
      await start(f.accountId, phrases(4, 'two')),
      await start(f.accountId, phrases(4, 'three')),
    ];
    let mostRunning = 0;
    let waitingSaid = false;
    for (;;) {
      const runs = await Promise.all(ids.map((id) => runOf(f.accountId, id, f.viewer)));
      mostRunning = Math.max(mostRunning, runs.filter((r) => r.status === 'running').length);
      waitingSaid ||= runs.some(
        (r) => r.status === 'queued' && /2 tasks of this account are already running/.test(r.progress.message),
      );
      if (runs.every((r) => r.status === 'succeeded')) break;
      expect(runs.every((r) => ['queued', 'running', 'succeeded'].includes(r.status))).toBe(true);
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(mostRunning).toBe(2);
    expect(waitingSaid).toBe(true);
  });
});

describe('one start per piece of work', () => {
  let t: TestApp;
  let f: Awaited<ReturnType<typeof tenantFixture>>;
  let siteId: string;
  let S: string;
  let clusterIds: string[];

  beforeAll(async () => {
    // API only: started tasks stay queued, as if every worker were busy.
    t = await testApp();
    f = await tenantFixture(t.app);
    siteId = await createSite(t.app, f.editor, f.accountId);
    S = `/api/v1/accounts/${f.accountId}/sites/${siteId}`;
    await addCoffeeKeywords(t.app, f.editor, f.accountId, siteId);
    // Clusters made by a worker that then goes away.
    const runtime = new Runtime(t.config, t.database, t.app.log, {
      worker: true,
      storage: new MemoryFileStorage(),
      stopTimeoutMs: 1_000,
    });
    await runtime.start();
    const auto = await t.app.inject({
      method: 'POST',
      url: `${S}/clusters/auto`,
      headers: bearer(f.editor),
      payload: {},
    });
    await pollTask(t.app, f.editor, f.accountId, auto.json().taskId);
    await runtime.stop();
    clusterIds = (await t.app.inject({ method: 'GET', url: `${S}/clusters`, headers: bearer(f.editor) }))
      .json()
      .items.map((c: { id: string }) => c.id);
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    // Each test starts with no live run: earlier tests' queued runs are cancelled.
    const live = (
      await t.app.inject({
        method: 'GET',
        url: `/api/v1/accounts/${f.accountId}/tasks?active=1&limit=200`,
        headers: bearer(f.editor),
      })
    ).json();
    for (const r of live.items as TaskRun[]) {
      await t.app.inject({
        method: 'POST',
        url: `/api/v1/accounts/${f.accountId}/tasks/${r.id}/cancel`,
        headers: bearer(f.editor),
      });
    }
  });

  const post = (url: string, payload: object, key?: string) =>
    t.app.inject({
      method: 'POST',
      url: `${S}${url}`,
      headers: { ...bearer(f.editor), ...(key ? { 'idempotency-key': key } : {}) },
      payload,
    });

  it('answers 409 task_already_running, naming the live task, to a start overlapping a queued one of the same kind', async () => {
    const first = await post('/ideas/generate', { clusterIds: [clusterIds[0]], perCluster: 1 });
    expect(first.statusCode).toBe(202);
    const again = await post('/ideas/generate', { clusterIds: [clusterIds[0], clusterIds[1]], perCluster: 2 });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({
      code: 'task_already_running',
      details: { taskId: first.json().taskId },
    });
    // Other clusters are other work.
    const elsewhere = await post('/ideas/generate', { clusterIds: [clusterIds[1]], perCluster: 1 });
    expect(elsewhere.statusCode).toBe(202);
    // Once the first run has ended, its clusters are free again.
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/accounts/${f.accountId}/tasks/${first.json().taskId}/cancel`,
      headers: bearer(f.editor),
    });
    expect((await post('/ideas/generate', { clusterIds: [clusterIds[0]], perCluster: 1 })).statusCode).toBe(202);
  });

  it('lets 10 simultaneous starts of the same work through once', async () => {
    const answers = await Promise.all(Array.from({ length: 10 }, () => post('/clusters/auto', {})));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([202, ...Array(9).fill(409)]);
    const runs = (
      await t.app.inject({
        method: 'GET',
        url: `/api/v1/accounts/${f.accountId}/tasks?active=1&kind=clusters.auto`,
        headers: bearer(f.editor),
      })
    ).json();
    expect(runs.total).toBe(1);
  });

  it('auto-cluster runs on two sectors of one site go on side by side; a selection overlaps its keywords’ sectors; the whole site overlaps all', async () => {
    const sector = async (name: string) =>
      (
        await t.app.inject({
          method: 'POST',
          url: `${S}/sectors`,
          headers: bearer(f.admin),
          payload: { name },
        })
      ).json().id as string;
    const [tea, herbs] = [await sector('Tea'), await sector('Herbs')];
    const teaRun = await post('/clusters/auto', { sectorId: tea });
    expect(teaRun.statusCode).toBe(202);
    expect((await post('/clusters/auto', { sectorId: herbs })).statusCode).toBe(202);
    const again = await post('/clusters/auto', { sectorId: tea });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.details).toEqual({ taskId: teaRun.json().taskId });
    expect((await post('/clusters/auto', {})).statusCode).toBe(409);
    // Selected keywords: held by a run on their sector; a selection in a sector without a run goes on.
    const coffee = await sector('Coffee');
    const keywordIn = async (sectorId: string, phrase: string) => {
      await post('/keywords', { keywords: [{ phrase }], sectorId });
      const found = await t.app.inject({
        method: 'GET',
        url: `${S}/keywords?q=${encodeURIComponent(phrase)}`,
        headers: bearer(f.editor),
      });
      return (found.json().items as { id: string }[])[0]!.id;
    };
    const matcha = await keywordIn(tea, 'matcha latte');
    const flatWhite = await keywordIn(coffee, 'flat white');
    const held = await post('/clusters/auto', { keywordIds: [matcha] });
    expect(held.statusCode).toBe(409);
    expect(held.json().error.details).toEqual({ taskId: teaRun.json().taskId });
    expect((await post('/clusters/auto', { keywordIds: [flatWhite] })).statusCode).toBe(202);
    // …and that selection holds its keyword against the next run on its sector.
    expect((await post('/clusters/auto', { sectorId: coffee })).statusCode).toBe(409);
    // And the other way round: a whole-site run holds every sector.
    const live = (
      await t.app.inject({
        method: 'GET',
        url: `/api/v1/accounts/${f.accountId}/tasks?active=1&kind=clusters.auto`,
        headers: bearer(f.editor),
      })
    ).json().items as TaskRun[];
    for (const r of live)
      await t.app.inject({
        method: 'POST',
        url: `/api/v1/accounts/${f.accountId}/tasks/${r.id}/cancel`,
        headers: bearer(f.editor),
      });
    expect((await post('/clusters/auto', {})).statusCode).toBe(202);
    expect((await post('/clusters/auto', { sectorId: herbs })).statusCode).toBe(409);
    expect((await post('/clusters/auto', { keywordIds: [flatWhite] })).statusCode).toBe(409);
  });

  it('answers the same task to the same Idempotency-Key, and 409 to the key with another request', async () => {
    const key = 'c5f1a0de-3b1c-4a8e-9b7a-2f4c1d9e8a01';
    const one = await post('/image-prompts/generate', { contentIds: [] }, key);
    expect(one.statusCode).toBe(400); // nothing to start: nothing remembered under the key
    const body = { clusterIds: [clusterIds[0]], perCluster: 1 };
    const first = await post('/ideas/generate', body, key);
    const second = await post('/ideas/generate', body, key);
    expect(first.statusCode).toBe(202);
    expect(second.statusCode).toBe(202);
    expect(second.json().taskId).toBe(first.json().taskId);
    const different = await post('/ideas/generate', { clusterIds: [clusterIds[0]], perCluster: 3 }, key);
    expect(different.statusCode).toBe(409);
    expect(different.json().error.code).toBe('idempotency_key_reused');
    const listed = (
      await t.app.inject({
        method: 'GET',
        url: `/api/v1/accounts/${f.accountId}/tasks?kind=ideas.generate&limit=50`,
        headers: bearer(f.editor),
      })
    ).json();
    expect(listed.items.filter((r: TaskRun) => r.id === first.json().taskId)).toHaveLength(1);
  });

  it('refuses a malformed Idempotency-Key with 400 and starts nothing', async () => {
    for (const bad of ['x'.repeat(201), 'two words']) {
      const res = await post('/ideas/generate', { clusterIds: [clusterIds[0]], perCluster: 1 }, bad);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('validation_failed');
    }
    expect((await post('/ideas/generate', { clusterIds: [clusterIds[0]], perCluster: 1 })).statusCode).toBe(202);
  });
});

describe('fair turns between accounts on one slot', () => {
  let mock: MockOpenAI;
  let t: TestApp;
  let f: Awaited<ReturnType<typeof tenantFixture>>;
  let other: Session;

  beforeAll(async () => {
    mock = await startMockOpenAI({ apiKeys: ['sk-system-key'], latencyMs: 100 });
    // API only while the backlog is made, then one worker with one slot.
    t = await testApp({ WORKER_CONCURRENCY: 1 });
    f = await tenantFixture(t.app);
    other = await signup(t.app, 'fair@c.test', 'Account Fair');
    await setPlatformProvider(t.app, f.operator, 'text', {
      provider: 'openai_compatible',
      baseUrl: mock.url,
      model: 'gpt-test',
      apiKey: 'sk-system-key',
      options: { outputMode: 'structured', requestsPerMinute: 100_000 },
    });
  });
  afterAll(async () => {
    await t.close();
    await mock.close();
  });

  it("another account's first task runs before the rest of one account's backlog", async () => {
    const start = (accountId: string, tag: string) =>
      t.app.runtime.tasks.start(
        makeTenantContext(accountId, '', 'editor'),
        kind,
        { phrases: [`${tag} one`, `${tag} two`], delayMs: 0 },
        { title: tag },
      );
    const backlog: string[] = [];
    for (let i = 0; i < 5; i++) backlog.push(await start(f.accountId, `backlog ${i}`));
    const newcomer = await start(accountIdOf(other), 'newcomer');
    const worker = new Runtime({ ...t.config, WORKER_CONCURRENCY: 1 }, t.database, t.app.log, {
      worker: true,
      registry,
      retryPolicy: fastRetry,
      storage: new MemoryFileStorage(),
      stopTimeoutMs: 1_000,
    });
    // A separate registry's worker runs the test kind; the app's own runtime is API only.
    await worker.start();
    try {
      const runs = await Promise.all([
        ...backlog.map((id) => pollTask(t.app, f.viewer, f.accountId, id)),
        pollTask(t.app, other, accountIdOf(other), newcomer),
      ]);
      const startedAt = (i: number) => Date.parse(runs[i]!.run.startedAt!);
      expect(runs.every((r) => r.run.status === 'succeeded')).toBe(true);
      // The newcomer waited for at most the backlog's first task, not for all five.
      expect(startedAt(5)).toBeLessThan(startedAt(1));
    } finally {
      await worker.stop();
    }
  });
});
