import { startMockOpenAI, type ChatRequest, type MockOpenAI } from '@igny8/e2e/mock-openai';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusters, contents, ideas } from '../src/db/schema/index';
import { bearer, setPlatformProvider, tenantFixture, testApp, type TestApp } from './helpers/app';
import { createSite } from './helpers/planner';
import { fastRetry, pollTask } from './helpers/tasks';
import { defaultSectorId } from './helpers/sectors';

let t: TestApp;
let f: Awaited<ReturnType<typeof tenantFixture>>;
let siteId: string;
let mock: MockOpenAI;

const outline = [
  { level: 2 as const, text: 'What you need' },
  { level: 2 as const, text: 'Step by step' },
  { level: 3 as const, text: 'Grind size' },
  { level: 3 as const, text: 'Steeping time' },
  { level: 2 as const, text: 'Common mistakes' },
  { level: 2 as const, text: 'Storing it' },
  { level: 2 as const, text: 'Summary' },
];

beforeAll(async () => {
  mock = await startMockOpenAI();
  t = await testApp({}, { runtime: { worker: true, retryPolicy: fastRetry } });
  f = await tenantFixture(t.app);
  siteId = await createSite(t.app, f.editor, f.accountId);
});
afterAll(async () => {
  await t.close();
  await mock.close();
});

const S = () => `/api/v1/accounts/${f.accountId}/sites/${siteId}`;
const get = async (url: string) => (await t.app.inject({ method: 'GET', url, headers: bearer(f.viewer) })).json();
const post = (url: string, payload: object) =>
  t.app.inject({ method: 'POST', url, headers: bearer(f.editor), payload });
const useMock = () =>
  setPlatformProvider(t.app, f.operator, 'text', {
    provider: 'openai_compatible',
    baseUrl: mock.url,
    apiKey: 'sk-test',
    model: 'gpt-test',
    options: { outputMode: 'structured' },
  });

let n = 0;
/** Writes one article for a new idea and answers the saved content. */
async function writeOne(
  target: number,
  opts: { contentType?: 'how-to' | 'pillar' | 'listicle'; faq?: boolean; keyword?: string; clusterId?: string } = {},
) {
  n++;
  const keyword = opts.keyword ?? `cold brew ${n}`;
  const [idea] = await t.database.db
    .insert(ideas)
    .values({
      accountId: f.accountId,
      siteId,
      sectorId: await defaultSectorId(t.database.db, siteId),
      clusterId: opts.clusterId ?? null,
      title: `How to make ${keyword} at home`,
      summary: 'A practical guide',
      contentType: opts.contentType ?? 'how-to',
      outline,
      primaryKeyword: keyword,
      secondaryKeywords: ['coffee ratio', 'cold brew concentrate'],
      targetWordCount: target,
      source: 'user',
    })
    .returning({ id: ideas.id });
  const queued = await post(`${S()}/writer/tasks`, { ideaIds: [idea!.id] });
  const writerTaskId = queued.json().items[0].id as string;
  const res = await post(`${S()}/contents/generate`, { writerTaskIds: [writerTaskId], faq: opts.faq ?? false });
  expect(res.statusCode).toBe(202);
  const { run } = await pollTask(t.app, f.viewer, f.accountId, res.json().taskId);
  expect(run.status).toBe('succeeded');
  const [row] = await t.database.db
    .select({ id: contents.id })
    .from(contents)
    .where(eq(contents.writerTaskId, writerTaskId));
  return { content: await get(`${S()}/contents/${row!.id}`), run };
}

const sectionCalls = () => mock.requests.filter((r) => JSON.stringify(r.body).includes('"article_section"'));
const extendCalls = () => mock.requests.filter((r) => JSON.stringify(r.body).includes('"article_section_extend"'));
const within = (words: number, target: number) => Math.abs(words - target) / target <= 0.15;

describe('long-form writing, section by section (mock provider)', () => {
  it('answers as long as asked: each section written on its own, the article within ±15 % of its target', async () => {
    await useMock();
    mock.reset();
    mock.setAnswerLength({ ratio: 1 });
    const { content, run } = await writeOne(2000);
    // Five sections (the outline's four, and one with the keyword first since no heading had it;
    // the outline's "Summary" is the conclusion) and one frame call; none extended.
    expect(sectionCalls()).toHaveLength(5);
    expect(extendCalls()).toHaveLength(0);
    expect(within(content.wordCount, 2000)).toBe(true);
    expect(content).toMatchObject({ lengthStatus: 'ok', lengthNote: null, targetWordCount: 2000, source: 'ai' });
    expect(run.result).toMatchObject({ onTarget: 1, short: 0, long: 0 });
    // Structure: the outline's H2s in order, the H3s inside their section, the conclusion last.
    const h2 = [...content.bodyHtml.matchAll(/<h2>(.*?)<\/h2>/g)].map((m) => m[1]);
    expect(h2).toEqual([
      'Cold brew 1 at a glance',
      'What you need',
      'Step by step',
      'Common mistakes',
      'Storing it',
      'Summary',
    ]);
    // The section prompt names its section and its budget.
    const prompt = sectionCalls()
      .map((r) => JSON.stringify(r.body))
      .find((b) => b.includes('Write the section \\"Step by step\\"'));
    expect(prompt).toMatch(/Its subsections, in order: \\"Grind size\\", \\"Steeping time\\"/);
    expect(prompt).toMatch(/about \d+ words/);
  });

  it('extends a short section once, and then lands on target', async () => {
    await useMock();
    mock.reset();
    mock.setAnswerLength({ ratio: 1 });
    // The first answer for "Common mistakes" comes back at a third of its budget.
    let shortened = false;
    mock.onChat((req: ChatRequest) => {
      const text = JSON.stringify(req.messages);
      if (shortened || !text.includes('Write the section \\"Common mistakes\\"')) return undefined;
      shortened = true;
      return { html: '<p>Far too short, this one.</p>' };
    });
    const { content } = await writeOne(1500);
    expect(extendCalls()).toHaveLength(1);
    expect(JSON.stringify(extendCalls()[0]!.body)).toMatch(/came out at 5 words/);
    expect(content.lengthStatus).toBe('ok');
    expect(within(content.wordCount, 1500)).toBe(true);
  });

  it('marks an article that stays short "short" with the reason, naming its short sections', async () => {
    await useMock();
    mock.reset();
    mock.setAnswerLength({ ratio: 0.4 });
    const { content, run } = await writeOne(2000);
    expect(extendCalls()).toHaveLength(5); // each section once, never twice
    expect(content.lengthStatus).toBe('short');
    expect(content.lengthNote).toMatch(
      /against a target of 2000 \(−\d+ %\): sections still short after one extension: “/,
    );
    expect(run.result).toMatchObject({ short: 1 });
    const list = await get(`${S()}/contents?lengthStatus=short`);
    expect(list.items.map((c: { id: string }) => c.id)).toContain(content.id);
    expect(list.items[0].lengthNote).toBeTruthy();
  });

  it('marks an article that runs long "long"', async () => {
    await useMock();
    mock.reset();
    mock.setAnswerLength({ ratio: 1.6 });
    const { content } = await writeOne(1200);
    expect(content.lengthStatus).toBe('long');
    expect(content.lengthNote).toMatch(/sections over their budget/);
  });

  it('adds a FAQ when asked, within the same budget', async () => {
    await useMock();
    mock.reset();
    mock.setAnswerLength({ ratio: 1 });
    const { content } = await writeOne(1800, { faq: true });
    expect(content.bodyHtml).toMatch(/<h2>Frequently asked questions<\/h2>\n<h3>/);
    expect(content.lengthStatus).toBe('ok');
  });

  it('offline drafts follow the same structure and budgets, for every content type', async () => {
    await setPlatformProvider(t.app, f.operator, 'text', null);
    for (const [type, target] of [
      ['how-to', 1800],
      ['listicle', 1200],
      ['pillar', 3000],
    ] as const) {
      const { content } = await writeOne(target, { contentType: type });
      expect(content.source).toBe('template');
      expect(content.bodyHtml).toMatch(/Draft written offline/);
      expect(within(content.wordCount, target), `${type}: ${content.wordCount} words of ${target}`).toBe(true);
      expect(content.lengthStatus).toBe('ok');
      expect(content.score).toBeGreaterThan(40);
      expect(content.scoreBreakdown.items.map((i: { key: string }) => i.key)).toContain('length');
    }
  });

  it('a cluster hub links to the cluster’s other articles, never to itself', async () => {
    const [cluster] = await t.database.db
      .insert(clusters)
      .values({
        accountId: f.accountId,
        siteId,
        sectorId: await defaultSectorId(t.database.db, siteId),
        name: 'Cold brew',
      })
      .returning({ id: clusters.id });
    const a = await writeOne(1000, { clusterId: cluster!.id });
    const b = await writeOne(1000, { clusterId: cluster!.id, contentType: 'listicle' });
    const { content: hub } = await writeOne(2500, { contentType: 'pillar', clusterId: cluster!.id });
    const links = [...hub.bodyHtml.matchAll(/<a href="([^"]+)">/g)].map((m) => m[1]);
    expect(links).toEqual([`/${a.content.slug}`, `/${b.content.slug}`]);
    expect(hub.bodyHtml).toMatch(/<h2>Articles in this guide<\/h2>/);
    expect(hub.scoreBreakdown.items.find((i: { key: string }) => i.key === 'links').message).toMatch(/^2 internal/);
    const outside = await writeOne(1000, { contentType: 'pillar' });
    expect(outside.content.bodyHtml).not.toMatch(/Articles in this guide/);
  });

  it('warns when another article of the site targets the same primary keyword', async () => {
    const first = await writeOne(1000, { keyword: 'nitro cold brew' });
    const second = await writeOne(1000, { keyword: 'Nitro  Cold Brew' });
    expect(second.content.scoreBreakdown.cannibalisation).toEqual([
      { id: first.content.id, title: first.content.title },
    ]);
    expect(second.content.scoreContext.cannibalisedBy).toHaveLength(1);
  });

  it('lists sort and filter by score', async () => {
    const all = (await get(`${S()}/contents?sort=-score&limit=100`)).items as { score: number | null }[];
    const scores = all.map((c) => c.score!);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const min = scores[Math.floor(scores.length / 2)]!;
    const filtered = (await get(`${S()}/contents?minScore=${min}&limit=100`)).items as { score: number }[];
    expect(filtered.length).toBeGreaterThan(0);
    expect(filtered.every((c) => c.score >= min)).toBe(true);
  });

  it('scores an article again once its images (with alt text) are generated', async () => {
    await setPlatformProvider(t.app, f.operator, 'text', null);
    const { content } = await writeOne(1200);
    const imagesItem = (c: { scoreBreakdown: { items: { key: string; points: number; message: string }[] } }) =>
      c.scoreBreakdown.items.find((i) => i.key === 'images')!;
    expect(imagesItem(content)).toMatchObject({ points: 0, message: 'no images' });
    const prompts = await post(`${S()}/image-prompts/generate`, {
      contentIds: [content.id],
      wordsPerImage: 300,
      maxInline: 2,
    });
    expect((await pollTask(t.app, f.viewer, f.accountId, prompts.json().taskId)).run.status).toBe('succeeded');
    const images = await post(`${S()}/images/generate`, { contentIds: [content.id] });
    expect((await pollTask(t.app, f.viewer, f.accountId, images.json().taskId)).run.status).toBe('succeeded');
    const after = await get(`${S()}/contents/${content.id}`);
    expect(imagesItem(after)).toMatchObject({ points: 5, message: '3 of 3 with alt text' });
    expect(after.score).toBeGreaterThan(content.score);
  });
});
