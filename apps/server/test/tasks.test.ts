import { taskRunSortFields } from '@igny8/contracts';
import { startMockOpenAI, type MockOpenAI } from '@igny8/e2e/mock-openai';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeTenantContext } from '../src/access/context';
import { taskRunItems, usageEvents } from '../src/db/schema/index';
import { bearer, setPlatformProvider, tenantFixture, testApp, type TestApp } from './helpers/app';
import { fastRetry, pollTask, testRegistry } from './helpers/tasks';
import { testBackend } from './helpers/db';
import { expectServerSort } from './helpers/sorting';

let mock: MockOpenAI;
let t: TestApp;
let f: Awaited<ReturnType<typeof tenantFixture>>;
const { registry, kind } = testRegistry();

beforeAll(async () => {
  mock = await startMockOpenAI({ apiKeys: ['sk-system-key'] });
  t = await testApp({}, { runtime: { worker: true, registry, retryPolicy: fastRetry } });
  f = await tenantFixture(t.app);
  await setPlatformProvider(t.app, f.operator, 'text', {
    provider: 'openai_compatible',
    baseUrl: mock.url,
    model: 'gpt-test',
    apiKey: 'sk-system-key',
    // One call at a time: these tests follow one item's faults (throughput.test.ts covers parallel items).
    options: { outputMode: 'structured', timeoutSeconds: 1, concurrency: 1 },
  });
});
afterAll(async () => {
  await t.close();
  await mock.close();
});
beforeEach(() => mock.reset());

const start = (phrases: string[], delayMs = 0, by = f.editor) =>
  t.app.runtime.tasks.start(
    makeTenantContext(f.accountId, by.userId, 'editor'),
    kind,
    { phrases, delayMs },
    { title: `Summarise ${phrases.length}` },
  );
const chatCalls = () => mock.requests.filter((r) => r.endpoint === 'chat');

describe('a task on the platform keys, watched by every role', () => {
  it('runs for an editor of an account with no keys, and a viewer polls it to succeeded', async () => {
    // Each answer takes a while, so the poller sees the task between items, not only its end.
    mock.fail('chat', 'slow', { times: 3, delayMs: 400 });
    const id = await start(['best running shoes', 'trail shoes', 'shoe sizes']);
    const { run, seen } = await pollTask(t.app, f.viewer, f.accountId, id);
    expect(run.status).toBe('succeeded');
    expect(run.progress).toMatchObject({ phase: 'done', percent: 100, current: 3, total: 3 });
    expect(run.debugInfo.provider_source).toEqual({ text: 'system' });
    expect(run.debugInfo.usage).toMatchObject({ calls: 3 });
    expect(run.result).toMatchObject({ succeeded: 3, failed: 0 });
    const percents = seen.map((s) => s.progress.percent);
    expect(percents.length).toBeGreaterThanOrEqual(3);
    expect(percents.some((p) => p > 0 && p < 100)).toBe(true);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    expect(chatCalls().every((r) => r.headers.authorization === 'Bearer sk-system-key')).toBe(true);

    for (const who of [f.viewer, f.editor, f.admin, f.owner]) {
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/v1/accounts/${f.accountId}/tasks?active=0`,
        headers: bearer(who),
      });
      expect(res.json().items.map((r: { id: string }) => r.id)).toContain(id);
    }
    const outsider = await t.app.inject({
      method: 'GET',
      url: `/api/v1/accounts/${f.accountId}/tasks/${id}`,
      headers: bearer(f.outsider),
    });
    expect(outsider.statusCode).toBe(404);
    const viaOwnAccount = await t.app.inject({
      method: 'GET',
      url: `/api/v1/accounts/${f.otherAccountId}/tasks/${id}`,
      headers: bearer(f.outsider),
    });
    expect(viaOwnAccount.statusCode).toBe(404);

    const usage = await t.app.inject({
      method: 'GET',
      url: `/api/v1/accounts/${f.accountId}/usage`,
      headers: bearer(f.viewer),
    });
    expect(usage.json().rows).toEqual([
      expect.objectContaining({ capability: 'text', provider: 'openai_compatible', source: 'system', calls: 3 }),
    ]);
    const ledger = await t.database.db.select().from(usageEvents).where(eq(usageEvents.taskRunId, id));
    expect(ledger).toHaveLength(3);
    expect(ledger.every((u) => u.inputTokens > 0 && u.outputTokens > 0)).toBe(true);
  });
});

describe('provider faults end in their documented state', () => {
  it('429: waits for Retry-After without spending attempts, then succeeds', async () => {
    mock.fail('chat', 'rate_limit', { times: 4, retryAfterSeconds: 0.1 });
    const { run } = await pollTask(t.app, f.viewer, f.accountId, await start(['one phrase']));
    expect(run.status).toBe('succeeded');
    expect(chatCalls()).toHaveLength(5); // 4 waits > 3 attempts, none spent
  });

  it('5xx: retries with backoff and succeeds; persistent 5xx fails the item with the provider message', async () => {
    mock.fail('chat', 'server_error', { times: 2 });
    expect((await pollTask(t.app, f.viewer, f.accountId, await start(['recovering']))).run.status).toBe('succeeded');
    mock.reset();
    mock.fail('chat', 'server_error', { times: 3 });
    const { run } = await pollTask(t.app, f.viewer, f.accountId, await start(['down']));
    expect(run.status).toBe('failed');
    expect(run.error?.code).toBe('provider_server');
    expect(run.itemErrors[0]?.message).toMatch(/The server had an error/);
  });

  it('timeout: the slow call is abandoned and retried', async () => {
    mock.fail('chat', 'timeout', { times: 1 });
    const { run } = await pollTask(t.app, f.viewer, f.accountId, await start(['slow phrase']));
    expect(run.status).toBe('succeeded');
    expect(chatCalls()).toHaveLength(2);
  });

  it('invalid key: no retry, the task stops with the provider’s own message', async () => {
    mock.fail('chat', 'invalid_key', { times: 1 });
    const { run } = await pollTask(t.app, f.viewer, f.accountId, await start(['a', 'b', 'c']));
    expect(run.status).toBe('failed');
    expect(run.error).toMatchObject({
      code: 'provider_invalid_key',
      message: expect.stringMatching(/Incorrect API key provided/),
    });
    expect(chatCalls()).toHaveLength(1);
  });

  it('quota exhausted: no retry, the task stops with the provider’s message', async () => {
    mock.fail('chat', 'quota', { times: 1 });
    const { run } = await pollTask(t.app, f.viewer, f.accountId, await start(['a', 'b']));
    expect(run.status).toBe('failed');
    expect(run.error).toMatchObject({
      code: 'provider_quota',
      message: expect.stringMatching(/exceeded your current quota/),
    });
    expect(chatCalls()).toHaveLength(1);
  });

  it('content policy: that item fails alone and the task ends partial', async () => {
    mock.fail('chat', 'content_policy', { times: 1 }); // hits the first call: items run in parallel, so whichever item made it
    const { run } = await pollTask(t.app, f.viewer, f.accountId, await start(['blocked', 'fine one', 'fine two']));
    expect(run.status).toBe('partial');
    expect(run.itemErrors).toEqual([
      expect.objectContaining({
        item: expect.stringMatching(/^(blocked|fine one|fine two)$/),
        code: 'provider_content_policy',
        message: expect.stringMatching(/safety system/),
      }),
    ]);
    expect(run.result).toMatchObject({ succeeded: 2, failed: 1 });
    expect(chatCalls()).toHaveLength(3);
  });

  it('malformed JSON: one repair round fixes it', async () => {
    mock.fail('chat', 'malformed_json', { times: 1 });
    const { run } = await pollTask(t.app, f.viewer, f.accountId, await start(['repairable']));
    expect(run.status).toBe('succeeded');
    const calls = chatCalls();
    expect(calls).toHaveLength(2);
    const repairMessages = (calls[1]!.body as { messages: { role: string; content: string }[] }).messages;
    expect(repairMessages.at(-1)?.content).toMatch(/could not be used/);
    expect(repairMessages.at(-2)?.role).toBe('assistant');
  });

  it('malformed JSON twice: the item fails clearly', async () => {
    mock.fail('chat', 'malformed_json', { times: 2 });
    const { run } = await pollTask(t.app, f.viewer, f.accountId, await start(['hopeless']));
    expect(run.status).toBe('failed');
    expect(run.error?.code).toBe('provider_invalid_output');
    expect(run.debugInfo.usage).toMatchObject({ calls: 2 });
  });

  it('JSON in a code fence with prose around it is read without a repair', async () => {
    mock.fail('chat', 'fenced_json', { times: 1 });
    const { run } = await pollTask(t.app, f.viewer, f.accountId, await start(['fenced']));
    expect(run.status).toBe('succeeded');
    expect(chatCalls()).toHaveLength(1);
  });
});

describe('cancel', () => {
  it('stops at the next item boundary and keeps finished items; viewers cannot cancel', async () => {
    const id = await start(
      Array.from({ length: 12 }, (_, i) => `c${i + 1}`),
      400,
    );
    for (;;) {
      const r = await t.app.inject({
        method: 'GET',
        url: `/api/v1/accounts/${f.accountId}/tasks/${id}`,
        headers: bearer(f.viewer),
      });
      if (r.json().progress.current >= 1) break;
      await new Promise((res) => setTimeout(res, 50));
    }
    const denied = await t.app.inject({
      method: 'POST',
      url: `/api/v1/accounts/${f.accountId}/tasks/${id}/cancel`,
      headers: bearer(f.viewer),
    });
    expect(denied.json().error.code).toBe('role_insufficient');
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/accounts/${f.accountId}/tasks/${id}/cancel`,
      headers: bearer(f.editor),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().cancelRequested).toBe(true);
    const { run } = await pollTask(t.app, f.viewer, f.accountId, id);
    expect(run.status).toBe('cancelled');
    const kept = await t.database.db.select().from(taskRunItems).where(eq(taskRunItems.taskRunId, id));
    expect(kept.length).toBeGreaterThanOrEqual(1);
    expect(kept.length).toBeLessThan(12);
    expect(run.progress.message).toMatch(new RegExp(`${kept.length} finished item`));
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/v1/accounts/${f.accountId}/tasks/${id}/cancel`,
      headers: bearer(f.editor),
    });
    expect(again.statusCode).toBe(409);
  });
});

describe('the task list', () => {
  it('sorts on the server by every sortable column, ties by id, and refuses an unknown sort', async () => {
    for (const field of taskRunSortFields)
      await expectServerSort(
        (q) =>
          t.app
            .inject({ method: 'GET', url: `/api/v1/accounts/${f.accountId}/tasks?${q}`, headers: bearer(f.viewer) })
            .then((r) => r.json()),
        field,
      );
    const bad = await t.app.inject({
      method: 'GET',
      url: `/api/v1/accounts/${f.accountId}/tasks?sort=input`,
      headers: bearer(f.viewer),
    });
    expect(bad.statusCode).toBe(400);
  });
});

describe.runIf(testBackend() === 'pglite')('the embedded vacuum and this process’s worker', () => {
  it('only analyses while the worker runs a task, and vacuums again once it has ended', async () => {
    const vacuum = t.database.vacuum!;
    const id = await start(['slow phrase'], 1_500);
    for (let i = 0; ; i++) {
      const run = await t.app.inject({
        method: 'GET',
        url: `/api/v1/accounts/${f.accountId}/tasks/${id}`,
        headers: bearer(f.viewer),
      });
      if (run.json().status === 'running') break;
      if (i > 100) throw new Error(`the task did not start: ${run.body}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(await vacuum.tick()).toBe('analysed');
    expect((await pollTask(t.app, f.viewer, f.accountId, id)).run.status).toBe('succeeded');
    // The worker lets go of the run just after its status is saved: a few checks, well under the
    // MAX_DEFERRED_CHECKS after which a check vacuums regardless, so 'checked' here means "not busy".
    const after: string[] = [];
    while (after.length < 5 && after.at(-1) !== 'checked') {
      if (after.length) await new Promise((r) => setTimeout(r, 100));
      after.push(await vacuum.tick());
    }
    expect(after.at(-1)).toBe('checked');
  });
});
