import { startMockOpenAI, type MockOpenAI } from '@igny8/e2e/mock-openai';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountBilling, auditEvents, contents, ideas, writerTasks } from '../src/db/schema/index';
import { bearer, setPlatformProvider, tenantFixture, testApp, type Session, type TestApp } from './helpers/app';
import { createSite } from './helpers/planner';
import { fastRetry, pollTask } from './helpers/tasks';
import { defaultSectorId } from './helpers/sectors';

let t: TestApp;
let f: Awaited<ReturnType<typeof tenantFixture>>;
let siteId: string;
let mock: MockOpenAI;

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

const A = () => `/api/v1/accounts/${f.accountId}`;
const S = () => `${A()}/sites/${siteId}`;
const call = (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, who: Session, payload?: object) =>
  t.app.inject({ method, url, headers: bearer(who), ...(payload ? { payload } : {}) });

async function idea(title: string, keyword: string): Promise<string> {
  const [row] = await t.database.db
    .insert(ideas)
    .values({
      accountId: f.accountId,
      siteId,
      sectorId: await defaultSectorId(t.database.db, siteId),
      title,
      summary: 'A practical guide',
      contentType: 'how-to',
      outline: [
        { level: 2, text: 'What you need' },
        { level: 2, text: 'Step by step' },
      ],
      primaryKeyword: keyword,
      secondaryKeywords: ['coffee ratio'],
      targetWordCount: 1200,
      source: 'user',
    })
    .returning({ id: ideas.id });
  return row!.id;
}

async function writerTaskFor(ideaId: string): Promise<string> {
  const res = await call('POST', `${S()}/writer/tasks`, f.editor, { ideaIds: [ideaId] });
  expect(res.statusCode).toBe(201);
  return res.json().items[0].id;
}

/** The chat requests the mock received since the last reset, as system + user text. */
async function promptsSent(): Promise<string[]> {
  return mock.requests
    .filter((r) => r.endpoint === 'chat')
    .map((r) => ((r.body as { messages: { content: string }[] }).messages ?? []).map((m) => m.content).join('\n---\n'));
}

const useMock = () =>
  setPlatformProvider(t.app, f.operator, 'text', {
    provider: 'openai_compatible',
    baseUrl: mock.url,
    apiKey: 'sk-test',
    model: 'gpt-test',
    options: { outputMode: 'structured' },
  });
const useOffline = () => setPlatformProvider(t.app, f.operator, 'text', null);

/** The frame (title, meta, intro, conclusion) of the article whose task is titled `taskTitle`; its sections are the mock's answers. */
const queueArticle = (taskTitle: string, title: string) => {
  mock.setAnswerLength({ ratio: 1 });
  mock.queueChatReply(
    {
      title,
      metaTitle: title.slice(0, 55),
      metaDescription:
        'Cold brew at home in four steps: ratio, grind, steep and store. What to buy and what to skip, from a barista.',
      excerpt: 'Everything about cold brew at home in one page.',
      introHtml: '<p>Cold brew is easy.</p>',
      conclusionHtml: `<p>${'Use one part coffee to eight parts water and wait. '.repeat(10)}</p>`,
      faq: [],
    },
    1,
    `${taskTitle}\\" are written`,
  );
};

describe('prompt library', () => {
  it('lists every function with its default and variables; viewers read, editors may not edit', async () => {
    const list = await call('GET', `${A()}/prompts`, f.viewer);
    expect(list.statusCode).toBe(200);
    const article = list.json().items.find((p: { function: string }) => p.function === 'article');
    expect(article.source).toBe('default');
    expect(article.variables.map((v: { name: string }) => v.name)).toEqual(
      expect.arrayContaining(['keyword', 'cluster', 'outline', 'brand_voice', 'language', 'word_count']),
    );
    const denied = await call('PUT', `${A()}/prompts/article`, f.editor, {
      system: 'S {language}',
      prompt: 'P {keyword}',
    });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error.code).toBe('role_insufficient');
  });

  it('refuses an unknown variable with a 400 naming it; an unknown function is a 400', async () => {
    const res = await call('PUT', `${A()}/prompts/article`, f.admin, {
      system: 'Write in {language}.',
      prompt: 'About {keyword} for {audience_type}.',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'prompt_variable_unknown', details: { variable: 'audience_type' } });
    expect(res.json().error.message).toContain('{audience_type}');
    // A variable of another function is unknown here too ({headings} belongs to image prompts).
    const other = await call('PUT', `${A()}/prompts/article`, f.admin, { system: 'x', prompt: 'Under {headings}' });
    expect(other.json().error.details.variable).toBe('headings');
    // Braces that are not a variable name (JSON) are text.
    expect(
      (
        await call('PUT', `${A()}/prompts/cluster_description`, f.admin, {
          system: 'Answer as { "description": "…" }',
          prompt: 'Cluster {cluster}',
        })
      ).statusCode,
    ).toBe(200);
    expect((await call('DELETE', `${A()}/prompts/cluster_description`, f.admin)).statusCode).toBe(200);
    expect((await call('GET', `${A()}/prompts/nonsense`, f.viewer)).statusCode).toBe(400);
  });

  it('previews on sample data (with a chosen voice), without saving', async () => {
    const res = await call('POST', `${A()}/prompts/article/preview`, f.viewer, {
      prompt: 'Title: {title}; keyword: {keyword}; words: {word_count}',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().prompt).toBe('Title: How to make cold brew at home; keyword: cold brew; words: 350');
    expect(res.json().system).toContain('"en"');
    expect(
      (await call('POST', `${A()}/prompts/article/preview`, f.viewer, { prompt: '{nope}' })).json().error.code,
    ).toBe('prompt_variable_unknown');
    expect((await call('GET', `${A()}/prompts/article`, f.viewer)).json().source).toBe('default');
  });

  it('resolves writer task → idea → account → default, keeps every version, resets to default', async () => {
    await useMock();
    mock.reset();
    const ideaId = await idea('How to make cold brew at home', 'cold brew');
    const writerTaskId = await writerTaskFor(ideaId);
    const write = async () => {
      queueArticle('How to make cold brew at home', 'How to make cold brew at home, simply');
      const before = (await promptsSent()).length;
      const res = await call('POST', `${S()}/contents/generate`, f.editor, { writerTaskIds: [writerTaskId] });
      expect(res.statusCode).toBe(202);
      expect((await pollTask(t.app, f.viewer, f.accountId, res.json().taskId)).run.status).toBe('succeeded');
      const sent = await promptsSent();
      // Written section by section: every section call carries the prompt in force, then the frame.
      const sections = sent.slice(before).filter((p) => !p.includes('" are written'));
      expect(sections.length).toBeGreaterThan(1);
      expect(sent.length).toBe(before + sections.length + 1);
      return sections.join('\n===\n');
    };

    expect(await write()).toContain('You are writing one section of the how-to guide "How to make cold brew at home"');

    const saved = await call('PUT', `${A()}/prompts/article`, f.admin, {
      system: 'ACCOUNT system in {language}',
      prompt: 'ACCOUNT prompt for {keyword}',
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ source: 'account', effective: { prompt: 'ACCOUNT prompt for {keyword}' } });
    expect(await write()).toContain('ACCOUNT prompt for cold brew');

    const ideaPrompt = `${S()}/ideas/${ideaId}/prompts/article`;
    expect((await call('PUT', ideaPrompt, f.editor, { system: 's', prompt: 'p' })).statusCode).toBe(403);
    expect(
      (
        await call('PUT', ideaPrompt, f.admin, { system: 'IDEA system', prompt: 'IDEA prompt, {word_count} words' })
      ).json().source,
    ).toBe('item');
    expect(await write()).toMatch(/IDEA prompt, \d+ words/);

    const taskPrompt = `${S()}/writer/tasks/${writerTaskId}/prompts/article`;
    expect(
      (await call('PUT', taskPrompt, f.admin, { system: 'TASK system', prompt: 'TASK prompt: {title}' })).statusCode,
    ).toBe(200);
    expect((await call('GET', taskPrompt, f.viewer)).json()).toMatchObject({
      source: 'item',
      override: { prompt: 'TASK prompt: {title}' },
    });
    expect(await write()).toContain('TASK prompt: How to make cold brew at home');

    // Resetting the task's override falls back to the idea's, then the account's, then the default.
    expect((await call('DELETE', taskPrompt, f.admin)).json().source).toBe('item');
    expect(await write()).toContain('IDEA prompt');
    expect((await call('DELETE', ideaPrompt, f.admin)).json().source).toBe('account');
    expect(await write()).toContain('ACCOUNT prompt');
    expect((await call('DELETE', `${A()}/prompts/article`, f.admin)).json()).toMatchObject({
      source: 'default',
      override: null,
    });
    expect(await write()).toContain('You are writing one section of the how-to guide');

    const versions = (await call('GET', `${A()}/prompts/article/versions`, f.viewer)).json().items;
    expect(versions.map((v: { version: number; prompt: string | null }) => [v.version, v.prompt])).toEqual([
      [2, null],
      [1, 'ACCOUNT prompt for {keyword}'],
    ]);
    expect((await call('GET', `${taskPrompt}/versions`, f.viewer)).json().items).toHaveLength(2);

    const logged = await t.database.db.select().from(auditEvents).where(eq(auditEvents.accountId, f.accountId));
    expect(logged.filter((e) => e.action === 'prompt.saved')).toHaveLength(3 + 1); // + the cluster_description save above
    expect(logged.filter((e) => e.action === 'prompt.reset').length).toBeGreaterThanOrEqual(3);
    await useOffline();
  });

  it('an idea or writer task of another site or account is a 404', async () => {
    const otherSite = await createSite(t.app, f.outsider, f.otherAccountId, 'Other');
    const theirs = await t.database.db
      .insert(ideas)
      .values({
        accountId: f.otherAccountId,
        siteId: otherSite,
        sectorId: await defaultSectorId(t.database.db, otherSite),
        title: 'Theirs',
        summary: 'x',
        contentType: 'article',
        outline: [],
        primaryKeyword: 'x',
        secondaryKeywords: [],
        targetWordCount: 800,
        source: 'user',
      })
      .returning({ id: ideas.id });
    const res = await call('PUT', `${S()}/ideas/${theirs[0]!.id}/prompts/article`, f.admin, {
      system: 's',
      prompt: 'p',
    });
    expect(res.statusCode).toBe(404);
  });
});

describe('brand voices', () => {
  let voiceId: string;

  it('admins create and edit voices; viewers read; editors may not create', async () => {
    const body = {
      name: 'Barista Bea',
      tone: 'warm, practical, a little nerdy',
      audience: 'home brewers upgrading from pods',
      pointOfView: 'first person plural (we)',
      dos: ['give exact ratios', 'say what we tested'],
      donts: ['no hype'],
      bannedWords: ['delve', 'game-changer'],
      samples: ['We weighed every dose. Twice. Here is what changed the cup, and what did not.'],
    };
    expect((await call('POST', `${A()}/brand-voices`, f.editor, body)).statusCode).toBe(403);
    const res = await call('POST', `${A()}/brand-voices`, f.admin, body);
    expect(res.statusCode).toBe(201);
    voiceId = res.json().id;
    expect(
      (await call('GET', `${A()}/brand-voices`, f.viewer)).json().items.map((v: { name: string }) => v.name),
    ).toEqual(['Barista Bea']);
    const patched = await call('PATCH', `${A()}/brand-voices/${voiceId}`, f.admin, {
      donts: ['no hype', 'no exclamation marks'],
    });
    expect(patched.json().donts).toEqual(['no hype', 'no exclamation marks']);
    expect((await call('GET', `${A()}/brand-voices/${voiceId}`, f.outsider)).statusCode).toBe(404);
  });

  it('learns a style guide from the samples in a task: offline, the profile as written; with the platform’s provider, its answer, charged once', async () => {
    const learn = async () => {
      const res = await call('POST', `${A()}/brand-voices/${voiceId}/learn`, f.admin);
      expect(res.statusCode).toBe(202);
      return (await pollTask(t.app, f.viewer, f.accountId, res.json().taskId)).run;
    };
    const voice = async () => (await call('GET', `${A()}/brand-voices/${voiceId}`, f.viewer)).json();
    const spent = async () =>
      (await call('GET', `${A()}/billing`, f.viewer)).json().spentByOperation as {
        operation: string;
        credits: number;
      }[];

    const estimate = async () =>
      (await call('POST', `${A()}/billing/estimate`, f.viewer, { kind: 'brand_voices.learn' })).json();
    expect(await estimate()).toMatchObject({ credits: 0, charged: false });
    const offline = await learn();
    expect(offline).toMatchObject({ status: 'succeeded', kind: 'brand_voices.learn', siteId: null });
    expect(offline.result).toMatchObject({ learned: 1, fromSamples: false });
    expect(await voice()).toMatchObject({ styleGuideSource: 'template' });
    expect((await voice()).styleGuide).toContain('Never use these words: delve, game-changer.');
    expect(await spent()).not.toContainEqual(expect.objectContaining({ operation: 'styleGuide' }));

    await useMock();
    mock.reset();
    mock.queueChatReply({ styleGuide: '- Short sentences.\n- Numbers over adjectives.\n- We, never I.' });
    // What the button's note says before the start: the same 5 credits the start holds.
    const before = await estimate();
    expect(before).toMatchObject({ credits: 5, charged: true });
    const learned = await learn();
    expect(learned.result).toMatchObject({ learned: 1, fromSamples: true });
    expect(await voice()).toMatchObject({
      styleGuideSource: 'ai',
      styleGuide: '- Short sentences.\n- Numbers over adjectives.\n- We, never I.',
    });
    expect((await promptsSent())[0]).toContain('We weighed every dose.');
    // The platform's keys wrote it: charged once, through the ledger; the hold is given back.
    expect(await spent()).toContainEqual({ operation: 'styleGuide', credits: 5 });
    expect((await call('GET', `${A()}/billing`, f.viewer)).json().reserved).toBe(0);

    // Without the credits it is refused before the provider is asked, and no run is made.
    await t.database.db
      .update(accountBilling)
      .set({ planCredits: 0, bonusCredits: 2 })
      .where(eq(accountBilling.accountId, f.accountId));
    mock.reset();
    const refused = await call('POST', `${A()}/brand-voices/${voiceId}/learn`, f.admin);
    expect(refused.statusCode).toBe(402);
    expect(refused.json().error).toMatchObject({ code: 'insufficient_credits', details: { needed: 5, available: 2 } });
    expect(await estimate()).toEqual({ credits: 5, charged: true, available: 2 });
    expect(await promptsSent()).toEqual([]);
    await t.database.db
      .update(accountBilling)
      .set({ planCredits: 1000 })
      .where(eq(accountBilling.accountId, f.accountId));
    await useOffline();
    expect((await call('POST', `${A()}/brand-voices/${voiceId}/learn`, f.editor)).statusCode).toBe(403);
  });

  it('two learns of one voice at once: one runs, the other is told which task already does', async () => {
    const twice = (await call('POST', `${A()}/brand-voices`, f.admin, { name: 'Learned twice', tone: 'dry' })).json()
      .id;
    const starts = await Promise.all([1, 2].map(() => call('POST', `${A()}/brand-voices/${twice}/learn`, f.admin)));
    expect(starts.map((r) => r.statusCode).sort()).toEqual([202, 409]);
    const [started, refused] = starts[0]!.statusCode === 202 ? starts : [starts[1]!, starts[0]!];
    expect(refused!.json().error).toMatchObject({
      code: 'task_already_running',
      details: { taskId: started!.json().taskId },
    });
    expect((await pollTask(t.app, f.viewer, f.accountId, started!.json().taskId)).run.status).toBe('succeeded');
    // Once it has ended, the voice can be learned again.
    const again = await call('POST', `${A()}/brand-voices/${twice}/learn`, f.admin);
    expect(again.statusCode).toBe(202);
    await pollTask(t.app, f.viewer, f.accountId, again.json().taskId);
    expect((await call('DELETE', `${A()}/brand-voices/${twice}`, f.admin)).statusCode).toBe(204);
  });

  it('a site writes in its voice; a writer task may pick another; the prompt carries it and the article shows it', async () => {
    const other = await call('POST', `${A()}/brand-voices`, f.admin, {
      name: 'Doctor Drip',
      tone: 'clinical',
      bannedWords: ['yummy'],
    });
    const otherId = other.json().id;
    // Another account's voice cannot be chosen.
    const theirs = await call('POST', `/api/v1/accounts/${f.otherAccountId}/brand-voices`, f.outsider, {
      name: 'Theirs',
    });
    const refused = await call('PUT', `${S()}/brand-voice`, f.admin, { brandVoiceId: theirs.json().id });
    expect(refused.statusCode).toBe(404);
    expect(refused.json().error.code).toBe('not_found');
    expect((await call('PUT', `${S()}/brand-voice`, f.editor, { brandVoiceId: voiceId })).statusCode).toBe(403);
    expect((await call('PUT', `${S()}/brand-voice`, f.admin, { brandVoiceId: voiceId })).json().brandVoiceId).toBe(
      voiceId,
    );

    await useMock();
    mock.reset();
    const first = await writerTaskFor(await idea('The best grinder for cold brew', 'cold brew grinder'));
    const second = await writerTaskFor(await idea('Cold brew ratio explained', 'cold brew ratio'));
    expect(
      (await call('PUT', `${S()}/writer/tasks/${second}/brand-voice`, f.viewer, { brandVoiceId: otherId })).statusCode,
    ).toBe(403);
    expect(
      (await call('PUT', `${S()}/writer/tasks/${second}/brand-voice`, f.editor, { brandVoiceId: otherId })).statusCode,
    ).toBe(200);
    queueArticle('The best grinder for cold brew', 'The best grinder for cold brew, tested');
    queueArticle('Cold brew ratio explained', 'Cold brew ratio explained, with numbers');
    const res = await call('POST', `${S()}/contents/generate`, f.editor, { writerTaskIds: [first, second] });
    expect((await pollTask(t.app, f.viewer, f.accountId, res.json().taskId)).run.status).toBe('succeeded');

    const sent = await promptsSent();
    const forFirst = sent.find((p) => p.includes('The best grinder for cold brew'))!;
    const forSecond = sent.find((p) => p.includes('Cold brew ratio explained'))!;
    // Every part (each section and the frame: intro, conclusion, meta) is written in the voice.
    const allFirst = sent.filter((p) => p.includes('The best grinder for cold brew'));
    expect(allFirst.length).toBeGreaterThan(2);
    expect(allFirst.some((p) => p.includes('" are written'))).toBe(true);
    for (const p of allFirst) expect(p).toContain('Write as “Barista Bea”.');
    for (const p of sent.filter((p) => p.includes('Cold brew ratio explained')))
      expect(p).toContain('Write as “Doctor Drip”.');
    expect(forFirst).toContain('Write as “Barista Bea”.');
    expect(forFirst).toContain('Never use these words: delve, game-changer.');
    expect(forFirst).toContain('Numbers over adjectives.'); // the learned style guide
    expect(forSecond).toContain('Write as “Doctor Drip”.');
    expect(forSecond).not.toContain('Barista Bea');

    const tasks = (await call('GET', `${S()}/writer/tasks`, f.viewer)).json().items as {
      id: string;
      contentId: string;
      brandVoiceId: string | null;
    }[];
    const article = (
      await call('GET', `${S()}/contents/${tasks.find((w) => w.id === first)!.contentId}`, f.viewer)
    ).json();
    expect(article.brandVoice).toEqual({ id: voiceId, name: 'Barista Bea' });
    expect(tasks.find((w) => w.id === second)!.brandVoiceId).toBe(otherId);
    await useOffline();
  });

  it('deleting a voice leaves sites and articles without one; changes are in the audit log', async () => {
    const v = await call('POST', `${A()}/brand-voices`, f.admin, { name: 'Short-lived' });
    expect((await call('DELETE', `${A()}/brand-voices/${v.json().id}`, f.admin)).statusCode).toBe(204);
    expect((await call('GET', `${A()}/brand-voices/${v.json().id}`, f.viewer)).statusCode).toBe(404);
    const actions = (await t.database.db.select().from(auditEvents).where(eq(auditEvents.accountId, f.accountId))).map(
      (e) => e.action,
    );
    expect(actions).toEqual(
      expect.arrayContaining(['brand_voice.created', 'brand_voice.updated', 'brand_voice.deleted']),
    );
  });
});

describe('internal links', () => {
  let linkSite: string;
  const ids: Record<string, string> = {};
  const L = () => `${A()}/sites/${linkSite}`;

  beforeAll(async () => {
    linkSite = await createSite(t.app, f.editor, f.accountId, 'Links');
    const db = t.database.db;
    const fixture = [
      // source: mentions "cold brew ratio" and "french press", and links nowhere yet
      {
        key: 'guide',
        title: 'Cold brew: the complete guide',
        keyword: 'cold brew',
        secondary: ['cold brew ratio', 'cold brew concentrate'],
        body: '<h2>Cold brew ratio</h2><p>The Cold Brew Ratio decides strength. A French press works as a steeping jar.</p><p>Store cold brew concentrate in the fridge.</p>',
      },
      {
        key: 'ratio',
        title: 'Cold brew ratio explained',
        keyword: 'cold brew ratio',
        secondary: ['coffee to water ratio'],
        body: '<p>One to eight. See <a href="https://coffee.example/cold-brew-the-complete-guide/">the guide</a>.</p>',
      },
      {
        key: 'press',
        title: 'How to use a French press',
        keyword: 'french press',
        secondary: ['press pot'],
        body: '<p>Coarse grind, four minutes.</p>',
      },
      {
        key: 'unrelated',
        title: 'Espresso machines under 500',
        keyword: 'espresso machine',
        secondary: [],
        body: '<p>Pressure and boilers.</p>',
      },
    ];
    for (const a of fixture) {
      const [w] = await db
        .insert(writerTasks)
        .values({
          accountId: f.accountId,
          siteId: linkSite,
          sectorId: await defaultSectorId(db, linkSite),
          title: a.title,
          primaryKeyword: a.keyword,
          secondaryKeywords: a.secondary,
          outline: [],
          targetWordCount: 800,
          contentType: 'article',
        })
        .returning({ id: writerTasks.id });
      const slug = a.title
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '');
      const [c] = await db
        .insert(contents)
        .values({
          accountId: f.accountId,
          siteId: linkSite,
          sectorId: await defaultSectorId(db, linkSite),
          writerTaskId: w!.id,
          title: a.title,
          slug,
          bodyHtml: a.body,
          metaTitle: a.title,
          metaDescription: a.title,
          excerpt: a.title,
          wordCount: 20,
          primaryKeyword: a.keyword,
          source: 'user',
        })
        .returning({ id: contents.id });
      ids[a.key] = c!.id;
    }
  });

  it('suggests the site’s other articles with anchors found in the body, best first, never itself', async () => {
    const res = await call('GET', `${L()}/contents/${ids.guide}/links`, f.viewer);
    expect(res.statusCode).toBe(200);
    const items = res.json().items as {
      targetContentId: string;
      anchor: string;
      href: string;
      score: number;
      linked: boolean;
    }[];
    expect(items.map((i) => i.targetContentId)).toEqual([ids.ratio, ids.press]);
    expect(items[0]).toMatchObject({
      anchor: 'Cold Brew Ratio',
      href: 'https://coffee.example/cold-brew-ratio-explained/',
      linked: false,
    });
    expect(items[1]).toMatchObject({ anchor: 'French press' });
    expect(items.some((i) => i.targetContentId === ids.guide)).toBe(false);
    // The ratio article mentions none of the others' keywords; its one link (to the guide) shows as linked.
    expect((await call('GET', `${L()}/contents/${ids.ratio}/links`, f.viewer)).json().items).toEqual([
      expect.objectContaining({ targetContentId: ids.guide, anchor: 'the guide', linked: true }),
    ]);
  });

  it('reports articles no other article links to', async () => {
    const res = await call('GET', `${L()}/links/orphans`, f.viewer);
    expect(res.json()).toMatchObject({ articles: 4, total: 3 });
    expect(
      res
        .json()
        .items.map((i: { contentId: string }) => i.contentId)
        .sort(),
    ).toEqual([ids.ratio, ids.press, ids.unrelated].sort());
  });

  it('accepting inserts the link at the anchor (not in the heading); rejecting hides a suggestion; viewers may do neither', async () => {
    expect(
      (await call('POST', `${L()}/contents/${ids.guide}/links/accept`, f.viewer, { targetContentId: ids.ratio }))
        .statusCode,
    ).toBe(403);
    const res = await call('POST', `${L()}/contents/${ids.guide}/links/accept`, f.editor, {
      targetContentId: ids.ratio,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().bodyHtml).toBe(
      '<h2>Cold brew ratio</h2><p>The <a href="https://coffee.example/cold-brew-ratio-explained/">Cold Brew Ratio</a> decides strength. A French press works as a steeping jar.</p><p>Store cold brew concentrate in the fridge.</p>',
    );
    const stored = (await call('GET', `${L()}/contents/${ids.guide}`, f.viewer)).json();
    expect(stored.bodyHtml).toBe(res.json().bodyHtml);
    const after = (await call('GET', `${L()}/contents/${ids.guide}/links`, f.viewer)).json().items;
    expect(after.find((i: { targetContentId: string }) => i.targetContentId === ids.ratio).linked).toBe(true);

    expect(
      (await call('POST', `${L()}/contents/${ids.guide}/links/accept`, f.editor, { targetContentId: ids.guide }))
        .statusCode,
    ).toBe(400);
    expect(
      (await call('POST', `${L()}/contents/${ids.guide}/links/reject`, f.editor, { targetContentId: ids.press }))
        .statusCode,
    ).toBe(204);
    expect(
      (await call('GET', `${L()}/contents/${ids.guide}/links`, f.viewer))
        .json()
        .items.map((i: { targetContentId: string }) => i.targetContentId),
    ).toEqual([ids.ratio]);
    expect((await call('GET', `${L()}/links/orphans`, f.viewer)).json().total).toBe(2);
  });

  it('inserts the best N automatically, skipping what is linked or rejected', async () => {
    // The press article now mentions the ratio and the guide's keyword.
    await t.database.db
      .update(contents)
      .set({ bodyHtml: '<p>Use the cold brew ratio from our guide, or make cold brew in a press pot.</p>' })
      .where(eq(contents.id, ids.press!));
    const res = await call('POST', `${L()}/contents/${ids.press}/links/auto`, f.editor, { count: 1 });
    expect(res.statusCode).toBe(200);
    expect(res.json().inserted).toHaveLength(1);
    const again = await call('POST', `${L()}/contents/${ids.press}/links/auto`, f.editor, { count: 5 });
    expect(again.json().inserted).toHaveLength(1);
    expect(again.json().bodyHtml.match(/<a /g)).toHaveLength(2);
    expect(
      (await call('POST', `${L()}/contents/${ids.press}/links/auto`, f.editor, { count: 5 })).json().inserted,
    ).toEqual([]);
    expect((await call('GET', `${L()}/contents/${ids.unrelated}/links`, f.outsider)).statusCode).toBe(404);
  });
});
