import { startMockOpenAI, type MockOpenAI } from '@igny8/e2e/mock-openai';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contents } from '../src/db/schema/index';
import { classifyIntent } from '../src/modules/keywords/intent-rules';
import { bearer, setPlatformProvider, tenantFixture, testApp, type TestApp } from './helpers/app';
import { fastRetry, pollTask } from './helpers/tasks';

describe('intent rules, offline, per language', () => {
  it.each([
    ['en', 'how to make cold brew', 'informational'],
    ['en', 'cold brew ratio', 'informational'],
    ['en', 'best espresso machine under 500', 'commercial'],
    ['en', 'breville vs delonghi', 'commercial'],
    ['en', 'what is the best burr grinder', 'commercial'],
    ['en', 'buy espresso beans online', 'transactional'],
    ['en', 'coffee grinder price', 'transactional'],
    ['en', 'coffee shop near me', 'transactional'],
    ['en', 'how much does an espresso machine cost', 'informational'],
    ['en', 'nespresso login', 'navigational'],
    ['de', 'wie mache ich cold brew', 'informational'],
    ['de', 'beste siebträgermaschine', 'commercial'],
    ['de', 'kaffeemühle test', 'commercial'],
    ['de', 'kaffeebohnen kaufen', 'transactional'],
    ['de', 'kaffeemaschine günstig', 'transactional'],
    ['de', 'tchibo kundenservice', 'navigational'],
    ['fr', 'comment faire un cold brew', 'informational'],
    ['fr', 'meilleure machine à expresso', 'commercial'],
    ['fr', 'moulin à café avis', 'commercial'],
    ['fr', 'acheter café en grains', 'transactional'],
    ['fr', 'machine à café pas chère', 'transactional'],
    ['fr', 'nespresso connexion', 'navigational'],
    ['es', 'cómo hacer café frío', 'informational'],
    ['es', 'mejor cafetera espresso', 'commercial'],
    ['es', 'cafetera italiana opiniones', 'commercial'],
    ['es', 'comprar café en grano', 'transactional'],
    ['es', 'molinillo de café barato', 'transactional'],
    ['es', 'nespresso iniciar sesión', 'navigational'],
    ['it', 'migliore macchina da caffè', 'commercial'],
    ['pt', 'comprar café em grão', 'transactional'],
    ['nl', 'koffiebonen kopen', 'transactional'],
    // lists in other languages borrow English modifiers
    ['de', 'beste kaffeemühle review', 'commercial'],
  ] as const)('%s: "%s" is %s', (language, phrase, intent) => {
    expect(classifyIntent(phrase, language)).toBe(intent);
  });
});

let t: TestApp;
let f: Awaited<ReturnType<typeof tenantFixture>>;
let mock: MockOpenAI;
beforeAll(async () => {
  mock = await startMockOpenAI();
  t = await testApp({}, { runtime: { worker: true, retryPolicy: fastRetry } });
  f = await tenantFixture(t.app);
});
afterAll(async () => {
  await t.close();
  await mock.close();
});

const site = async (name: string, language: string) => {
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/v1/accounts/${f.accountId}/sites`,
    headers: bearer(f.editor),
    payload: { name, url: 'https://x.example', language },
  });
  return res.json().id as string;
};
const S = (siteId: string) => `/api/v1/accounts/${f.accountId}/sites/${siteId}`;
const get = async (url: string) => (await t.app.inject({ method: 'GET', url, headers: bearer(f.viewer) })).json();
const post = (url: string, payload: object) =>
  t.app.inject({ method: 'POST', url, headers: bearer(f.editor), payload });
type Kw = { id: string; phrase: string; intent: string | null; intentSource: string | null; status: string };
const byPhrase = async (siteId: string) =>
  new Map(((await get(`${S(siteId)}/keywords?limit=500`)).items as Kw[]).map((k) => [k.phrase, k]));

describe('every keyword gets an intent', () => {
  it('from the rules in the site’s language when none is given; a given intent wins and is kept on later merges', async () => {
    const de = await site('Kaffee Blog', 'de');
    await post(`${S(de)}/keywords`, {
      keywords: [
        { phrase: 'kaffeebohnen kaufen' },
        { phrase: 'beste kaffeemühle' },
        { phrase: 'cold brew rezept', intent: 'commercial' },
      ],
    });
    let k = await byPhrase(de);
    expect(k.get('kaffeebohnen kaufen')).toMatchObject({ intent: 'transactional', intentSource: 'rules' });
    expect(k.get('beste kaffeemühle')).toMatchObject({ intent: 'commercial', intentSource: 'rules' });
    expect(k.get('cold brew rezept')).toMatchObject({ intent: 'commercial', intentSource: 'user' });
    // A file without an intent column merges metrics but leaves the person's intent alone.
    const merged = await t.app.inject({
      method: 'POST',
      url: `${S(de)}/keywords/import`,
      headers: { ...bearer(f.editor), 'content-type': 'text/csv' },
      payload: 'Keyword;Suchvolumen\ncold brew rezept;900\n',
    });
    expect(merged.statusCode).toBe(201);
    k = await byPhrase(de);
    expect(k.get('cold brew rezept')).toMatchObject({ intent: 'commercial', intentSource: 'user' });
    // Filterable.
    const commercial = await get(`${S(de)}/keywords?intent=commercial`);
    expect(commercial.items.map((x: Kw) => x.phrase).sort()).toEqual(['beste kaffeemühle', 'cold brew rezept']);
  });

  it('from the LLM with the cluster description during auto-cluster when a text provider is configured, over the rules’ guesses only', async () => {
    const en = await site('LLM intents', 'en');
    await post(`${S(en)}/keywords`, {
      keywords: [
        { phrase: 'cold brew ratio', volume: 900 },
        { phrase: 'cold brew ratio chart', volume: 300 },
        { phrase: 'cold brew ratio grams', volume: 200, intent: 'informational' },
      ],
    });
    mock.onChat((req) => {
      const text = JSON.stringify(req.messages);
      if (!/give the search intent of each of its keywords/.test(text)) return undefined;
      return {
        name: ' “Cold brew ratios.” ',
        description: 'Home baristas want the right amount of coffee for their cold brew, by weight and by volume.',
        // Matched as the keyword store folds phrases: case, spacing and compatibility forms (a full-width "ｃ").
        intents: ['\uff43old brew ratio', 'Cold Brew Ratio  Chart', 'cold brew ratio grams'].map((keyword) => ({
          keyword,
          intent: 'transactional',
        })),
      };
    });
    await setPlatformProvider(t.app, f.operator, 'text', {
      provider: 'openai_compatible',
      baseUrl: mock.url,
      apiKey: 'sk-test',
      model: 'gpt-test',
      options: { outputMode: 'structured' },
    });
    try {
      const start = await post(`${S(en)}/clusters/auto`, {});
      expect((await pollTask(t.app, f.viewer, f.accountId, start.json().taskId)).run.status).toBe('succeeded');
    } finally {
      await setPlatformProvider(t.app, f.operator, 'text', null);
      mock.reset();
    }
    const k = await byPhrase(en);
    expect(k.get('cold brew ratio')).toMatchObject({ intent: 'transactional', intentSource: 'ai' });
    expect(k.get('cold brew ratio chart')).toMatchObject({ intent: 'transactional', intentSource: 'ai' });
    expect(k.get('cold brew ratio grams')).toMatchObject({ intent: 'informational', intentSource: 'user' });
    const clusters = await get(`${S(en)}/clusters`);
    // The LLM names the cluster (tidied), in place of the engine's topic name.
    expect(clusters.items[0]).toMatchObject({
      name: 'Cold brew ratios',
      dominantIntent: 'transactional',
      descriptionSource: 'ai',
    });
  });
});

describe('keyword status follows the pipeline', () => {
  it('new → clustered → in idea → queued → written → published, filterable, and back when the work goes back', async () => {
    const siteId = await site('Pipeline', 'en');
    await post(`${S(siteId)}/keywords`, {
      keywords: [
        { phrase: 'french press ratio', volume: 1200 },
        { phrase: 'french press coffee ratio', volume: 900 },
        { phrase: 'french press ratio grams', volume: 300 },
      ],
    });
    const status = async () => new Map([...(await byPhrase(siteId))].map(([p, k]) => [p, k.status]));
    expect(new Set((await status()).values())).toEqual(new Set(['new']));

    const cluster = await post(`${S(siteId)}/clusters/auto`, {});
    expect((await pollTask(t.app, f.viewer, f.accountId, cluster.json().taskId)).run.status).toBe('succeeded');
    expect(new Set((await status()).values())).toEqual(new Set(['clustered']));

    const clusterId = (await get(`${S(siteId)}/clusters`)).items[0].id;
    const ideas = await post(`${S(siteId)}/ideas/generate`, { clusterIds: [clusterId], perCluster: 1 });
    expect((await pollTask(t.app, f.viewer, f.accountId, ideas.json().taskId)).run.status).toBe('succeeded');
    expect(new Set((await status()).values())).toEqual(new Set(['in_idea']));

    const idea = (await get(`${S(siteId)}/ideas`)).items[0];
    expect((await post(`${S(siteId)}/writer/tasks`, { ideaIds: [idea.id] })).statusCode).toBe(201);
    const primary = idea.primaryKeyword as string;
    expect((await status()).get(primary)).toBe('queued');
    expect((await get(`${S(siteId)}/keywords?status=queued`)).items.map((k: Kw) => k.phrase)).toContain(primary);

    const writerTaskId = (await get(`${S(siteId)}/writer/tasks`)).items[0].id;
    const content = await post(`${S(siteId)}/contents/generate`, { writerTaskIds: [writerTaskId] });
    expect((await pollTask(t.app, f.viewer, f.accountId, content.json().taskId)).run.status).toBe('succeeded');
    expect((await status()).get(primary)).toBe('written');

    const contentId = (await get(`${S(siteId)}/writer/tasks`)).items[0].contentId;
    // Published by a destination (the publishing module's job, tested there): here the state it leaves.
    await t.database.db.update(contents).set({ status: 'published' }).where(eq(contents.id, contentId));
    expect((await status()).get(primary)).toBe('published');
    const list = await get(`${S(siteId)}/keywords?status=published`);
    expect(list.items.map((k: Kw) => k.phrase)).toContain(primary);
    expect(list.total).toBe(list.items.length);
    expect(list.items.every((k: Kw) => k.status === 'published')).toBe(true);
    expect((await get(`${S(siteId)}/keywords/${list.items[0].id}`)).status).toBe('published');
    // Back when the work goes: the article unpublished, the keyword is written again.
    await t.database.db.update(contents).set({ status: 'approved' }).where(eq(contents.id, contentId));
    expect((await status()).get(primary)).toBe('written');
  });
});

describe('cannibalisation', () => {
  it('lists keywords more than one idea or article targets, an idea and its article counting once', async () => {
    const siteId = await site('Cannibals', 'en');
    await post(`${S(siteId)}/keywords`, {
      keywords: [
        { phrase: 'aeropress recipe', volume: 2400 },
        { phrase: 'inverted aeropress', volume: 800 },
        { phrase: 'aeropress filter', volume: 500 },
      ],
    });
    const none = await get(`${S(siteId)}/keywords/cannibalisation`);
    expect(none).toEqual({ items: [], total: 0 });

    // Three ideas (generated offline, then aimed by hand as a strategist would).
    const cluster = await post(`${S(siteId)}/clusters/auto`, {});
    expect((await pollTask(t.app, f.viewer, f.accountId, cluster.json().taskId)).run.status).toBe('succeeded');
    const clusterIds = (await get(`${S(siteId)}/clusters`)).items.map((c: { id: string }) => c.id);
    const gen = await post(`${S(siteId)}/ideas/generate`, { clusterIds, perCluster: 3 });
    expect((await pollTask(t.app, f.viewer, f.accountId, gen.json().taskId)).run.status).toBe('succeeded');
    const ideaIds = ((await get(`${S(siteId)}/ideas?limit=100`)).items as { id: string }[]).map((i) => i.id);
    expect(ideaIds.length).toBeGreaterThanOrEqual(3);
    const aim = (id: string, primaryKeyword: string, secondaryKeywords: string[], title: string) =>
      t.app.inject({
        method: 'PATCH',
        url: `${S(siteId)}/ideas/${id}`,
        headers: bearer(f.editor),
        payload: { title, primaryKeyword, secondaryKeywords },
      });
    const [a, b, c, ...rest] = ideaIds;
    expect((await aim(a!, 'aeropress recipe', ['inverted aeropress'], 'The AeroPress recipe')).statusCode).toBe(200);
    expect((await aim(b!, 'Inverted  AeroPress', ['aeropress recipe'], 'Inverted method')).statusCode).toBe(200);
    expect((await aim(c!, 'aeropress filter', [], 'Filters')).statusCode).toBe(200);
    for (const [i, id] of rest.entries()) await aim(id, `aeropress other ${i}`, [], `Other ${i}`);

    const found = await get(`${S(siteId)}/keywords/cannibalisation`);
    expect(found.total).toBe(2);
    expect(found.items.map((i: { phrase: string }) => i.phrase)).toEqual(['aeropress recipe', 'inverted aeropress']);
    expect(found.items[0]).toMatchObject({ pieces: 2, volume: 2400, keywordId: expect.any(String) });
    expect(found.items[0].targets.map((x: { title: string; role: string }) => [x.title, x.role]).sort()).toEqual([
      ['Inverted method', 'secondary'],
      ['The AeroPress recipe', 'primary'],
    ]);

    // Queued and written from the first idea, its article is the same piece of work: still two.
    await post(`${S(siteId)}/writer/tasks`, { ideaIds: [a!] });
    const writerTaskId = (await get(`${S(siteId)}/writer/tasks`)).items[0].id;
    const content = await post(`${S(siteId)}/contents/generate`, { writerTaskIds: [writerTaskId] });
    expect((await pollTask(t.app, f.viewer, f.accountId, content.json().taskId)).run.status).toBe('succeeded');
    const after = await get(`${S(siteId)}/keywords/cannibalisation`);
    expect(after.items[0]).toMatchObject({ phrase: 'aeropress recipe', pieces: 2 });
    expect(after.items[0].targets.map((x: { kind: string }) => x.kind).sort()).toEqual(['content', 'idea', 'idea']);

    // Another account sees nothing of it.
    const foreign = await t.app.inject({
      method: 'GET',
      url: `${S(siteId)}/keywords/cannibalisation`,
      headers: bearer(f.outsider),
    });
    expect(foreign.statusCode).toBe(404);
  });
});
