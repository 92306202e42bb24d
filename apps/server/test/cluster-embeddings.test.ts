import { startMockOpenAI, type MockOpenAI } from '@igny8/e2e/mock-openai';
import type { ClusterPreview, TaskRun, UsageSummary } from '@igny8/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, setPlatformProvider, tenantFixture, testApp, type Session, type TestApp } from './helpers/app';
import { addCoffeeKeywords, coffeeKeywords, createSite } from './helpers/planner';
import { fastRetry, pollTask } from './helpers/tasks';

let t: TestApp;
let f: Awaited<ReturnType<typeof tenantFixture>>;
let mock: MockOpenAI;
let siteId: string;

const S = () => `/api/v1/accounts/${f.accountId}/sites/${siteId}`;
const call = (method: 'GET' | 'POST' | 'PATCH', url: string, who: Session, payload?: object) =>
  t.app.inject({ method, url, headers: bearer(who), ...(payload ? { payload } : {}) });
const get = async (url: string) => (await call('GET', url, f.viewer)).json();
async function autoCluster(body: object = {}): Promise<TaskRun> {
  const res = await call('POST', `${S()}/clusters/auto`, f.editor, body);
  expect(res.statusCode).toBe(202);
  return (await pollTask(t.app, f.viewer, f.accountId, res.json().taskId)).run;
}
async function preview(body: object = {}): Promise<ClusterPreview> {
  const res = await call('POST', `${S()}/clusters/preview`, f.editor, body);
  expect(res.statusCode).toBe(200);
  return res.json();
}
const embeddingCalls = () => mock.requests.filter((r) => r.endpoint === 'embeddings');
const inputsOf = (r: { body: unknown }) => (r.body as { input: string[] }).input;
type Kw = { id: string; phrase: string; clusterId: string | null };
const keywords = async (): Promise<Kw[]> => (await get(`${S()}/keywords?limit=500`)).items;

beforeAll(async () => {
  mock = await startMockOpenAI();
  t = await testApp({}, { runtime: { worker: true, retryPolicy: fastRetry } });
  f = await tenantFixture(t.app);
  siteId = await createSite(t.app, f.editor, f.accountId);
  await addCoffeeKeywords(t.app, f.editor, f.accountId, siteId);
  // Two drinks that share no word: only their meaning (pinned in the mock) brings them together.
  await call('POST', `${S()}/keywords`, f.editor, {
    keywords: [
      { phrase: 'flat white', volume: 800 },
      { phrase: 'cortado', volume: 700 },
    ],
  });
  const drink = Array.from({ length: 256 }, (_, i) => (i === 0 ? 1 : 0));
  mock.pinEmbedding('flat white', drink);
  mock.pinEmbedding('cortado', drink);
  await setPlatformProvider(t.app, f.operator, 'embeddings', {
    provider: 'openai_compatible',
    baseUrl: mock.url,
    apiKey: 'sk-test',
    model: 'text-embedding-3-small',
  });
}, 300_000);
afterAll(async () => {
  await t?.close();
  await mock?.close();
});

describe('auto-cluster with an embeddings provider', () => {
  it('embeds the keywords through the provider, clusters by meaning as well as words, and accounts the usage', async () => {
    // Before any vector is known the preview says the run will embed first (and sends nothing itself).
    expect(await preview()).toMatchObject({ byMeaning: false, embeddingsPending: 14 });
    expect(embeddingCalls()).toHaveLength(0);
    const run = await autoCluster();
    expect(run.status).toBe('succeeded');
    expect(run.debugInfo.provider_source).toEqual({ embeddings: 'system', text: 'builtin' });
    const calls = embeddingCalls();
    expect(calls).toHaveLength(1);
    expect(calls[0]!.body).toMatchObject({ model: 'text-embedding-3-small', dimensions: 256 });
    expect([...inputsOf(calls[0]!)].sort()).toEqual(
      [...coffeeKeywords.map(([p]) => p), 'flat white', 'cortado'].sort(),
    );
    const kws = await keywords();
    const byPhrase = new Map(kws.map((k) => [k.phrase, k]));
    expect(byPhrase.get('flat white')!.clusterId).not.toBeNull();
    expect(byPhrase.get('flat white')!.clusterId).toBe(byPhrase.get('cortado')!.clusterId);
    // The words still count: cold brew stays with cold brew.
    expect(byPhrase.get('cold brew recipe')!.clusterId).toBe(byPhrase.get('cold brew ratio')!.clusterId);
    expect(byPhrase.get('cold brew recipe')!.clusterId).not.toBe(byPhrase.get('cortado')!.clusterId);

    // Now every vector is known: a preview of the same keywords clusters by meaning too, as the run did.
    const again = await preview({ keywordIds: kws.map((k) => k.id) });
    expect(again).toMatchObject({ byMeaning: true, embeddingsPending: 0 });
    expect(embeddingCalls()).toHaveLength(1);

    const usage = (await get(`/api/v1/accounts/${f.accountId}/usage`)) as UsageSummary;
    const row = usage.rows.find((r) => r.capability === 'embeddings');
    expect(row).toMatchObject({ calls: 1, source: 'system', outputTokens: 0 });
    expect(row!.inputTokens).toBeGreaterThan(0);
  });

  it('sends only new and edited phrases again: vectors are kept per keyword', async () => {
    const before = embeddingCalls().length;
    const cortado = (await keywords()).find((k) => k.phrase === 'cortado')!;
    expect(
      (await call('PATCH', `${S()}/keywords/${cortado.id}`, f.editor, { phrase: 'cortado coffee' })).statusCode,
    ).toBe(200);
    await call('POST', `${S()}/keywords`, f.editor, { keywords: [{ phrase: 'moka pot guide', volume: 300 }] });
    const all = await keywords();
    const run = await autoCluster({ keywordIds: all.map((k) => k.id) });
    expect(run.status).toBe('succeeded');
    const calls = embeddingCalls().slice(before);
    expect(calls).toHaveLength(1);
    expect([...inputsOf(calls[0]!)].sort()).toEqual(['cortado coffee', 'moka pot guide']);
  });

  it('clusters on words alone when the embeddings provider fails, and says so (partial)', async () => {
    await call('POST', `${S()}/keywords`, f.editor, {
      keywords: [
        { phrase: 'aeropress recipe', volume: 500 },
        { phrase: 'aeropress recipe inverted', volume: 200 },
      ],
    });
    mock.fail('embeddings', 'invalid_key');
    const run = await autoCluster();
    expect(run.status).toBe('partial');
    expect(run.itemErrors).toEqual([
      expect.objectContaining({ item: 'embeddings', fallback: true, code: expect.any(String) }),
    ]);
    const kws = await keywords();
    const a = kws.find((k) => k.phrase === 'aeropress recipe')!;
    expect(a.clusterId).not.toBeNull();
    expect(a.clusterId).toBe(kws.find((k) => k.phrase === 'aeropress recipe inverted')!.clusterId);
  });
});
