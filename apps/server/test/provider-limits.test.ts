/**
 * A provider key's limits hold for every worker: requests per minute counted in the database, a
 * 429's Retry-After pausing the key for all of them, concurrency lowered after 429s; and a task
 * whose items keep failing the same way stops early with what to change.
 */
import { startMockOpenAI, type MockOpenAI } from '@igny8/e2e/mock-openai';
import type { TaskRun } from '@igny8/contracts';
import pino from 'pino';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeTenantContext } from '../src/access/context';
import { ProviderGates, type GateWait } from '../src/ai/limits/gate';
import type { ResolvedSettings } from '../src/ai/providers/types';
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
import { createSite } from './helpers/planner';
import { fastRetry, pollTask, testRegistry } from './helpers/tasks';

/** A model that ignores JSON mode: every answer is JSON, never the asked-for shape. */
const ignoresJsonMode = () => ({ message: 'Sure! Here is what you asked for.' });

describe('two worker runtimes on one database share the provider key', () => {
  let mock: MockOpenAI;
  let t: TestApp;
  let second: Runtime;
  let f: Awaited<ReturnType<typeof tenantFixture>>;
  let other: Session;
  const { registry, kind } = testRegistry();

  beforeAll(async () => {
    mock = await startMockOpenAI({ apiKeys: ['sk-system-key'] });
    // One slot each: of two tasks, each runtime takes one.
    t = await testApp({ WORKER_CONCURRENCY: 1 }, { runtime: { worker: true, registry, retryPolicy: fastRetry } });
    second = new Runtime({ ...t.config, WORKER_CONCURRENCY: 1 }, t.database, pino({ level: 'silent' }), {
      worker: true,
      registry,
      retryPolicy: fastRetry,
      storage: new MemoryFileStorage(),
      stopTimeoutMs: 2_000,
    });
    await second.start();
    f = await tenantFixture(t.app);
    other = await signup(t.app, 'other@c.test', 'Account C');
  });
  afterAll(async () => {
    await second.stop();
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
      options: { outputMode: 'structured', ...options },
    });
  const start = (accountId: string, tag: string, n: number) =>
    t.app.runtime.tasks.start(
      makeTenantContext(accountId, '', 'editor'),
      kind,
      { phrases: Array.from({ length: n }, (_, i) => `${tag} ${i}`), delayMs: 0 },
      { title: tag },
    );
  const runOf = async (accountId: string, id: string, who: Session) =>
    (
      await t.app.inject({ method: 'GET', url: `/api/v1/accounts/${accountId}/tasks/${id}`, headers: bearer(who) })
    ).json() as TaskRun;
  const chats = () => mock.requests.filter((r) => r.endpoint === 'chat');

  it('requests per minute: four calls in a minute across both workers, then both wait and say so; cancel ends the wait', async () => {
    await platformText({ requestsPerMinute: 4, concurrency: 1 });
    // Slow answers: both tasks are under way before the four calls of the minute are spent.
    mock.setLatency(600);
    const a = await start(f.accountId, 'limited a', 4);
    const c = await start(accountIdOf(other), 'limited c', 4);
    await expect.poll(() => chats().length, { timeout: 10_000 }).toBe(4);
    let runs: TaskRun[] = [];
    await expect
      .poll(
        async () => {
          runs = [await runOf(f.accountId, a, f.viewer), await runOf(accountIdOf(other), c, other)];
          return runs.every((r) => r.status === 'running' && /limit of 4 requests a minute/.test(r.progress.message));
        },
        { timeout: 10_000 },
      )
      .toBe(true);
    expect(chats()).toHaveLength(4); // still four: the fifth waits for the next minute, whichever worker asks
    // Each runtime ran one of the two tasks.
    const workers = runs.map((r) => (r.debugInfo.workers as string[]).at(-1));
    expect(new Set(workers).size).toBe(2);

    for (const [accountId, id, who] of [
      [f.accountId, a, f.editor],
      [accountIdOf(other), c, other],
    ] as const) {
      await t.app.inject({
        method: 'POST',
        url: `/api/v1/accounts/${accountId}/tasks/${id}/cancel`,
        headers: bearer(who),
      });
    }
    const [ra, rc] = await Promise.all([
      pollTask(t.app, f.viewer, f.accountId, a, 10_000),
      pollTask(t.app, other, accountIdOf(other), c, 10_000),
    ]);
    expect([ra.run.status, rc.run.status]).toEqual(['cancelled', 'cancelled']);
  });

  it("a 429's Retry-After pauses the key for every worker, not only the task that saw it", async () => {
    await platformText({ requestsPerMinute: 100_000, concurrency: 1, timeoutSeconds: 5 });
    mock.setLatency(100);
    mock.fail('chat', 'rate_limit', { times: 1, retryAfterSeconds: 2 });
    const a = await start(f.accountId, 'paused a', 3);
    const c = await start(accountIdOf(other), 'paused c', 3);
    const messages = new Set<string>();
    let done = false;
    while (!done) {
      const runs = [await runOf(f.accountId, a, f.viewer), await runOf(accountIdOf(other), c, other)];
      for (const r of runs) messages.add(r.progress.message);
      done = runs.every((r) => ['succeeded', 'failed', 'partial', 'cancelled'].includes(r.status));
      await new Promise((r) => setTimeout(r, 100));
    }
    expect((await runOf(f.accountId, a, f.viewer)).status).toBe('succeeded');
    expect((await runOf(accountIdOf(other), c, other)).status).toBe('succeeded');
    const limited = chats()[0]!; // the first call got the 429
    // Calls already on their way when the 429 came back may land; none starts during the pause.
    const duringPause = chats().filter((r) => r.at > limited.doneAt! + 200 && r.at < limited.doneAt! + 1_800);
    expect(duringPause).toEqual([]);
    expect(chats()).toHaveLength(7); // 6 items, one of them asked twice
    expect([...messages].some((m) => /asked every task to slow down/.test(m) || /asked us to slow down/.test(m))).toBe(
      true,
    );
  });

  it('stops a task whose items keep failing the same way, with what to change, instead of paying for every item', async () => {
    await platformText({ outputMode: 'json', requestsPerMinute: 100_000, concurrency: 1 });
    mock.onChat(ignoresJsonMode);
    const { run } = await pollTask(t.app, f.viewer, f.accountId, await start(f.accountId, 'doomed', 20));
    expect(run.status).toBe('failed');
    expect(run.error?.code).toBe('provider_invalid_output');
    expect(run.error?.message).toMatch(/Stopped after 3 items in a row failed the same way/);
    expect(run.error?.message).toMatch(/did not follow JSON mode; set Output mode to Structured/);
    // Three items (an answer and a repair each), plus the one already waiting for its call.
    expect(chats().length).toBeGreaterThanOrEqual(6);
    expect(chats().length).toBeLessThanOrEqual(8);
    expect(run.itemErrors.length).toBeLessThanOrEqual(4);
    expect(run.itemErrors[0]).toMatchObject({
      code: 'provider_invalid_output',
      label: expect.stringContaining('doomed'),
    });
  });

  it('"Test connection" tries the output mode with a small schema: a model ignoring JSON mode fails there, with the fix', async () => {
    await platformText({ outputMode: 'json' });
    mock.onChat(ignoresJsonMode);
    const test = await t.app.inject({
      method: 'POST',
      url: '/api/v1/platform/integrations/text/test',
      headers: bearer(f.operator),
    });
    expect(test.json()).toMatchObject({ ok: false });
    expect(test.json().message).toMatch(/did not follow Output mode “json”/);
    expect(test.json().message).toMatch(/set Output mode to Structured/);
    mock.reset();
    await platformText({ outputMode: 'structured' });
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/v1/platform/integrations/text/test',
      headers: bearer(f.operator),
    });
    expect(ok.json()).toMatchObject({ ok: true });
    expect(mock.requests[0]!.body).toMatchObject({ response_format: { type: 'json_schema' } });
  });
});

describe('auto-cluster keeps its clusters when their descriptions fail', () => {
  let mock: MockOpenAI;
  let t: TestApp;
  let f: Awaited<ReturnType<typeof tenantFixture>>;

  beforeAll(async () => {
    mock = await startMockOpenAI({ apiKeys: ['sk-system-key'] });
    t = await testApp({}, { runtime: { worker: true, retryPolicy: fastRetry } });
    f = await tenantFixture(t.app);
  });
  afterAll(async () => {
    await t.close();
    await mock.close();
  });

  it('saves every cluster with its template description, ends partial and says what to change', async () => {
    await setPlatformProvider(t.app, f.operator, 'text', {
      provider: 'openai_compatible',
      baseUrl: mock.url,
      model: 'gpt-test',
      apiKey: 'sk-system-key',
      options: { outputMode: 'json', concurrency: 1 },
    });
    mock.onChat(ignoresJsonMode);
    const siteId = await createSite(t.app, f.editor, f.accountId);
    const S = `/api/v1/accounts/${f.accountId}/sites/${siteId}`;
    const topics = [
      'espresso machine',
      'french press',
      'cold brew',
      'pour over',
      'moka pot',
      'coffee grinder',
      'milk frother',
      'latte art',
    ];
    const facets = ['best', 'how to clean a', 'cheap', 'how to use a'];
    const keywords = topics.flatMap((topic) => facets.map((facet) => ({ phrase: `${facet} ${topic}` })));
    expect(
      (await t.app.inject({ method: 'POST', url: `${S}/keywords`, headers: bearer(f.editor), payload: { keywords } }))
        .statusCode,
    ).toBe(201);

    const started = await t.app.inject({
      method: 'POST',
      url: `${S}/clusters/auto`,
      headers: bearer(f.editor),
      payload: {},
    });
    const { run } = await pollTask(t.app, f.viewer, f.accountId, started.json().taskId);
    expect(run.status).toBe('partial');
    const clusters = (
      await t.app.inject({ method: 'GET', url: `${S}/clusters?limit=100`, headers: bearer(f.viewer) })
    ).json().items as {
      descriptionSource: string;
      description: string;
    }[];
    expect(clusters.length).toBeGreaterThanOrEqual(4);
    expect(run.result).toMatchObject({
      clustersCreated: clusters.length,
      templateDescriptions: clusters.length,
      failedClusters: 0,
    });
    expect(clusters.every((c) => c.descriptionSource === 'template' && c.description.length > 0)).toBe(true);
    expect(run.itemErrors).toHaveLength(clusters.length);
    expect(run.itemErrors.every((e) => e.fallback === true)).toBe(true);
    expect(run.error?.message).toMatch(/set Output mode to Structured/);
    expect(run.progress.message).toMatch(/saved with an offline fallback/);
    // After three descriptions failed the same way the rest skipped the provider.
    const calls = mock.requests.filter((r) => r.endpoint === 'chat').length;
    expect(calls).toBeLessThanOrEqual(8);
    expect(calls).toBeLessThan(clusters.length * 2);
  });
});

describe('adaptive concurrency and pauses of one key (the gate, on an in-memory store)', () => {
  const settings = (options: object = {}): ResolvedSettings =>
    ({
      capability: 'text',
      provider: 'openai',
      baseUrl: null,
      model: 'm',
      options,
      apiKey: 'sk-1',
      source: 'system',
    }) as unknown as ResolvedSettings;
  const gates = () =>
    new ProviderGates((keyPrefix, points) => new RateLimiterMemory({ keyPrefix, points, duration: 60 }));

  it('halves concurrency on each 429 and earns it back one step per run of successes', async () => {
    const g = gates().for(settings({ concurrency: 8 }))!;
    expect(g.concurrency).toBe(8);
    await g.rateLimited(50);
    expect(g.concurrency).toBe(4);
    await g.rateLimited(50);
    expect(g.concurrency).toBe(2);
    g.succeeded();
    expect(g.concurrency).toBe(2);
    g.succeeded();
    expect(g.concurrency).toBe(3);
    for (let i = 0; i < 3 + 4 + 5 + 6 + 7; i++) g.succeeded();
    expect(g.concurrency).toBe(8);
  });

  it('the same key, from any gate of the process, waits out a pause; other keys do not', async () => {
    const all = gates();
    const key1 = all.for(settings())!;
    const key1again = all.for(settings())!;
    const key2 = all.for({ ...settings(), apiKey: 'sk-2' })!;
    await key1.rateLimited(400);
    const waits: GateWait[] = [];
    await key1again.acquire(10, (w) => void waits.push(w));
    expect(waits.length).toBeGreaterThan(0);
    expect(waits[0]!.reason).toBe('paused');
    const none: GateWait[] = [];
    await key2.acquire(10, (w) => void none.push(w));
    expect(none).toEqual([]);
    expect(key1.keyId).not.toBe(key2.keyId);
    expect(key1.keyId).not.toContain('sk-1');
  });

  it('counts tokens: a call larger than the estimate is charged the difference', async () => {
    const g = gates().for(settings({ tokensPerMinute: 1_000, requestsPerMinute: 100 }))!;
    await g.acquire(400);
    await g.settle(400, 900);
    const waits: GateWait[] = [];
    const second = g.acquire(200, (w) => {
      waits.push(w);
      throw new Error('stop waiting');
    });
    await expect(second).rejects.toThrow('stop waiting');
    expect(waits[0]!.reason).toBe('tokens');
  });
});
