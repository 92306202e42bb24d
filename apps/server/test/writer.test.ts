import { contentSortFields, writerTaskSortFields } from '@igny8/contracts';
import { startMockOpenAI, type MockOpenAI } from '@igny8/e2e/mock-openai';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { makeTenantContext } from '../src/access/context';
import { ideas, images } from '../src/db/schema/index';
import { insertTaskRun, updateTaskRun } from '../src/modules/tasks/repo';
import { bearer, setPlatformProvider, tenantFixture, testApp, type TestApp } from './helpers/app';
import { createSite } from './helpers/planner';
import { fastRetry, pollTask } from './helpers/tasks';
import { defaultSectorId } from './helpers/sectors';
import { expectServerSort } from './helpers/sorting';

let t: TestApp;
let f: Awaited<ReturnType<typeof tenantFixture>>;
let siteId: string;
let mock: MockOpenAI;
const ideaIds: string[] = [];

beforeAll(async () => {
  mock = await startMockOpenAI();
  t = await testApp({}, { runtime: { worker: true, retryPolicy: fastRetry } });
  f = await tenantFixture(t.app);
  siteId = await createSite(t.app, f.editor, f.accountId);
  for (const [title, kw] of [
    ['How to make cold brew at home', 'cold brew'],
    ['The best espresso machines under 500', 'espresso machine'],
  ]) {
    const [row] = await t.database.db
      .insert(ideas)
      .values({
        accountId: f.accountId,
        siteId,
        sectorId: await defaultSectorId(t.database.db, siteId),
        title: title!,
        summary: 'A practical guide',
        contentType: 'how-to',
        outline: [
          { level: 2, text: 'What you need' },
          { level: 2, text: 'Step by step' },
          { level: 3, text: 'Grind size' },
          { level: 2, text: 'Common mistakes' },
          { level: 2, text: 'Storing it' },
        ],
        primaryKeyword: kw!,
        secondaryKeywords: ['coffee ratio'],
        targetWordCount: 1500,
        source: 'user',
      })
      .returning({ id: ideas.id });
    ideaIds.push(row!.id);
  }
});
afterAll(async () => {
  await t.close();
  await mock.close();
});

const S = () => `/api/v1/accounts/${f.accountId}/sites/${siteId}`;
const get = async (url: string, who = f.viewer) =>
  (await t.app.inject({ method: 'GET', url, headers: bearer(who) })).json();
const post = (url: string, payload: object, who = f.editor) =>
  t.app.inject({ method: 'POST', url, headers: bearer(who), payload });
const useMock = (capability: 'text' | 'image', settings: object) =>
  setPlatformProvider(t.app, f.operator, capability, settings);
const useOffline = (capability: 'text' | 'image') => setPlatformProvider(t.app, f.operator, capability, null);

describe('the writer pipeline (offline provider)', () => {
  let contentIds: string[] = [];

  it('queues ideas to the writer once, however often they are queued', async () => {
    const first = await post(`${S()}/writer/tasks`, { ideaIds });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ created: 2, existing: 0 });
    const again = await post(`${S()}/writer/tasks`, { ideaIds: [...ideaIds, ideaIds[0]!] });
    expect(again.json()).toMatchObject({ created: 0, existing: 2 });
    expect((await get(`${S()}/writer/tasks`)).total).toBe(2);
    expect((await get(`${S()}/ideas?status=queued`)).total).toBe(2);
  });

  it('writes labelled drafts with keyword placement, meta limits and word counts', async () => {
    const writerTaskIds = (await get(`${S()}/writer/tasks`)).items.map((w: { id: string }) => w.id);
    const res = await post(`${S()}/contents/generate`, { writerTaskIds });
    expect(res.statusCode).toBe(202);
    const { run } = await pollTask(t.app, f.viewer, f.accountId, res.json().taskId);
    expect(run.status).toBe('succeeded');
    const list = await get(`${S()}/contents`);
    expect(list.total).toBe(2);
    contentIds = list.items.map((c: { id: string }) => c.id);
    const c = await get(`${S()}/contents/${contentIds[0]}`);
    expect(c.source).toBe('template');
    expect(c.bodyHtml).toMatch(/Draft written offline/);
    expect(c.seoChecks).toMatchObject({ keywordInTitle: true, keywordInFirstParagraph: true, keywordInH2: true });
    expect(c.metaTitle.length).toBeLessThanOrEqual(60);
    expect(c.metaDescription.length).toBeLessThanOrEqual(160);
    expect(c.wordCount).toBeGreaterThan(50);
    expect(c.slug).toMatch(/^[a-z0-9-]+$/);
    expect(
      (await get(`${S()}/writer/tasks`)).items.every(
        (w: { status: string; contentId: string }) => w.status === 'done' && w.contentId,
      ),
    ).toBe(true);
  });

  it('refuses to generate images for articles without image prompts yet: 409 conflict, no task started', async () => {
    const tasksBefore = (await get(`/api/v1/accounts/${f.accountId}/tasks`)).total;
    const res = await post(`${S()}/images/generate`, { contentIds });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('conflict');
    expect((await get(`${S()}/image-prompts`)).total).toBe(0);
    expect((await get(`${S()}/images`)).total).toBe(0);
    expect((await get(`/api/v1/accounts/${f.accountId}/tasks`)).total).toBe(tasksBefore);
  });

  it('writes image prompts (featured + in-article after real headings) and renders title cards offline', async () => {
    const res = await post(`${S()}/image-prompts/generate`, { contentIds, wordsPerImage: 150, maxInline: 2 });
    expect((await pollTask(t.app, f.viewer, f.accountId, res.json().taskId)).run.status).toBe('succeeded');
    const prompts = (await get(`${S()}/image-prompts?contentId=${contentIds[0]}`)).items;
    expect(prompts[0]).toMatchObject({ kind: 'featured', placement: null, style: 'photo' });
    expect(prompts.filter((p: { kind: string }) => p.kind === 'inline')).toHaveLength(2);
    const body = (await get(`${S()}/contents/${contentIds[0]}`)).bodyHtml as string;
    for (const p of prompts.slice(1)) expect(body).toContain(`<h2>${p.placement}</h2>`);

    const gen = await post(`${S()}/images/generate`, { contentIds: [contentIds[0]] });
    const { run } = await pollTask(t.app, f.viewer, f.accountId, gen.json().taskId);
    expect(run.status, JSON.stringify(run)).toBe('succeeded');
    expect(run.debugInfo.provider_source).toEqual({ image: 'builtin' });
    const imgs = (await get(`${S()}/images?contentId=${contentIds[0]}`)).items;
    expect(imgs).toHaveLength(3);
    const file = await t.app.inject({ method: 'GET', url: imgs[0].fileUrl, headers: bearer(f.viewer) });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/png');
    expect(file.rawPayload.subarray(1, 4).toString()).toBe('PNG');
    expect((await get(`${S()}/contents/${contentIds[0]}`)).imageCount).toBe(3);
  });

  it('regenerates one image in place, replacing its file', async () => {
    const image = (await get(`${S()}/images?contentId=${contentIds[0]}`)).items[0];
    const [before] = await t.database.db.select().from(images).where(eq(images.id, image.id));
    const res = await post(`${S()}/images/${image.id}/regenerate`, {});
    expect(res.statusCode).toBe(202);
    expect((await pollTask(t.app, f.viewer, f.accountId, res.json().taskId)).run.status).toBe('succeeded');
    const [after] = await t.database.db.select().from(images).where(eq(images.id, image.id));
    expect(after!.status).toBe('generated');
    expect(after!.fileKey).not.toBe(before!.fileKey);
    expect(await t.app.runtime.storage.get(before!.fileKey!)).toBeUndefined();
    expect(await t.app.runtime.storage.get(after!.fileKey!)).toBeDefined();
    expect((await get(`${S()}/images?contentId=${contentIds[0]}`)).total).toBe(3);
  });

  it('exports one article as Markdown with its image files in a zip, and several as a zip of HTML files', async () => {
    const one = await t.app.inject({
      method: 'GET',
      url: `${S()}/contents/export?ids=${contentIds[0]}&format=markdown`,
      headers: bearer(f.viewer),
    });
    expect(one.headers['content-type']).toBe('application/zip');
    expect(one.headers['content-disposition']).toMatch(/attachment; filename=".+-markdown\.zip"/);
    const oneFiles = unzipSync(new Uint8Array(one.rawPayload));
    const mdName = Object.keys(oneFiles).find((n) => n.endsWith('.md'))!;
    const md = strFromU8(oneFiles[mdName]!);
    expect(md).toMatch(/^---\ntitle: /);
    expect(md).toMatch(/!\[[^\]]*\]\(images\/[^)]+\.png\)/);
    expect(md).not.toContain('base64');
    expect(Object.keys(oneFiles).filter((n) => n.startsWith('images/'))).not.toHaveLength(0);
    const zip = await t.app.inject({
      method: 'GET',
      url: `${S()}/contents/export?ids=${contentIds.join(',')}&format=html`,
      headers: bearer(f.viewer),
    });
    expect(zip.headers['content-type']).toBe('application/zip');
    const files = Object.keys(unzipSync(new Uint8Array(zip.rawPayload)));
    expect(files.filter((n) => n.endsWith('.html'))).toHaveLength(2);
    expect(files.filter((n) => n.startsWith('images/'))).toHaveLength(3);
  });

  it('exports each in-article image after its heading, as the preview places it, even when an editor marks the heading up', async () => {
    const inline = (await get(`${S()}/image-prompts?contentId=${contentIds[0]}`)).items.filter(
      (p: { kind: string }) => p.kind === 'inline',
    );
    const heading = inline[0].placement as string;
    const [first, ...rest] = heading.split(' ');
    const marked = `<h2><strong>${first}</strong> ${rest.join(' ')}</h2>`;
    const body = (await get(`${S()}/contents/${contentIds[0]}`)).bodyHtml as string;
    const edit = await t.app.inject({
      method: 'PATCH',
      url: `${S()}/contents/${contentIds[0]}`,
      headers: bearer(f.editor),
      payload: { bodyHtml: body.replace(`<h2>${heading}</h2>`, marked) },
    });
    expect(edit.json().bodyHtml).toContain(marked);
    const exported = await t.app.inject({
      method: 'GET',
      url: `${S()}/contents/export?ids=${contentIds[0]}&format=html`,
      headers: bearer(f.viewer),
    });
    const html = strFromU8(
      Object.entries(unzipSync(new Uint8Array(exported.rawPayload))).find(([n]) => n.endsWith('.html'))![1],
    );
    expect(html).toContain(`${marked}\n<figure><img src="images/`);
    for (const p of inline.slice(1)) expect(html).toContain(`<h2>${p.placement}</h2>\n<figure>`);
  });

  it('saves edited HTML sanitised: no scripts, no event handlers, no javascript: links', async () => {
    const res = await t.app.inject({
      method: 'PATCH',
      url: `${S()}/contents/${contentIds[1]}`,
      headers: bearer(f.editor),
      payload: {
        bodyHtml:
          '<h1>Big</h1><p onclick="steal()">Hi <a href="javascript:alert(1)">x</a><script>alert(1)</script></p><img src=x onerror="alert(1)"><table><tr><td>ok</td></tr></table>',
        metaTitle: 'Short title',
        status: 'review',
      },
    });
    expect(res.statusCode).toBe(200);
    const html = res.json().bodyHtml as string;
    expect(html).not.toMatch(/script|onclick|onerror|javascript:/i);
    expect(html).toContain('<h2>Big</h2>');
    expect(html).toContain('<td>ok</td>');
    expect(res.json()).toMatchObject({ status: 'review', metaTitle: 'Short title' });
    const long = await t.app.inject({
      method: 'PATCH',
      url: `${S()}/contents/${contentIds[1]}`,
      headers: bearer(f.editor),
      payload: { metaTitle: 'x'.repeat(61) },
    });
    expect(long.statusCode).toBe(400);
    expect(long.json().error.details[0].path).toBe('body.metaTitle');
  });
});

const sections = ['Beans', 'Grind', 'Steeping time', 'Storage']
  .map(
    (h) =>
      `<h3>${h}</h3><p>${`${h} matters for cold brew: here is what to do and why it works. `.repeat(15).trim()}</p>`,
  )
  .join('');

describe('through the providers (mock OpenAI server)', () => {
  it('sanitises model-written HTML before saving it', async () => {
    await useMock('text', {
      provider: 'openai_compatible',
      baseUrl: mock.url,
      apiKey: 'sk-test',
      model: 'gpt-test',
      options: { outputMode: 'structured' },
    });
    mock.reset();
    mock.setAnswerLength({ ratio: 1 });
    // Every section comes back with a script, an event handler and an iframe.
    mock.onChat((req) =>
      JSON.stringify(req.response_format).includes('"article_section"')
        ? {
            html: `<p>Cold brew is easy.<script>alert(1)</script></p><h3 onmouseover="x()">Cold brew ratio</h3><p>Use 1:8.</p><iframe src="https://evil.example"></iframe>${sections}`,
          }
        : undefined,
    );
    const writerTaskId = (await get(`${S()}/writer/tasks`)).items[0].id;
    const res = await post(`${S()}/contents/generate`, { writerTaskIds: [writerTaskId] });
    expect((await pollTask(t.app, f.viewer, f.accountId, res.json().taskId)).run.status).toBe('succeeded');
    const contentId = (await get(`${S()}/writer/tasks`)).items[0].contentId;
    const c = await get(`${S()}/contents/${contentId}`);
    expect(c.source).toBe('ai');
    expect(c.bodyHtml).toContain(`<p>Cold brew is easy.</p><h3>Cold brew ratio</h3><p>Use 1:8.</p>`);
    expect(c.bodyHtml).not.toMatch(/script|iframe|onmouseover/);
    expect((await get(`${S()}/contents`)).total).toBe(2); // regenerated in place, not added
    mock.reset();
    await useOffline('text');
  });

  it('one image of five refused: the task ends partial, four stored, one failed with the reason; rewrite-and-retry fixes it', async () => {
    const contentId = (await get(`${S()}/contents`)).items[0].id;
    const prompts = await post(`${S()}/image-prompts/generate`, {
      contentIds: [contentId],
      wordsPerImage: 150,
      maxInline: 4,
    });
    await pollTask(t.app, f.viewer, f.accountId, prompts.json().taskId);
    expect((await get(`${S()}/image-prompts?contentId=${contentId}`)).total).toBe(5);
    await useMock('image', {
      provider: 'openai_compatible',
      baseUrl: mock.url,
      apiKey: 'sk-test',
      model: 'gpt-image-1',
    });
    mock.reset();
    mock.fail('images', 'content_policy', { times: 1 }); // the first (featured) image
    const gen = await post(`${S()}/images/generate`, { contentIds: [contentId] });
    const { run } = await pollTask(t.app, f.viewer, f.accountId, gen.json().taskId);
    expect(run.status).toBe('partial');
    expect(run.result).toMatchObject({ images: 4, failed: 1 });
    const imgs = (await get(`${S()}/images?contentId=${contentId}`)).items;
    expect(imgs.filter((i: { status: string }) => i.status === 'generated')).toHaveLength(4);
    const failed = imgs.find((i: { status: string }) => i.status === 'failed');
    expect(failed.error).toMatchObject({
      code: 'provider_content_policy',
      message: expect.stringMatching(/safety system/),
    });
    expect(failed.fileUrl).toBeNull();

    const regenerateOk = await post(
      `${S()}/images/${imgs.find((i: { status: string }) => i.status === 'generated').id}/rewrite-and-retry`,
      {},
    );
    expect(regenerateOk.statusCode).toBe(409);
    const retry = await post(`${S()}/images/${failed.id}/rewrite-and-retry`, {});
    expect(retry.statusCode).toBe(202);
    expect((await pollTask(t.app, f.viewer, f.accountId, retry.json().taskId)).run.status).toBe('succeeded');
    const fixed = (await get(`${S()}/images?contentId=${contentId}`)).items.find(
      (i: { id: string }) => i.id === failed.id,
    );
    expect(fixed.status).toBe('generated');
    expect(fixed.prompt).toMatch(/family-friendly/);
    await useOffline('image');
  });
});

describe('retry failed items', () => {
  const retry = (taskId: string, who = f.editor, key?: string) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/accounts/${f.accountId}/tasks/${taskId}/retry-failed`,
      headers: { ...bearer(who), ...(key ? { 'idempotency-key': key } : {}) },
    });

  it('starts a new run of the same kind with only the failed items, named for people; editors only, once per key', async () => {
    const contentId = (await get(`${S()}/contents`)).items[1].id;
    const prompts = await post(`${S()}/image-prompts/generate`, {
      contentIds: [contentId],
      wordsPerImage: 150,
      maxInline: 2,
    });
    await pollTask(t.app, f.viewer, f.accountId, prompts.json().taskId);
    await useMock('image', {
      provider: 'openai_compatible',
      baseUrl: mock.url,
      apiKey: 'sk-test',
      model: 'gpt-image-1',
    });
    mock.reset();
    mock.fail('images', 'content_policy', { times: 1 });
    const gen = await post(`${S()}/images/generate`, { contentIds: [contentId] });
    const { run } = await pollTask(t.app, f.viewer, f.accountId, gen.json().taskId);
    expect(run.status).toBe('partial');
    expect(run.itemErrors).toHaveLength(1);
    const failedPrompt = run.itemErrors[0]!.item;
    // Named as people know it, never by its id.
    expect(run.itemErrors[0]!.label).toMatch(/^(featured image|image after “.+”)$/);
    const imagesBefore = mock.requests.filter((r) => r.endpoint === 'images').length;

    expect((await retry(run.id, f.viewer)).statusCode).toBe(403);
    expect((await retry(run.id, f.outsider)).statusCode).toBe(404);
    const first = await retry(run.id, f.editor, 'retry-key-1');
    expect(first.statusCode).toBe(202);
    const again = await retry(run.id, f.editor, 'retry-key-1');
    expect(again.json().taskId).toBe(first.json().taskId);
    const { run: retried } = await pollTask(t.app, f.viewer, f.accountId, first.json().taskId);
    expect(retried).toMatchObject({ kind: 'images.generate', status: 'succeeded', title: 'Generate 1 image', siteId });
    expect(retried.result).toMatchObject({ images: 1 });
    // Only the failed image was asked for again.
    expect(mock.requests.filter((r) => r.endpoint === 'images').length - imagesBefore).toBe(1);
    const image = (await get(`${S()}/images?contentId=${contentId}`)).items.find(
      (i: { imagePromptId: string }) => i.imagePromptId === failedPrompt,
    );
    expect(image.status).toBe('generated');

    const nothing = await retry(retried.id);
    expect(nothing.statusCode).toBe(409);
    expect(nothing.json().error.code).toBe('conflict');
    await useOffline('image');
  });

  it('answers 409 for a run still going, and for a kind whose items are not ids', async () => {
    const tenant = makeTenantContext(f.accountId, f.editor.userId, 'editor');
    // Rows only (no job): they never run, and are ended at once after the check.
    const insert = (kind: string) =>
      insertTaskRun(t.database.db, tenant, {
        kind,
        title: kind,
        siteId,
        resultPath: null,
        input: { siteId },
        targets: [],
        idempotencyKey: null,
        requestHash: null,
        automationRunId: null,
        itemDelayMs: 0,
      });
    const clustering = await insert('clusters.auto');
    const ideasRun = await insert('ideas.generate');
    try {
      const notIds = await retry(clustering);
      expect(notIds.statusCode).toBe(409);
      expect(notIds.json().error.message).toMatch(/cannot retry/);
      const going = await retry(ideasRun);
      expect(going.statusCode).toBe(409);
      expect(going.json().error.message).toMatch(/still running/);
    } finally {
      for (const id of [clustering, ideasRun])
        await updateTaskRun(t.database.db, id, { status: 'cancelled', finishedAt: new Date() });
    }
  });
});

describe('sorted lists and select all matching', () => {
  it('sorts writer tasks and articles on the server by every sortable column; the older content sorts still work', async () => {
    for (const field of writerTaskSortFields) await expectServerSort((q) => get(`${S()}/writer/tasks?${q}`), field);
    for (const field of contentSortFields) await expectServerSort((q) => get(`${S()}/contents?${q}`), field);
    const newest = (await get(`${S()}/contents?sort=updatedAt&order=desc`)).items.map((c: { id: string }) => c.id);
    expect((await get(`${S()}/contents?sort=updated`)).items.map((c: { id: string }) => c.id)).toEqual(newest);
    expect(
      (await t.app.inject({ method: 'GET', url: `${S()}/writer/tasks?sort=error`, headers: bearer(f.viewer) }))
        .statusCode,
    ).toBe(400);
  });

  it('lists every matching writer task and article id, with the list filters', async () => {
    const done = await get(`${S()}/writer/tasks?status=done&limit=500`);
    const ids = await get(`${S()}/writer/tasks/ids?status=done`);
    expect(ids).toMatchObject({ total: done.total, truncated: false });
    expect(ids.ids.sort()).toEqual(done.items.map((w: { id: string }) => w.id).sort());
    const contents = await get(`${S()}/contents?limit=500`);
    expect((await get(`${S()}/contents/ids`)).ids.sort()).toEqual(
      contents.items.map((c: { id: string }) => c.id).sort(),
    );
    expect((await get(`${S()}/contents/ids?q=no-such-title-anywhere`)).ids).toEqual([]);
  });
});

describe('funnel', () => {
  it('counts the site’s writer tasks, content and images as the lists do', async () => {
    const funnel = await get(`${S()}/funnel`);
    expect(funnel).toMatchObject({
      ideas: 2,
      queued: (await get(`${S()}/writer/tasks`)).total,
      contents: (await get(`${S()}/contents`)).total,
      images: (await get(`${S()}/images?status=generated`)).total,
      failedImages: (await get(`${S()}/images?status=failed`)).total,
    });
    expect(funnel.images).toBeGreaterThan(0);
  });
});

describe('tenant isolation', () => {
  it('answers 404 to another account for writer tasks, content, image prompts, images and image files', async () => {
    const content = (await get(`${S()}/contents`)).items[0];
    const image = (await get(`${S()}/images?status=generated`)).items[0];
    const theirSite = await createSite(t.app, f.outsider, f.otherAccountId, 'Theirs');
    const theirs = `/api/v1/accounts/${f.otherAccountId}/sites/${theirSite}`;
    for (const url of [
      `${S()}/writer/tasks`,
      `${S()}/contents/${content.id}`,
      `${S()}/image-prompts`,
      image.fileUrl,
      `${theirs}/contents/${content.id}`,
      `${theirs}/images/${image.id}/file`,
      `${theirs}/contents/export?ids=${content.id}`,
    ]) {
      const res = await t.app.inject({ method: 'GET', url, headers: bearer(f.outsider) });
      expect(`${url} ${res.statusCode}`).toBe(`${url} 404`);
    }
    const queue = await t.app.inject({
      method: 'POST',
      url: `${theirs}/writer/tasks`,
      headers: bearer(f.outsider),
      payload: { ideaIds },
    });
    expect(queue.statusCode).toBe(404);
    const gen = await t.app.inject({
      method: 'POST',
      url: `${theirs}/images/generate`,
      headers: bearer(f.outsider),
      payload: { contentIds: [content.id] },
    });
    expect(gen.statusCode).toBe(404);
  });
});
