import type { ServerResponse } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ProviderError } from '../src/ai/providers/errors';
import { imageProviderFor } from '../src/ai/providers/factory';
import { withProviderRetry } from '../src/ai/retry';
import { upsertSettings } from '../src/modules/integrations/repo';
import { bearer, tenantFixture, testApp, type TestApp } from './helpers/app';
import { listen, type Listener } from './helpers/listener';
import { fastRetry, pollTask, testRegistry } from './helpers/tasks';
import { makeTenantContext } from '../src/access/context';

/**
 * Provider settings an account enters go through the outbound policy: refused on save, refused
 * at call time, and their key never follows a changed host. `127.0.0.2` plays the part of a public
 * provider (the operator allowed it with OUTBOUND_ALLOW_HOSTS); `127.0.0.1` is the server's own
 * network, where a listener answers a secret to anyone who reaches it.
 */
let t: TestApp;
let f: Awaited<ReturnType<typeof tenantFixture>>;
let inside: Listener;
let provider: Listener;
let other: Listener;
const { registry, kind } = testRegistry();

const json = (res: ServerResponse, status: number, body: unknown) =>
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

/** A minimal OpenAI-compatible server, with a few paths that misbehave on purpose. */
function openAiLike(url: string, res: ServerResponse): void {
  const path = new URL(url, 'http://x').pathname;
  if (path.startsWith('/html/'))
    return void res.writeHead(200, { 'content-type': 'text/html' }).end('<html>provider-page secret-html-777</html>');
  if (path.startsWith('/broken/'))
    return void res.writeHead(500, { 'content-type': 'text/plain' }).end('stack trace secret-500-888');
  if (path.startsWith('/moved/'))
    return void res.writeHead(302, { location: `${inside.origin}${path.slice('/moved'.length)}` }).end();
  if (path.endsWith('/models'))
    return void json(res, 200, { object: 'list', data: [{ id: 'm', object: 'model', created: 0, owned_by: 'x' }] });
  if (path.endsWith('/chat/completions')) {
    return void json(res, 200, {
      id: 'c',
      object: 'chat.completion',
      created: 0,
      model: 'm',
      choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: '{"status":"ok"}' } }],
    });
  }
  if (path.endsWith('/images/generations'))
    return void json(res, 200, { created: 0, data: [{ url: `${provider.origin}/image.webp` }] });
  if (path === '/image.webp') return void res.writeHead(200, { 'content-type': 'image/webp' }).end(PNG);
  json(res, 404, { error: { message: 'not here' } });
}

beforeAll(async () => {
  inside = await listen((url, res) => {
    if (url.endsWith('/models')) return json(res, 200, { object: 'list', data: [{ id: 'internal-secret-model' }] });
    if (url.endsWith('.webp'))
      return void res.writeHead(200, { 'content-type': 'image/webp' }).end(Buffer.from('internal secret image'));
    res.writeHead(200, { 'content-type': 'text/plain' }).end('internal secret 4242');
  }, '127.0.0.1');
  provider = await listen(openAiLike, '127.0.0.2');
  other = await listen(openAiLike, '127.0.0.2');
  t = await testApp(
    { OUTBOUND_ALLOW_HOSTS: '127.0.0.2' },
    { runtime: { worker: true, registry, retryPolicy: fastRetry } },
  );
  f = await tenantFixture(t.app);
});
afterAll(async () => {
  await t.close();
  await Promise.all([inside.close(), provider.close(), other.close()]);
});
afterEach(async () => {
  for (const l of [inside, provider, other]) l.hits.length = 0;
  await req('DELETE', `${A()}/text`, f.admin);
  await req('DELETE', `${A()}/image`, f.admin);
});

const A = () => `/api/v1/accounts/${f.accountId}/settings/integrations`;
const req = (method: 'GET' | 'PUT' | 'POST' | 'DELETE', url: string, who: { token: string }, payload?: object) =>
  t.app.inject({ method, url, headers: bearer(who), ...(payload ? { payload } : {}) });
const own = (_capability: 'text' | 'image', baseUrl: string, apiKey?: string) => ({
  provider: 'openai_compatible',
  baseUrl,
  model: 'm',
  ...(apiKey ? { apiKey } : {}),
});

describe('an account’s provider base URL', () => {
  const measured = [
    'http://169.254.169.254/latest',
    'http://metadata.google.internal/',
    'http://localhost:5432',
    'http://0.0.0.0:6379',
    'http://2130706433:8080',
    'http://[::ffff:127.0.0.1]/',
    'http://0x7f.1/',
    'http://10.0.0.5/',
  ];
  it.each(measured)(
    '%s: saving answers 400 outbound_blocked and stores nothing; a draft test is refused the same way',
    async (baseUrl) => {
      const saved = await req('PUT', `${A()}/text`, f.admin, own('text', baseUrl, 'sk-account-key-1'));
      expect(saved.statusCode).toBe(400);
      expect(saved.json().error).toMatchObject({
        code: 'outbound_blocked',
        details: [expect.objectContaining({ path: 'body.baseUrl' })],
      });
      const view = (await req('GET', A(), f.admin)).json();
      expect(view.items.find((i: { capability: string }) => i.capability === 'text')).toMatchObject({
        hasOwnSettings: false,
      });
      const draft = await req('POST', `${A()}/text/test`, f.admin, own('text', baseUrl, 'sk-account-key-1'));
      expect(draft.statusCode).toBe(400);
      expect(draft.json().error.code).toBe('outbound_blocked');
    },
  );

  it('the platform’s own settings are trusted and may point at loopback (a local Ollama)', async () => {
    const saved = await req(
      'PUT',
      '/api/v1/platform/integrations/image',
      f.operator,
      own('image', `${inside.origin}/v1`, 'sk-platform'),
    );
    expect(saved.statusCode).toBe(200);
    const tested = await req('POST', '/api/v1/platform/integrations/image/test', f.operator);
    expect(tested.json()).toMatchObject({ ok: true, source: 'system' });
    expect(inside.hits).toHaveLength(1);
    await req('DELETE', '/api/v1/platform/integrations/image', f.operator);
  });

  it('a URL that got past the save check (stored earlier, or DNS changed since) is refused at call time and reaches nothing', async () => {
    await upsertSettings(t.database.db, {
      accountId: f.accountId,
      capability: 'text',
      provider: 'openai_compatible',
      baseUrl: `http://localhost:${inside.port}/v1`,
      model: 'm',
      options: {},
    });
    const tested = await req('POST', `${A()}/text/test`, f.admin);
    expect(tested.statusCode).toBe(200);
    expect(tested.json()).toMatchObject({
      ok: false,
      source: 'account',
      message: expect.stringMatching(/Requests to localhost are not allowed: it resolves to 127\.0\.0\.1/),
    });
    expect(tested.body).not.toContain('internal secret');
    expect(inside.hits).toEqual([]);
  });

  it('a task on such settings fails at once with outbound_blocked (not retried, no item half-done)', async () => {
    await upsertSettings(t.database.db, {
      accountId: f.accountId,
      capability: 'text',
      provider: 'openai_compatible',
      baseUrl: `http://localhost:${inside.port}/v1`,
      model: 'm',
      options: {},
    });
    const taskId = await t.app.runtime.tasks.start(
      makeTenantContext(f.accountId, f.editor.userId, 'editor'),
      kind,
      { phrases: ['one', 'two'], delayMs: 0 },
      { title: 'Summarise 2' },
    );
    const { run } = await pollTask(t.app, f.viewer, f.accountId, taskId);
    expect(run).toMatchObject({
      status: 'failed',
      error: {
        code: 'outbound_blocked',
        message: expect.stringMatching(/localhost are not allowed: it resolves to 127\.0\.0\.1/),
      },
    });
    expect(inside.hits).toEqual([]);
    expect(run.debugInfo).toMatchObject({ provider_source: { text: 'account' } });
  });

  it('an allowed, public-looking provider that redirects to the internal network is refused on the redirect', async () => {
    const saved = await req(
      'PUT',
      `${A()}/image`,
      f.admin,
      own('image', `${provider.origin}/moved/v1`, 'sk-account-key-1'),
    );
    expect(saved.statusCode).toBe(200); // 127.0.0.2 is allowed by the operator
    const tested = (await req('POST', `${A()}/image/test`, f.admin)).json();
    expect(tested).toMatchObject({
      ok: false,
      message: expect.stringMatching(/127\.0\.0\.1 is not a public address \(loopback\)/),
    });
    expect(JSON.stringify(tested)).not.toContain('internal-secret-model');
    expect(provider.hits).toHaveLength(1);
    expect(inside.hits).toEqual([]);
  });
});

describe('a stored key and a changed host', () => {
  it('saving a new provider or base URL host without the key answers 400 api_key_required; the same host keeps the key', async () => {
    expect(
      (await req('PUT', `${A()}/text`, f.admin, own('text', `${provider.origin}/v1`, 'sk-account-key-1'))).statusCode,
    ).toBe(200);
    const moved = await req('PUT', `${A()}/text`, f.admin, own('text', `${other.origin}/v1`));
    expect(moved.statusCode).toBe(400);
    expect(moved.json().error).toMatchObject({
      code: 'api_key_required',
      details: [expect.objectContaining({ path: 'body.apiKey' })],
    });
    const toOpenAi = await req('PUT', `${A()}/text`, f.admin, { provider: 'openai', model: 'm' });
    expect(toOpenAi.json().error.code).toBe('api_key_required');
    // Another path on the same origin is the same destination: the key stays.
    const samePlace = await req('PUT', `${A()}/text`, f.admin, {
      ...own('text', `${provider.origin}/v2`),
      model: 'renamed',
    });
    expect(samePlace.statusCode).toBe(200);
    expect((await req('POST', `${A()}/text/test`, f.admin)).json()).toMatchObject({ ok: true });
    expect(provider.hits.at(-1)!.headers.authorization).toBe('Bearer sk-account-key-1');
    // With the key entered again, the move is fine.
    expect(
      (await req('PUT', `${A()}/text`, f.admin, own('text', `${other.origin}/v1`, 'sk-account-key-2'))).statusCode,
    ).toBe(200);
  });

  it('a draft "Test connection" to a new host without a key is refused and never sends the stored key there', async () => {
    await req('PUT', `${A()}/text`, f.admin, own('text', `${provider.origin}/v1`, 'sk-account-key-1'));
    const draft = await req('POST', `${A()}/text/test`, f.admin, own('text', `${other.origin}/v1`));
    expect(draft.statusCode).toBe(400);
    expect(draft.json().error.code).toBe('api_key_required');
    expect(other.hits).toEqual([]);
    const withKey = await req('POST', `${A()}/text/test`, f.admin, own('text', `${other.origin}/v1`, 'sk-draft-key'));
    expect(withKey.json()).toMatchObject({ ok: true });
    expect(other.hits.map((h) => h.headers.authorization)).toEqual(['Bearer sk-draft-key']);
    // The same host as stored: the stored key is used for the draft.
    const same = await req('POST', `${A()}/text/test`, f.admin, {
      ...own('text', `${provider.origin}/v1`),
      model: 'other-model',
    });
    expect(same.json()).toMatchObject({ ok: true, model: 'other-model' });
    expect(provider.hits.map((h) => h.headers.authorization)).toEqual(['Bearer sk-account-key-1']);
  });
});

describe('Test connection text', () => {
  it.each([
    ['text', 'html'],
    ['text', 'broken'],
    ['image', 'html'],
    ['image', 'broken'],
  ] as const)('%s, a %s answer: says what went wrong without echoing the body', async (capability, kind) => {
    const res = await req(
      'POST',
      `${A()}/${capability}/test`,
      f.admin,
      own(capability, `${provider.origin}/${kind}/v1`, 'sk-x'),
    );
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.ok).toBe(false);
    expect(body.message).toMatch(
      kind === 'html' ? /did not answer like an OpenAI-compatible API/ : /HTTP 500 without an OpenAI-compatible error/,
    );
    expect(res.body).not.toMatch(/secret-(html-777|500-888)|provider-page|stack trace/);
  });
});

describe('images the provider answers with a URL', () => {
  it('downloads from the provider under the same policy, keeps the real media type', async () => {
    await req('PUT', `${A()}/image`, f.admin, own('image', `${provider.origin}/v1`, 'sk-account-key-1'));
    const settings = await t.app.runtime.integrations.resolve(f.accountId, 'image');
    expect(settings).toMatchObject({ source: 'account', outbound: { trusted: false } });
    const got = await imageProviderFor(settings).generate({ prompt: 'a cat' }, () => {});
    expect(got.mimeType).toBe('image/webp');
    expect(got.data).toEqual(PNG);
  });

  it('refuses to download an internal URL for an account: outbound_blocked, nothing fetched', async () => {
    await req('PUT', `${A()}/image`, f.admin, own('image', `${provider.origin}/v1`, 'sk-account-key-1'));
    const settings = await t.app.runtime.integrations.resolve(f.accountId, 'image');
    const fakeProvider = await listen(
      (_url, res) => json(res, 200, { created: 0, data: [{ url: `${inside.origin}/cat.webp` }] }),
      '127.0.0.2',
    );
    try {
      const image = imageProviderFor({ ...settings, baseUrl: `${fakeProvider.origin}/v1` });
      // As the task engine calls it: a refusal is final (no retry) and stops the task.
      const e = await withProviderRetry(() => image.generate({ prompt: 'a cat' }, () => {}), fastRetry).then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(e).toBeInstanceOf(ProviderError);
      expect(e).toMatchObject({ code: 'outbound_blocked', fatalForTask: true });
      expect(fakeProvider.hits).toHaveLength(1);
      expect(inside.hits).toEqual([]);
    } finally {
      await fakeProvider.close();
    }
  });
});
