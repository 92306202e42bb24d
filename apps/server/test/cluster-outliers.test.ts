import { startMockOpenAI, type MockOpenAI } from '@igny8/e2e/mock-openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, setPlatformProvider, tenantFixture, testApp, type TestApp } from './helpers/app';
import { fastRetry, pollTask } from './helpers/tasks';

/** With a text provider, naming a cluster also flags its keywords that do not belong, and where they go instead. */
let t: TestApp;
let f: Awaited<ReturnType<typeof tenantFixture>>;
let mock: MockOpenAI;
let S = '';
beforeAll(async () => {
  mock = await startMockOpenAI();
  t = await testApp({}, { runtime: { worker: true, retryPolicy: fastRetry } });
  f = await tenantFixture(t.app);
  const site = await t.app.inject({
    method: 'POST',
    url: `/api/v1/accounts/${f.accountId}/sites`,
    headers: bearer(f.editor),
    payload: { name: 'Garden', url: 'https://garden.example', language: 'en' },
  });
  S = `/api/v1/accounts/${f.accountId}/sites/${site.json().id}`;
});
afterAll(async () => {
  await t.close();
  await mock.close();
});

const get = async (url: string) => (await t.app.inject({ method: 'GET', url, headers: bearer(f.viewer) })).json();
const send = (method: 'POST' | 'DELETE', url: string, who = f.editor, payload?: object) =>
  t.app.inject({ method, url, headers: bearer(who), ...(payload ? { payload } : {}) });
type Named = { id: string; name: string };
const clusterNamed = async (pattern: RegExp): Promise<Named> =>
  ((await get(`${S}/clusters?limit=100`)).items as Named[]).find((c) => pattern.test(c.name))!;
const autoCluster = async () => {
  const start = await send('POST', `${S}/clusters/auto`, f.editor, {});
  expect(start.statusCode).toBe(202);
  return pollTask(t.app, f.viewer, f.accountId, start.json().taskId);
};
const addKeywords = (phrases: string[]) =>
  send('POST', `${S}/keywords`, f.editor, { keywords: phrases.map((phrase, i) => ({ phrase, volume: 1000 - i })) });

describe('keywords that do not belong', () => {
  it('are flagged by the LLM with a reason and a better cluster (existing or made by the same run); moving or keeping one answers it', async () => {
    // Offline: no flags, an existing cluster.
    await addKeywords(['lawn grub treatment', 'lawn grub control', 'lawn grubs', 'lawn grub damage']);
    const offline = await autoCluster();
    expect(offline.run.result).toMatchObject({ flaggedKeywords: 0 });
    const lawn = await clusterNamed(/lawn/i);
    expect((await get(`${S}/clusters/${lawn.id}/outliers`)).items).toEqual([]);

    await addKeywords([
      'tomato blight',
      'tomato blight treatment',
      'tomato blight spray',
      'tomato blight symptoms',
      'tomato blight photos',
      'rose black spot',
      'rose black spot treatment',
      'rose black spot spray',
      'rose black spot symptoms',
    ]);
    const listed: string[][] = [];
    mock.onChat((req) => {
      const prompt = req.messages.map((m) => (typeof m.content === 'string' ? m.content : '')).join('\n');
      if (!/Flag as outliers/.test(prompt)) return undefined;
      const others = (prompt.split('named exactly as listed here:\n')[1] ?? '')
        .split('\n')
        .map((l) => l.replace(/^- /, '').trim())
        .filter(Boolean);
      listed.push(others);
      // Its own keywords are listed with their volume: "- tomato blight (1000, informational)".
      const tomato = /- tomato blight \(/.test(prompt);
      return {
        name: tomato ? 'Tomato blight' : 'Rose black spot',
        description: 'Gardeners want to recognise the disease early and treat it without harming the plant.',
        outliers: tomato
          ? [
              {
                keyword: 'Tomato Blight Spray',
                reason: 'About spraying lawns, not tomatoes.',
                betterCluster: others.find((o) => /lawn/i.test(o)),
              },
              {
                keyword: 'tomato blight symptoms',
                reason: 'Symptoms belong with the rose disease pages.',
                betterCluster: others.find((o) => /rose/i.test(o)),
              },
              { keyword: 'tomato blight photos', reason: 'A picture search.', betterCluster: 'Garden photography' },
              { keyword: 'banana bread', reason: 'Not in this cluster at all.' },
            ]
          : [],
      };
    });
    await setPlatformProvider(t.app, f.operator, 'text', {
      provider: 'openai_compatible',
      baseUrl: mock.url,
      apiKey: 'sk-test',
      model: 'gpt-test',
      options: { outputMode: 'structured' },
    });
    let done;
    try {
      done = await autoCluster();
    } finally {
      await setPlatformProvider(t.app, f.operator, 'text', null);
      mock.reset();
    }
    expect(done.run.status).toBe('succeeded');
    expect(done.run.result).toMatchObject({ clustersCreated: 2, flaggedKeywords: 3 });
    // The model was shown the sector's other clusters: the existing one and the run's other new one.
    expect(listed.every((l) => l.includes(lawn.name) && l.length === 2)).toBe(true);

    const tomato = await clusterNamed(/^Tomato blight$/);
    const rose = await clusterNamed(/^Rose black spot$/);
    const flagged = (await get(`${S}/clusters/${tomato.id}/outliers`)).items as {
      keywordId: string;
      phrase: string;
      reason: string;
      proposedName: string | null;
      proposedCluster: Named | null;
    }[];
    expect(flagged.map((o) => [o.phrase, o.reason, o.proposedCluster?.name ?? null])).toEqual([
      ['tomato blight spray', 'About spraying lawns, not tomatoes.', lawn.name],
      ['tomato blight symptoms', 'Symptoms belong with the rose disease pages.', 'Rose black spot'],
      // A better cluster the model made up is not offered.
      ['tomato blight photos', 'A picture search.', null],
    ]);
    expect(flagged[2]!.proposedName).toBeNull();
    expect((await get(`${S}/clusters/${rose.id}/outliers`)).items).toEqual([]);

    // Moving a flagged keyword answers its flag.
    const spray = flagged[0]!;
    const moved = await send('POST', `${S}/keywords/bulk`, f.editor, {
      action: 'moveToCluster',
      keywordIds: [spray.keywordId],
      clusterId: spray.proposedCluster!.id,
    });
    expect(moved.statusCode).toBe(200);
    // "Keep it here": a viewer may not; an editor removes the flag, once.
    const symptoms = flagged[1]!;
    const keepUrl = `${S}/clusters/${tomato.id}/outliers/${symptoms.keywordId}`;
    expect((await send('DELETE', keepUrl, f.viewer)).statusCode).toBe(403);
    expect((await send('DELETE', keepUrl)).statusCode).toBe(204);
    const again = await send('DELETE', keepUrl);
    expect(again.statusCode).toBe(404);
    expect(again.json().error.code).toBe('not_found');
    expect(
      ((await get(`${S}/clusters/${tomato.id}/outliers`)).items as { phrase: string }[]).map((o) => o.phrase),
    ).toEqual(['tomato blight photos']);
    // The kept keyword is still in its cluster.
    const kept = (await get(`${S}/keywords?clusterId=${tomato.id}&limit=50`)).items as { phrase: string }[];
    expect(kept.map((k) => k.phrase)).toContain('tomato blight symptoms');
    expect(kept.map((k) => k.phrase)).not.toContain('tomato blight spray');
  });
});
