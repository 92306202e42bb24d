import { startMockOpenAI, type MockOpenAI } from '@igny8/e2e/mock-openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { integrationSettings, usageEvents } from '../src/db/schema/index';
import { accountIdOf, bearer, tenantFixture, testApp, type TestApp } from './helpers/app';

let mock: MockOpenAI;
let t: TestApp;
let f: Awaited<ReturnType<typeof tenantFixture>>;

beforeAll(async () => {
  mock = await startMockOpenAI({ apiKeys: ['sk-system-key-1234', 'sk-account-key-9876'] });
  t = await testApp({ OUTBOUND_ALLOW_HOSTS: '127.0.0.1' }); // the account-level tests point at the mock on loopback
  f = await tenantFixture(t.app);
});
afterAll(async () => {
  await t.close();
  await mock.close();
});

const A = () => `/api/v1/accounts/${f.accountId}/settings/integrations`;
const req = (method: 'GET' | 'PUT' | 'POST' | 'DELETE', url: string, who: { token: string }, payload?: object) =>
  t.app.inject({ method, url, headers: bearer(who), ...(payload ? { payload } : {}) });
const textOf = (body: { items: { capability: string }[] }) =>
  body.items.find((i) => i.capability === 'text') as Record<string, unknown>;

describe('integration settings', () => {
  it('with nothing configured, resolves to the built-in offline provider — never "settings not found"', async () => {
    const res = await req('GET', A(), f.viewer);
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual([
      expect.objectContaining({ capability: 'text', provider: 'builtin', source: 'builtin' }),
      expect.objectContaining({
        capability: 'image',
        provider: 'builtin',
        source: 'builtin',
        model: 'igny8-title-card',
      }),
      expect.objectContaining({ capability: 'embeddings', provider: 'builtin', source: 'builtin' }),
    ]);
    expect(res.json().canEdit).toBe(false);
  });

  it('platform operators set the system keys; every member of an account without keys sees "system" and no key', async () => {
    const saved = await req('PUT', '/api/v1/platform/integrations/text', f.operator, {
      provider: 'openai_compatible',
      baseUrl: mock.url,
      model: 'gpt-test',
      apiKey: 'sk-system-key-1234',
    });
    expect(saved.statusCode).toBe(200);
    expect(textOf(saved.json())).toMatchObject({ source: 'system', apiKeyMask: 'sk-…1234' });
    for (const who of [f.viewer, f.editor, f.admin, f.owner]) {
      const view = await req('GET', A(), who);
      // The platform's base URL and model are internal: members learn only that the platform's settings apply.
      expect(textOf(view.json())).toMatchObject({
        source: 'system',
        provider: 'openai_compatible',
        model: null,
        baseUrl: null,
        apiKeyMask: null,
        hasOwnSettings: false,
      });
      expect(view.body).not.toContain('sk-system-key-1234');
      expect(view.body).not.toContain(mock.url);
      expect(view.body).not.toContain('gpt-test');
    }
    // Operators see them, on the platform's page.
    const platform = await req('GET', '/api/v1/platform/integrations', f.operator);
    expect(textOf(platform.json())).toMatchObject({ source: 'system', model: 'gpt-test', baseUrl: mock.url });
  });

  it('stores keys encrypted: neither the database nor any answer holds the key', async () => {
    const rows = await t.database.db.select().from(integrationSettings);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.apiKeyEncrypted).toMatch(/^v1:/);
    expect(JSON.stringify(rows)).not.toContain('sk-system-key-1234');
  });

  it('refuses the system settings to everyone but platform operators with platform_only', async () => {
    for (const who of [f.viewer, f.editor, f.admin, f.owner]) {
      const put = await req('PUT', '/api/v1/platform/integrations/text', who, { provider: 'builtin' });
      expect(put.json().error.code).toBe('platform_only');
      const test = await req('POST', '/api/v1/platform/integrations/text/test', who);
      expect(test.json().error.code).toBe('platform_only');
    }
  });

  it('lets an account admin set own keys (source "account"), refuses editors, and falls back when removed', async () => {
    const editor = await req('PUT', `${A()}/text`, f.editor, { provider: 'openai', apiKey: 'sk-x' });
    expect(editor.json().error.code).toBe('role_insufficient');
    const own = await req('PUT', `${A()}/text`, f.admin, {
      provider: 'openai_compatible',
      baseUrl: mock.url,
      model: 'own-model',
      apiKey: 'sk-account-key-9876',
    });
    expect(own.statusCode).toBe(200);
    expect(textOf(own.json())).toMatchObject({
      source: 'account',
      model: 'own-model',
      apiKeyMask: 'sk-…9876',
      hasOwnSettings: true,
    });
    // Keeping the stored key: omit apiKey.
    const renamed = await req('PUT', `${A()}/text`, f.admin, {
      provider: 'openai_compatible',
      baseUrl: mock.url,
      model: 'renamed',
    });
    expect(textOf(renamed.json())).toMatchObject({ model: 'renamed', apiKeyMask: 'sk-…9876' });
    expect(textOf((await req('GET', A(), f.viewer)).json())).toMatchObject({ source: 'account', apiKeyMask: null });
    const removed = await req('DELETE', `${A()}/text`, f.admin);
    expect(textOf(removed.json())).toMatchObject({ source: 'system', model: null, baseUrl: null });
  });

  it('switching own keys off on the platform refuses account edits with own_keys_disabled and uses the system keys', async () => {
    await req('PUT', `${A()}/text`, f.admin, {
      provider: 'openai_compatible',
      baseUrl: mock.url,
      apiKey: 'sk-account-key-9876',
    });
    await req('PUT', '/api/v1/platform/settings', f.operator, { allowAccountKeys: false });
    const view = (await req('GET', A(), f.admin)).json();
    expect(textOf(view)).toMatchObject({ source: 'system' });
    expect(view.canEdit).toBe(false);
    expect(view.editBlockedReason).toMatch(/own keys are switched off/);
    const put = await req('PUT', `${A()}/text`, f.admin, { provider: 'builtin' });
    expect(put.statusCode).toBe(403);
    expect(put.json().error.code).toBe('own_keys_disabled');
    await req('PUT', '/api/v1/platform/settings', f.operator, { allowAccountKeys: true });
    await req('DELETE', `${A()}/text`, f.admin);
  });

  it('a stored key that can no longer be read (APP_SECRET changed): members still see the settings; using it asks to save it again', async () => {
    await req('PUT', `${A()}/text`, f.admin, {
      provider: 'openai_compatible',
      baseUrl: mock.url,
      apiKey: 'sk-account-key-9876',
    });
    await t.database.db
      .update(integrationSettings)
      .set({ apiKeyEncrypted: 'v1:sealed-under-another-secret' })
      .where(eq(integrationSettings.accountId, f.accountId));
    const viewer = await req('GET', A(), f.viewer);
    expect(viewer.statusCode).toBe(200);
    expect(textOf(viewer.json())).toMatchObject({ source: 'account', apiKeyMask: null });
    expect(textOf((await req('GET', A(), f.admin)).json())).toMatchObject({ apiKeyMask: 'sk-…9876' });
    const use = await req('POST', `${A()}/text/test`, f.admin);
    expect(use.statusCode).toBe(409);
    expect(use.json().error).toMatchObject({ code: 'conflict', message: expect.stringMatching(/Save the key again/) });
    const saved = await req('PUT', `${A()}/text`, f.admin, {
      provider: 'openai_compatible',
      baseUrl: mock.url,
      apiKey: 'sk-account-key-9876',
    });
    expect(saved.statusCode).toBe(200);
    expect((await req('POST', `${A()}/text/test`, f.admin)).json()).toMatchObject({ ok: true, source: 'account' });
    await req('DELETE', `${A()}/text`, f.admin);
  });

  it('tests the connection with a real call and shows the provider’s own error text', async () => {
    const ok = await req('POST', `${A()}/text/test`, f.admin);
    expect(ok.json()).toMatchObject({ ok: true, source: 'system', model: null });
    const bad = await req('POST', `${A()}/text/test`, f.admin, {
      provider: 'openai_compatible',
      baseUrl: mock.url,
      apiKey: 'sk-wrong-key-0000',
    });
    expect(bad.statusCode).toBe(200);
    expect(bad.json().ok).toBe(false);
    expect(bad.json().message).toMatch(/Incorrect API key provided/);
    const unreachable = await req('POST', `${A()}/image/test`, f.admin, {
      provider: 'openai_compatible',
      baseUrl: 'http://127.0.0.1:9/v1',
      apiKey: 'sk-x',
    });
    expect(unreachable.json()).toMatchObject({ ok: false, message: expect.stringMatching(/Could not reach/) });
  });

  it('rejects bad settings with field paths', async () => {
    const noUrl = await req('PUT', `${A()}/text`, f.admin, { provider: 'openai_compatible' });
    expect(noUrl.statusCode).toBe(400);
    expect(noUrl.json().error.details).toEqual([expect.objectContaining({ path: 'body.baseUrl' })]);
    const badCap = await req('PUT', `${A()}/video`, f.admin, { provider: 'builtin' });
    expect(badCap.statusCode).toBe(400);
    const noKey = await req('PUT', `${A()}/image`, f.admin, { provider: 'openai' });
    expect(noKey.json().error.details).toEqual([expect.objectContaining({ path: 'body.apiKey' })]);
    const badOpt = await req('PUT', `${A()}/image`, f.admin, { provider: 'builtin', options: { quality: 'ultra' } });
    expect(badOpt.statusCode).toBe(400);
  });
});

describe('usage', () => {
  it("names the models of the account's own keys, not the platform's (summed per provider), except to an operator", async () => {
    const at = new Date('2026-10-15T12:00:00Z');
    const call = { accountId: f.accountId, inputTokens: 10, outputTokens: 5, images: 0, latencyMs: 100, createdAt: at };
    await t.database.db.insert(usageEvents).values([
      { ...call, capability: 'text', provider: 'openai', model: 'gpt-own', source: 'account', costUsd: 0.01 },
      {
        ...call,
        capability: 'text',
        provider: 'openai_compatible',
        model: 'platform-a',
        source: 'system',
        costUsd: 0.02,
      },
      {
        ...call,
        capability: 'text',
        provider: 'openai_compatible',
        model: 'platform-b',
        source: 'system',
        costUsd: null,
      },
    ]);
    const url = `/api/v1/accounts/${f.accountId}/usage?from=2026-10-01T00:00:00Z&to=2026-11-01T00:00:00Z`;
    const res = await req('GET', url, f.viewer);
    expect(res.statusCode).toBe(200);
    expect(res.json().rows).toEqual([
      expect.objectContaining({ provider: 'openai', model: 'gpt-own', source: 'account', calls: 1 }),
      expect.objectContaining({
        provider: 'openai_compatible',
        model: null,
        source: 'system',
        calls: 2,
        inputTokens: 20,
        costUsd: 0.02,
        unpricedCalls: 1,
      }),
    ]);
    expect(res.body).not.toContain('platform-a');

    // An operator reading the platform's own account sees the models behind its keys.
    const systemAccountId = accountIdOf(f.operator);
    await t.database.db.insert(usageEvents).values([
      {
        ...call,
        accountId: systemAccountId,
        capability: 'text',
        provider: 'openai_compatible',
        model: 'platform-a',
        source: 'system',
        costUsd: 0.02,
      },
    ]);
    const asOperator = await req('GET', url.replace(f.accountId, systemAccountId), f.operator);
    expect(asOperator.statusCode).toBe(200);
    expect(asOperator.json().rows).toEqual([expect.objectContaining({ model: 'platform-a', source: 'system' })]);
  });

  it('refuses a period that ends before it starts', async () => {
    const res = await req(
      'GET',
      `/api/v1/accounts/${f.accountId}/usage?from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z`,
      f.viewer,
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
  });
});

describe('environment fallback', () => {
  let e: TestApp;
  let g: Awaited<ReturnType<typeof tenantFixture>>;
  beforeAll(async () => {
    e = await testApp({ OPENAI_API_KEY: 'sk-env-key-5555', OPENAI_BASE_URL: mock.url });
    g = await tenantFixture(e.app);
  });
  afterAll(() => e.close());

  it('uses the environment key when neither the account nor the system account has settings', async () => {
    const view = await e.app.inject({
      method: 'GET',
      url: `/api/v1/accounts/${g.accountId}/settings/integrations`,
      headers: bearer(g.viewer),
    });
    expect(textOf(view.json())).toMatchObject({
      source: 'environment',
      provider: 'openai_compatible',
      model: null,
      baseUrl: null,
    });
    expect(view.body).not.toContain(mock.url);
  });
});
