import { startMockOpenAI, type MockOpenAI } from '@igny8/e2e/mock-openai';
import { ideaSortFields } from '@igny8/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, setPlatformProvider, tenantFixture, testApp, type TestApp } from './helpers/app';
import { addCoffeeKeywords, createSite } from './helpers/planner';
import { fastRetry, pollTask } from './helpers/tasks';
import { expectServerSort } from './helpers/sorting';

let t: TestApp;
let f: Awaited<ReturnType<typeof tenantFixture>>;
let siteId: string;
let mock: MockOpenAI;

beforeAll(async () => {
  mock = await startMockOpenAI();
  t = await testApp({}, { runtime: { worker: true, retryPolicy: fastRetry } });
  f = await tenantFixture(t.app);
  siteId = await createSite(t.app, f.editor, f.accountId);
  await addCoffeeKeywords(t.app, f.editor, f.accountId, siteId);
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

describe('auto-cluster (offline provider)', () => {
  it('clusters the unclustered keywords with template descriptions and metrics', async () => {
    const start = await post(`${S()}/clusters/auto`, {});
    expect(start.statusCode).toBe(202);
    const { run } = await pollTask(t.app, f.viewer, f.accountId, start.json().taskId);
    expect(run.status).toBe('succeeded');
    expect(run.debugInfo.provider_source).toEqual({ text: 'builtin' });
    expect(run.resultPath).toBe(`/a/${f.accountId}/sites/${siteId}/clusters`);
    const list = await get(`${S()}/clusters?sort=totalVolume`);
    expect(list.total).toBeGreaterThanOrEqual(2);
    const coldBrew = list.items.find((c: { name: string }) => /cold brew/.test(c.name));
    expect(coldBrew).toMatchObject({
      name: 'cold brew',
      descriptionSource: 'template',
      dominantIntent: 'informational',
    });
    expect(coldBrew.keywordCount).toBeGreaterThanOrEqual(3);
    expect(coldBrew.description).toMatch(/Template description/);
    const members = await get(`${S()}/keywords?clusterId=${coldBrew.id}`);
    expect(members.total).toBe(coldBrew.keywordCount);
    expect(coldBrew.totalVolume).toBe(members.items.reduce((s: number, k: { volume: number }) => s + k.volume, 0));
  });

  it('re-running adds new keywords to the clusters they fit instead of duplicating', async () => {
    const before = await get(`${S()}/clusters?limit=100`);
    await t.app.inject({
      method: 'POST',
      url: `${S()}/keywords`,
      headers: bearer(f.editor),
      payload: { keywords: [{ phrase: 'cold brew recipe easy', volume: 300 }] },
    });
    const start = await post(`${S()}/clusters/auto`, {});
    expect((await pollTask(t.app, f.viewer, f.accountId, start.json().taskId)).run.status).toBe('succeeded');
    const after = await get(`${S()}/clusters?limit=100`);
    expect(after.total).toBe(before.total);
    const kw = (await get(`${S()}/keywords?q=cold%20brew%20recipe%20easy`)).items[0];
    expect(kw.clusterName).toBe('cold brew');
  });

  it('renames, merges and deletes clusters; deleted clusters return their keywords to unclustered', async () => {
    const list = (await get(`${S()}/clusters?limit=100&sort=name&order=asc`)).items;
    const [a, b] = list;
    const renamed = await t.app.inject({
      method: 'PATCH',
      url: `${S()}/clusters/${a.id}`,
      headers: bearer(f.editor),
      payload: { name: 'Renamed topic' },
    });
    expect(renamed.json().name).toBe('Renamed topic');
    const merged = await post(`${S()}/clusters/${a.id}/merge`, { sourceClusterId: b.id });
    expect(merged.json().keywordCount).toBe(a.keywordCount + b.keywordCount);
    expect(
      (await t.app.inject({ method: 'GET', url: `${S()}/clusters/${b.id}`, headers: bearer(f.viewer) })).statusCode,
    ).toBe(404);
    const self = await post(`${S()}/clusters/${a.id}/merge`, { sourceClusterId: a.id });
    expect(self.statusCode).toBe(400);
    const unclusteredBefore = (await get(`${S()}/keywords?clustered=0`)).total;
    expect(
      (await t.app.inject({ method: 'DELETE', url: `${S()}/clusters/${a.id}`, headers: bearer(f.editor) })).statusCode,
    ).toBe(204);
    expect((await get(`${S()}/keywords?clustered=0`)).total).toBe(unclusteredBefore + merged.json().keywordCount);
  });
});

describe('ideas', () => {
  it('generates template ideas per cluster offline, with target keywords from the cluster', async () => {
    const start = await post(`${S()}/clusters/auto`, {});
    await pollTask(t.app, f.viewer, f.accountId, start.json().taskId);
    const clusters = (await get(`${S()}/clusters?limit=2`)).items;
    const res = await post(`${S()}/ideas/generate`, {
      clusterIds: clusters.map((c: { id: string }) => c.id),
      perCluster: 2,
    });
    expect(res.statusCode).toBe(202);
    const { run } = await pollTask(t.app, f.viewer, f.accountId, res.json().taskId);
    expect(run.status).toBe('succeeded');
    expect(run.result).toMatchObject({ ideasCreated: 4 });
    const ideas = (await get(`${S()}/ideas?clusterId=${clusters[0].id}`)).items;
    expect(ideas).toHaveLength(2);
    // Members by volume, highest first: the offline writer targets the top one and covers the next six.
    const members = (
      await get(`${S()}/keywords?clusterId=${clusters[0].id}&limit=100&sort=volume&order=desc`)
    ).items.map((k: { phrase: string }) => k.phrase);
    expect(members.length).toBeGreaterThanOrEqual(2);
    for (const idea of ideas) {
      expect(idea.source).toBe('template');
      expect(idea.primaryKeyword).toBe(members[0]);
      expect(idea.secondaryKeywords).toEqual(members.slice(1, 7));
      expect(idea.outline.length).toBeGreaterThanOrEqual(3);
      expect(idea.outline[0].level).toBe(2);
    }
  });

  it('generates AI ideas through the text provider, validated and pinned to cluster keywords', async () => {
    await setPlatformProvider(t.app, f.operator, 'text', {
      provider: 'openai_compatible',
      baseUrl: mock.url,
      apiKey: 'sk-test',
      model: 'gpt-test',
      options: { outputMode: 'structured' },
    });
    const cluster = (await get(`${S()}/clusters?q=cold%20brew&limit=1`)).items[0];
    mock.queueChatReply({
      ideas: [
        {
          title: 'Cold brew at home: the only guide you need',
          summary: 'For home baristas who want café-quality cold brew without gear.',
          contentType: 'how-to',
          outline: [
            { level: 2, text: 'Why cold brew' },
            { level: 2, text: 'Ratio' },
            { level: 3, text: 'Grind size' },
          ],
          primaryKeyword: 'not in the cluster',
          secondaryKeywords: ['COLD BREW RATIO', 'made up keyword'],
          targetWordCount: 1800,
        },
      ],
    });
    const res = await post(`${S()}/ideas/generate`, { clusterIds: [cluster.id], perCluster: 1 });
    const { run } = await pollTask(t.app, f.viewer, f.accountId, res.json().taskId);
    expect(run.status).toBe('succeeded');
    expect(run.debugInfo.provider_source).toEqual({ text: 'system' });
    const idea = (await get(`${S()}/ideas?q=only%20guide`)).items[0];
    expect(idea).toMatchObject({ source: 'ai', contentType: 'how-to', targetWordCount: 1800 });
    const members = (await get(`${S()}/keywords?clusterId=${cluster.id}&limit=100&sort=volume&order=desc`)).items.map(
      (k: { phrase: string }) => k.phrase,
    );
    expect(members).toContain('cold brew ratio');
    // The model's primary keyword is not in the cluster: the cluster's top keyword replaces it.
    expect(idea.primaryKeyword).toBe(members[0]);
    // 'COLD BREW RATIO' is kept in the cluster's spelling; the made-up keyword is dropped.
    expect(idea.secondaryKeywords).toEqual(['cold brew ratio']);
    await setPlatformProvider(t.app, f.operator, 'text', null);
  });

  it('sorts ideas on the server by every sortable column, refuses an unknown one, and lists every matching id', async () => {
    const list = (query: string) => get(`${S()}/ideas?${query}`);
    for (const field of ideaSortFields) await expectServerSort(list, field);
    const bad = await t.app.inject({ method: 'GET', url: `${S()}/ideas?sort=summary`, headers: bearer(f.viewer) });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('validation_failed');
    const all = await get(`${S()}/ideas?limit=500`);
    const matching = await get(`${S()}/ideas/ids?limit=1`);
    expect(matching).toMatchObject({ total: all.total, truncated: false });
    expect([...matching.ids].sort()).toEqual(all.items.map((i: { id: string }) => i.id).sort());
    const clusterId = all.items.find((i: { clusterId: string | null }) => i.clusterId).clusterId;
    const ofCluster = await get(`${S()}/ideas/ids?clusterId=${clusterId}`);
    expect(ofCluster.ids.length).toBeLessThan(all.total);
    expect(ofCluster.ids.sort()).toEqual(
      all.items
        .filter((i: { clusterId: string }) => i.clusterId === clusterId)
        .map((i: { id: string }) => i.id)
        .sort(),
    );
  });

  it('lists every matching keyword and cluster id for "select all matching"', async () => {
    const keywords = await get(`${S()}/keywords?q=cold&limit=500`);
    const keywordIds = await get(`${S()}/keywords/ids?q=cold`);
    expect(keywordIds.total).toBe(keywords.total);
    expect(keywordIds.ids.sort()).toEqual(keywords.items.map((k: { id: string }) => k.id).sort());
    const clusters = await get(`${S()}/clusters?limit=500`);
    expect((await get(`${S()}/clusters/ids`)).ids.sort()).toEqual(
      clusters.items.map((c: { id: string }) => c.id).sort(),
    );
  });

  it('lists clusters as names only for selects: the same page, order and total as the list', async () => {
    const query = '?sort=name&order=asc&limit=2&offset=1';
    const full = await get(`${S()}/clusters${query}`);
    const names = await get(`${S()}/clusters/names${query}`);
    expect(names.total).toBe(full.total);
    expect(names.items).toEqual(
      full.items.map((c: { id: string; name: string; sectorId: string }) => ({
        id: c.id,
        name: c.name,
        sectorId: c.sectorId,
      })),
    );
  });

  it('edits, sets status and deletes ideas; unknown clusters are refused before any task starts', async () => {
    const idea = (await get(`${S()}/ideas?limit=1`)).items[0];
    const edited = await t.app.inject({
      method: 'PATCH',
      url: `${S()}/ideas/${idea.id}`,
      headers: bearer(f.editor),
      payload: { title: 'A better title', status: 'queued' },
    });
    expect(edited.json()).toMatchObject({ title: 'A better title', status: 'queued' });
    expect(
      (await t.app.inject({ method: 'DELETE', url: `${S()}/ideas/${idea.id}`, headers: bearer(f.editor) })).statusCode,
    ).toBe(204);
    const bad = await post(`${S()}/ideas/generate`, { clusterIds: ['00000000-0000-4000-8000-000000000000'] });
    expect(bad.statusCode).toBe(404);
    expect(bad.json().error.details.clusterIds).toHaveLength(1);
  });
});

describe('moving keywords between clusters', () => {
  it("moves a keyword into another cluster of the same site; both clusters' counts and volumes follow", async () => {
    const clusters = (await get(`${S()}/clusters?limit=100`)).items as {
      id: string;
      keywordCount: number;
      totalVolume: number;
    }[];
    const from = clusters.find((c) => c.keywordCount >= 2)!;
    const to = clusters.find((c) => c.id !== from.id)!;
    expect(from).toBeDefined();
    expect(to).toBeDefined();
    const kw = (await get(`${S()}/keywords?clusterId=${from.id}&limit=1`)).items[0];
    const res = await post(`${S()}/keywords/bulk`, { action: 'moveToCluster', keywordIds: [kw.id], clusterId: to.id });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ affected: 1 });
    expect(await get(`${S()}/keywords/${kw.id}`)).toMatchObject({ clusterId: to.id });
    const fromAfter = await get(`${S()}/clusters/${from.id}`);
    const toAfter = await get(`${S()}/clusters/${to.id}`);
    expect(fromAfter).toMatchObject({ keywordCount: from.keywordCount - 1, totalVolume: from.totalVolume - kw.volume });
    expect(toAfter).toMatchObject({ keywordCount: to.keywordCount + 1, totalVolume: to.totalVolume + kw.volume });
    expect(
      (await get(`${S()}/keywords?clusterId=${to.id}&limit=100`)).items.map((k: { id: string }) => k.id),
    ).toContain(kw.id);
  });
});

describe('tenant isolation', () => {
  it('refuses another account merging or moving keywords into a cluster of account A: 404, A untouched', async () => {
    const theirSite = await createSite(t.app, f.outsider, f.otherAccountId, 'Theirs too');
    await addCoffeeKeywords(t.app, f.outsider, f.otherAccountId, theirSite);
    const theirs = `/api/v1/accounts/${f.otherAccountId}/sites/${theirSite}`;
    const start = await post(`${theirs}/clusters/auto`, {}, f.outsider);
    expect((await pollTask(t.app, f.outsider, f.otherAccountId, start.json().taskId)).run.status).toBe('succeeded');
    const theirCluster = (await get(`${theirs}/clusters?limit=1`, f.outsider)).items[0];
    const theirKeyword = (await get(`${theirs}/keywords?clusterId=${theirCluster.id}&limit=1`, f.outsider)).items[0];
    const aCluster = (await get(`${S()}/clusters?limit=1`)).items[0];
    const aBefore = await get(`${S()}/clusters/${aCluster.id}`);
    const aMembersBefore = (await get(`${S()}/keywords?clusterId=${aCluster.id}&limit=100`)).items;

    const merge = await post(
      `${theirs}/clusters/${theirCluster.id}/merge`,
      { sourceClusterId: aCluster.id },
      f.outsider,
    );
    expect(merge.statusCode).toBe(404);
    expect(merge.json().error.code).toBe('not_found');
    const move = await post(
      `${theirs}/keywords/bulk`,
      { action: 'moveToCluster', keywordIds: [theirKeyword.id], clusterId: aCluster.id },
      f.outsider,
    );
    expect(move.statusCode).toBe(404);
    expect(move.json().error.code).toBe('not_found');

    expect(await get(`${S()}/clusters/${aCluster.id}`)).toEqual(aBefore);
    expect((await get(`${S()}/keywords?clusterId=${aCluster.id}&limit=100`)).items).toEqual(aMembersBefore);
    expect(await get(`${theirs}/keywords/${theirKeyword.id}`, f.outsider)).toMatchObject({
      clusterId: theirCluster.id,
    });
    expect(await get(`${theirs}/clusters/${theirCluster.id}`, f.outsider)).toMatchObject({
      keywordCount: theirCluster.keywordCount,
    });
  });

  it('answers 404 to another account for clusters and ideas, by id and through their own account', async () => {
    const cluster = (await get(`${S()}/clusters?limit=1`)).items[0];
    const idea = (await get(`${S()}/ideas?limit=1`)).items[0];
    const theirSite = await createSite(t.app, f.outsider, f.otherAccountId, 'Theirs');
    for (const url of [
      `${S()}/clusters/${cluster.id}`,
      `${S()}/ideas/${idea.id}`,
      `/api/v1/accounts/${f.otherAccountId}/sites/${theirSite}/clusters/${cluster.id}`,
      `/api/v1/accounts/${f.otherAccountId}/sites/${theirSite}/ideas/${idea.id}`,
    ]) {
      const res = await t.app.inject({ method: 'GET', url, headers: bearer(f.outsider) });
      expect(`${url} ${res.statusCode}`).toBe(`${url} 404`);
    }
    const foreignGenerate = await t.app.inject({
      method: 'POST',
      url: `/api/v1/accounts/${f.otherAccountId}/sites/${theirSite}/ideas/generate`,
      headers: bearer(f.outsider),
      payload: { clusterIds: [cluster.id] },
    });
    expect(foreignGenerate.statusCode).toBe(404);
  });
});
