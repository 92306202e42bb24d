import { startMockOpenAI, type MockOpenAI } from '@igny8/e2e/mock-openai';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, tenantFixture, testApp, type TestApp } from './helpers/app';
import { fastRetry, pollTask } from './helpers/tasks';

const SYSTEM_KEY = 'sk-system-secret-7f3a9c2e1b';
const ACCOUNT_KEY = 'sk-account-secret-4d8e6f0a2c';
let mock: MockOpenAI;
let t: TestApp;
let f: Awaited<ReturnType<typeof tenantFixture>>;
const logs: string[] = [];
const bodies: string[] = [];

beforeAll(async () => {
  mock = await startMockOpenAI({ apiKeys: [SYSTEM_KEY, ACCOUNT_KEY] });
  const stream = new Writable({
    write(chunk, _enc, cb) {
      logs.push(String(chunk));
      cb();
    },
  });
  // Everything the server logs, at the most talkative level.
  // The account admin points its own settings at the loopback mock: allowed for accounts only by name.
  t = await testApp(
    { OUTBOUND_ALLOW_HOSTS: '127.0.0.1' },
    { loggerInstance: pino({ level: 'trace' }, stream), runtime: { worker: true, retryPolicy: fastRetry } },
  );
  f = await tenantFixture(t.app);
});
afterAll(async () => {
  await t.close();
  await mock.close();
});

async function call(method: 'GET' | 'PUT' | 'POST' | 'DELETE', url: string, who: { token: string }, payload?: object) {
  const res = await t.app.inject({ method, url, headers: bearer(who), ...(payload ? { payload } : {}) });
  bodies.push(res.body);
  return res;
}

describe('secrets', () => {
  it('never appear in an API answer or a log line, through saving, reading, testing and using them', async () => {
    const A = `/api/v1/accounts/${f.accountId}`;
    await call('PUT', '/api/v1/platform/integrations/text', f.operator, {
      provider: 'openai_compatible',
      baseUrl: mock.url,
      apiKey: SYSTEM_KEY,
      model: 'm',
      options: { outputMode: 'structured' },
    });
    await call('GET', '/api/v1/platform/integrations', f.operator);
    await call('POST', '/api/v1/platform/integrations/text/test', f.operator);
    for (const who of [f.viewer, f.admin, f.owner]) await call('GET', `${A}/settings/integrations`, who);
    await call('PUT', `${A}/settings/integrations/image`, f.admin, {
      provider: 'openai_compatible',
      baseUrl: mock.url,
      apiKey: ACCOUNT_KEY,
    });
    await call('GET', `${A}/settings/integrations`, f.owner);
    await call('POST', `${A}/settings/integrations/image/test`, f.admin);
    // a wrong key: the provider's error text mentions (a masked form of) the key
    await call('POST', `${A}/settings/integrations/text/test`, f.admin, {
      provider: 'openai_compatible',
      baseUrl: mock.url,
      apiKey: 'sk-wrong-secret-123456789',
    });
    const site = await call('POST', `${A}/sites`, f.editor, { name: 'S', url: 'https://s.example' });
    await call('POST', `${A}/sites/${site.json().id}/keywords`, f.editor, {
      keywords: [{ phrase: 'cold brew' }, { phrase: 'cold brew ratio' }],
    });
    const run = await call('POST', `${A}/sites/${site.json().id}/clusters/auto`, f.editor, {});
    const { run: done } = await pollTask(t.app, f.viewer, f.accountId, run.json().taskId);
    bodies.push(JSON.stringify(done));
    expect(mock.requests.some((r) => r.headers.authorization === `Bearer ${SYSTEM_KEY}`)).toBe(true);

    expect(logs.length).toBeGreaterThan(20);
    for (const secret of [SYSTEM_KEY, ACCOUNT_KEY, 'sk-wrong-secret-123456789']) {
      expect(bodies.filter((b) => b.includes(secret))).toEqual([]);
      expect(logs.filter((l) => l.includes(secret))).toEqual([]);
    }
    // The mask is what the account's admins see instead.
    expect(bodies.join('\n')).toContain('sk-…0a2c');
  });
});
