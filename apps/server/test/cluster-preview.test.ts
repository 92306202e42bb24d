import { randomUUID } from 'node:crypto';
import type { ClusterPreview } from '@igny8/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, tenantFixture, testApp, type Session, type TestApp } from './helpers/app';
import { createSite } from './helpers/planner';
import { fastRetry, pollTask } from './helpers/tasks';

let t: TestApp;
let f: Awaited<ReturnType<typeof tenantFixture>>;
let siteId: string;

const S = () => `/api/v1/accounts/${f.accountId}/sites/${siteId}`;
const call = (method: 'GET' | 'POST', url: string, who: Session, payload?: object) =>
  t.app.inject({ method, url, headers: bearer(who), ...(payload ? { payload } : {}) });
const preview = async (body: object = {}): Promise<ClusterPreview> => {
  const res = await call('POST', `${S()}/clusters/preview`, f.editor, body);
  if (res.statusCode !== 200) throw new Error(`preview: ${res.statusCode} ${res.body}`);
  return res.json();
};

// Eight garden topics, each asked about ten ways: broad or tight, a granularity decides.
const topics = ['tomato', 'rose', 'lawn', 'compost', 'orchid', 'basil', 'succulent', 'hydrangea'];
const asks = [
  'how to grow %',
  '% care',
  '% watering schedule',
  '% fertilizer',
  '% pests',
  '% pruning guide',
  'best % varieties',
  '% in pots',
  '% yellow leaves',
  'when to plant %',
];
const phrases = topics.flatMap((topic) => asks.map((a) => a.replace('%', topic)));

beforeAll(async () => {
  t = await testApp({}, { runtime: { worker: true, retryPolicy: fastRetry } });
  f = await tenantFixture(t.app);
  siteId = await createSite(t.app, f.editor, f.accountId, 'Garden Blog');
  const res = await call('POST', `${S()}/keywords`, f.editor, {
    keywords: phrases.map((phrase, i) => ({ phrase, volume: 5000 - i * 10 })),
  });
  expect(res.statusCode).toBe(201);
}, 300_000);
afterAll(async () => {
  await t.close();
});

describe('auto-cluster preview', () => {
  it('shows the clusters a run would make, writes nothing, and the run then saves exactly those', async () => {
    const shown = await preview({ granularity: 0.5 });
    expect(shown.keywords).toBe(phrases.length);
    expect(shown.granularity).toBe(0.5);
    // Offline: no embeddings, nothing to embed first.
    expect(shown).toMatchObject({ byMeaning: false, embeddingsPending: 0, withSerp: 0 });
    expect(shown.newClusters).toBeGreaterThan(1);
    expect(shown.clusters).toHaveLength(shown.newClusters);
    const listed = shown.clusters.reduce((n, c) => n + c.keywordCount, 0);
    expect(listed + shown.unclustered + shown.assignedToExisting).toBe(phrases.length);
    for (const c of shown.clusters) {
      expect(c.name).not.toBe('');
      expect(c.sample.length).toBe(Math.min(8, c.keywordCount));
    }
    // Largest first; each cluster's sample highest volume first.
    const sizes = shown.clusters.map((c) => c.keywordCount);
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
    // Nothing saved, nothing started.
    expect((await call('GET', `${S()}/clusters`, f.viewer)).json().total).toBe(0);
    const tasks = (await call('GET', `/api/v1/accounts/${f.accountId}/tasks?kind=clusters.auto`, f.viewer)).json();
    expect(tasks.total).toBe(0);

    // "Create": the run at the same granularity saves what the preview showed.
    const started = await call('POST', `${S()}/clusters/auto`, f.editor, { granularity: 0.5 });
    expect(started.statusCode).toBe(202);
    const { run } = await pollTask(t.app, f.viewer, f.accountId, started.json().taskId);
    expect(run.status).toBe('succeeded');
    const saved = (await call('GET', `${S()}/clusters?limit=500`, f.viewer)).json().items as {
      name: string;
      keywordCount: number;
    }[];
    const key = (cs: { name: string; keywordCount: number }[]) => cs.map((c) => `${c.name}:${c.keywordCount}`).sort();
    expect(key(saved)).toEqual(key(shown.clusters));

    // With everything clustered, a preview has nothing left to take.
    const after = await preview();
    expect(after).toMatchObject({ keywords: 0, newClusters: 0, clusters: [] });
  });

  it('a finer granularity gives more, smaller clusters than a broader one', async () => {
    const before = siteId;
    siteId = await createSite(t.app, f.editor, f.accountId, 'Second Garden');
    await call('POST', `${S()}/keywords`, f.editor, { keywords: phrases.map((phrase) => ({ phrase })) });
    const broad = await preview({ granularity: 0 });
    const fine = await preview({ granularity: 1 });
    siteId = before;
    expect(broad.keywords).toBe(phrases.length);
    const biggest = (p: ClusterPreview) => Math.max(0, ...p.clusters.map((c) => c.keywordCount));
    expect(fine.newClusters).toBeGreaterThan(broad.newClusters);
    expect(biggest(fine)).toBeLessThan(biggest(broad));
  });

  it('refuses viewers, other sites’ ids and sectors, bad granularity, and sets too large to preview', async () => {
    expect((await call('POST', `${S()}/clusters/preview`, f.viewer, {})).statusCode).toBe(403);
    const foreign = await call('POST', `${S()}/clusters/preview`, f.editor, { keywordIds: [randomUUID()] });
    expect(foreign.statusCode).toBe(404);
    const sector = await call('POST', `${S()}/clusters/preview`, f.editor, { sectorId: randomUUID() });
    expect(sector.statusCode).toBe(404);
    const bad = await call('POST', `${S()}/clusters/preview`, f.editor, { granularity: 2 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('validation_failed');
    const many = Array.from({ length: 20_001 }, () => randomUUID());
    const large = await call('POST', `${S()}/clusters/preview`, f.editor, { keywordIds: many });
    expect(large.statusCode).toBe(422);
    expect(large.json().error).toMatchObject({
      code: 'preview_too_large',
      details: { keywords: 20_001, max: 20_000 },
    });
  });

  it('computes two previews of an account at once; more at the same moment answer 429 preview_busy until one ends', async () => {
    const ids = (await call('GET', `${S()}/keywords?limit=500`, f.viewer))
      .json()
      .items.map((k: { id: string }) => k.id);
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => call('POST', `${S()}/clusters/preview`, f.editor, { keywordIds: ids })),
    );
    const statuses = answers.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(2);
    const busy = answers.filter((r) => r.statusCode === 429);
    expect(busy.length).toBeGreaterThanOrEqual(1);
    expect(statuses.every((s) => s === 200 || s === 429)).toBe(true);
    for (const r of busy) expect(r.json().error).toMatchObject({ code: 'preview_busy', message: /try again/ });
    // Every slot is given back, whatever the answer: later previews go through.
    for (let i = 0; i < 3; i++) expect((await preview({ keywordIds: ids })).keywords).toBe(ids.length);
  });
});
