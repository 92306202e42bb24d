import { mkdtempSync, readFileSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { PGlite } from '@electric-sql/pglite';
import { btree_gin } from '@electric-sql/pglite/contrib/btree_gin';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationsDir } from '../src/db/paths';
import { bearer, tenantFixture, testApp, type Session, type TestApp } from './helpers/app';
import { addCoffeeKeywords, createSite } from './helpers/planner';
import { fastRetry, pollTask } from './helpers/tasks';

let t: TestApp;
let f: Awaited<ReturnType<typeof tenantFixture>>;

beforeAll(async () => {
  t = await testApp({}, { runtime: { worker: true, retryPolicy: fastRetry } });
  f = await tenantFixture(t.app);
}, 300_000);
afterAll(async () => {
  await t.close();
});

type Sector = { id: string; name: string; counts: Record<string, number> };
const S = (siteId: string) => `/api/v1/accounts/${f.accountId}/sites/${siteId}`;
const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, who: Session, payload?: object) =>
  t.app.inject({ method, url, headers: bearer(who), ...(payload ? { payload } : {}) });
const get = async (url: string, who = f.viewer) => {
  const res = await call('GET', url, who);
  if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
  return res.json();
};
const sectorsOf = async (siteId: string): Promise<Sector[]> => (await get(`${S(siteId)}/sectors`)).items;
async function addSector(siteId: string, name: string): Promise<string> {
  const res = await call('POST', `${S(siteId)}/sectors`, f.admin, { name });
  if (res.statusCode !== 201) throw new Error(`sector: ${res.statusCode} ${res.body}`);
  return res.json().id;
}
async function addKeywords(siteId: string, sectorId: string | undefined, phrases: string[]) {
  const res = await call('POST', `${S(siteId)}/keywords`, f.editor, {
    sectorId,
    keywords: phrases.map((phrase, i) => ({ phrase, volume: 1000 - i })),
  });
  if (res.statusCode !== 201) throw new Error(`keywords: ${res.statusCode} ${res.body}`);
}
async function runTask(url: string, payload: object) {
  const res = await call('POST', url, f.editor, payload);
  if (res.statusCode !== 202) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
  const { run } = await pollTask(t.app, f.viewer, f.accountId, res.json().taskId);
  expect(run.status).toBe('succeeded');
  return run;
}
const allKeywords = async (siteId: string, query = '') =>
  (await get(`${S(siteId)}/keywords?limit=500${query}`)).items as {
    id: string;
    phrase: string;
    sectorId: string;
    clusterId: string | null;
  }[];

describe('migration', () => {
  it('gives every existing site a "General" sector and puts every existing row into it', async () => {
    // The migrations before sectors, applied to an embedded database holding a site with data; then the rest.
    const dir = mkdtempSync(join(tmpdir(), 'igny8-sectors-'));
    cpSync(migrationsDir(), dir, { recursive: true });
    const journal = JSON.parse(readFileSync(join(dir, 'meta/_journal.json'), 'utf8')) as { entries: { tag: string }[] };
    const upTo = journal.entries.findIndex((e) => e.tag.endsWith('_sectors'));
    expect(upTo).toBeGreaterThan(0);
    writeFileSync(
      join(dir, 'meta/_journal.json'),
      JSON.stringify({ ...journal, entries: journal.entries.slice(0, upTo) }),
    );
    // The extensions the app's embedded database loads (the list migration creates trigram indexes).
    const client = new PGlite({ extensions: { pg_trgm, btree_gin } });
    try {
      const db = drizzle({ client });
      await migrate(db, { migrationsFolder: dir });
      await client.exec(`
        insert into accounts (id, name) values ('00000000-0000-4000-8000-000000000001', 'Old');
        insert into sites (id, account_id, name, url) values
          ('00000000-0000-4000-8000-000000000010', '00000000-0000-4000-8000-000000000001', 'Old blog', 'https://old.example'),
          ('00000000-0000-4000-8000-000000000011', '00000000-0000-4000-8000-000000000001', 'Empty blog', 'https://empty.example');
        insert into clusters (id, account_id, site_id, name) values
          ('00000000-0000-4000-8000-000000000020', '00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000010', 'cold brew');
        insert into keywords (account_id, site_id, phrase, phrase_norm, cluster_id) values
          ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000010', 'cold brew', 'cold brew', '00000000-0000-4000-8000-000000000020'),
          ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000010', 'latte art', 'latte art', null);
        insert into ideas (id, account_id, site_id, cluster_id, title, summary, content_type, outline, primary_keyword, secondary_keywords, target_word_count, source) values
          ('00000000-0000-4000-8000-000000000030', '00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000010', '00000000-0000-4000-8000-000000000020',
           'Cold brew', 's', 'article', '[]', 'cold brew', '[]', 800, 'user');
        insert into writer_tasks (id, account_id, site_id, idea_id, title, primary_keyword, secondary_keywords, outline, target_word_count, content_type) values
          ('00000000-0000-4000-8000-000000000040', '00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000010', '00000000-0000-4000-8000-000000000030',
           'Cold brew', 'cold brew', '[]', '[]', 800, 'article');
        insert into contents (account_id, site_id, writer_task_id, title, slug, body_html, meta_title, meta_description, excerpt, word_count, primary_keyword, source) values
          ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000010', '00000000-0000-4000-8000-000000000040',
           'Cold brew', 'cold-brew', '<p>x</p>', 'Cold brew', 'd', 'e', 1, 'cold brew', 'user');
      `);
      await migrate(db, { migrationsFolder: migrationsDir() });
      const sectors = (
        await client.query<{ id: string; site_id: string; name: string }>(
          'select id, site_id, name from sectors order by site_id',
        )
      ).rows;
      expect(sectors.map((s) => [s.site_id, s.name])).toEqual([
        ['00000000-0000-4000-8000-000000000010', 'General'],
        ['00000000-0000-4000-8000-000000000011', 'General'],
      ]);
      for (const table of ['keywords', 'clusters', 'ideas', 'writer_tasks', 'contents']) {
        const rows = (await client.query<{ sector_id: string | null }>(`select sector_id from ${table}`)).rows;
        expect(rows.length, table).toBeGreaterThan(0);
        expect(
          rows.every((r) => r.sector_id === sectors[0]!.id),
          table,
        ).toBe(true);
      }
      // NOT NULL from now on, and a row cannot point at another site's sector.
      await expect(
        client.exec(
          `insert into keywords (account_id, site_id, phrase, phrase_norm) values ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000010', 'x', 'x')`,
        ),
      ).rejects.toThrow(/null value/);
      await expect(
        client.exec(
          `insert into keywords (account_id, site_id, sector_id, phrase, phrase_norm) values ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000010', '${sectors[1]!.id}', 'y', 'y')`,
        ),
      ).rejects.toThrow(/foreign key/);
    } finally {
      await client.close();
    }
  }, 300_000);
});

describe('sector management', () => {
  let siteId: string;
  beforeAll(async () => {
    siteId = await createSite(t.app, f.editor, f.accountId, 'Sector Blog');
  });

  it('a new site has one sector, "General"; a site can be created with its own sectors', async () => {
    expect((await sectorsOf(siteId)).map((s) => s.name)).toEqual(['General']);
    const res = await call('POST', `/api/v1/accounts/${f.accountId}/sites`, f.editor, {
      name: 'Two',
      url: 'https://two.example',
      sectors: ['Coffee', 'Tea'],
    });
    expect(res.statusCode).toBe(201);
    expect((await sectorsOf(res.json().id)).map((s) => s.name)).toEqual(['Coffee', 'Tea']);
    const dup = await call('POST', `/api/v1/accounts/${f.accountId}/sites`, f.editor, {
      name: 'Dup',
      url: 'https://dup.example',
      sectors: ['Tea', 'tea'],
    });
    expect(dup.statusCode).toBe(400);
  });

  it('admins create, rename and delete; every member reads; editors and outsiders cannot manage', async () => {
    expect((await call('POST', `${S(siteId)}/sectors`, f.editor, { name: 'Gear' })).statusCode).toBe(403);
    expect((await call('GET', `${S(siteId)}/sectors`, f.outsider)).statusCode).toBe(404);
    const id = await addSector(siteId, 'Gear');
    expect((await get(`${S(siteId)}/sectors/${id}`)).name).toBe('Gear');
    const renamed = await call('PATCH', `${S(siteId)}/sectors/${id}`, f.admin, { name: 'Brewing gear' });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({ id, name: 'Brewing gear', counts: { keywords: 0, clusters: 0 } });
    expect((await call('PATCH', `${S(siteId)}/sectors/${id}`, f.editor, { name: 'X' })).statusCode).toBe(403);
    expect((await call('DELETE', `${S(siteId)}/sectors/${id}`, f.admin)).statusCode).toBe(204);
    expect((await sectorsOf(siteId)).map((s) => s.name)).toEqual(['General']);
  });

  it('refuses a sixth sector, a duplicate name, the last sector and a blank name, with machine codes', async () => {
    const dup = await call('POST', `${S(siteId)}/sectors`, f.admin, { name: '  general ' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('sector_name_taken');
    expect((await call('POST', `${S(siteId)}/sectors`, f.admin, { name: '   ' })).statusCode).toBe(400);
    const ids = [];
    for (const name of ['Beans', 'Gear', 'Tea', 'Milk']) ids.push(await addSector(siteId, name));
    const sixth = await call('POST', `${S(siteId)}/sectors`, f.admin, { name: 'Water' });
    expect(sixth.statusCode).toBe(409);
    expect(sixth.json().error).toMatchObject({ code: 'sector_limit_reached', details: { limit: 5 } });
    const rename = await call('PATCH', `${S(siteId)}/sectors/${ids[0]}`, f.admin, { name: 'GEAR' });
    expect(rename.statusCode).toBe(409);
    expect(rename.json().error.code).toBe('sector_name_taken');
    // Renaming to its own name in another case is not a clash.
    expect((await call('PATCH', `${S(siteId)}/sectors/${ids[0]}`, f.admin, { name: 'BEANS' })).statusCode).toBe(200);
    for (const id of ids) expect((await call('DELETE', `${S(siteId)}/sectors/${id}`, f.admin)).statusCode).toBe(204);
    const [last] = await sectorsOf(siteId);
    const res = await call('DELETE', `${S(siteId)}/sectors/${last!.id}`, f.admin);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('last_sector');
  });

  it('a sector holding keywords is deleted only by moving them to another sector of the site', async () => {
    const [general] = await sectorsOf(siteId);
    const beans = await addSector(siteId, 'Beans');
    await addKeywords(siteId, beans, ['arabica beans', 'robusta beans']);
    const refused = await call('DELETE', `${S(siteId)}/sectors/${beans}`, f.admin);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ code: 'sector_not_empty', details: { counts: { keywords: 2 } } });
    expect((await call('DELETE', `${S(siteId)}/sectors/${beans}?moveTo=${beans}`, f.admin)).statusCode).toBe(422);
    const otherSite = await createSite(t.app, f.editor, f.accountId, 'Elsewhere');
    const [foreign] = await sectorsOf(otherSite);
    expect((await call('DELETE', `${S(siteId)}/sectors/${beans}?moveTo=${foreign!.id}`, f.admin)).statusCode).toBe(404);
    expect((await call('DELETE', `${S(siteId)}/sectors/${beans}?moveTo=${general!.id}`, f.admin)).statusCode).toBe(204);
    const kws = await allKeywords(siteId, '&q=beans');
    expect(kws.map((k) => k.sectorId)).toEqual([general!.id, general!.id]);
    expect((await sectorsOf(siteId))[0]!.counts.keywords).toBeGreaterThanOrEqual(2);
  });
});

describe('sectors through the pipeline', () => {
  let siteId: string;
  let coffee: string;
  let tea: string;
  beforeAll(async () => {
    siteId = await createSite(t.app, f.editor, f.accountId, 'Drinks Blog');
    coffee = (await sectorsOf(siteId))[0]!.id;
    await call('PATCH', `${S(siteId)}/sectors/${coffee}`, f.admin, { name: 'Coffee' });
    tea = await addSector(siteId, 'Tea');
    // Without a sector named, keywords go into the site's first sector.
    await addCoffeeKeywords(t.app, f.editor, f.accountId, siteId);
    // The same topics in the other sector: clustering the site as a whole would put them together.
    await addKeywords(siteId, tea, [
      'how to make cold brew tea',
      'cold brew tea recipe',
      'cold brew tea ratio',
      'best tea kettle',
      'best tea kettles for home',
    ]);
  });

  it('the keyword list filters by sector, and an unknown sector is a 404 on writes', async () => {
    const all = await allKeywords(siteId);
    const inTea = await allKeywords(siteId, `&sectorId=${tea}`);
    const inCoffee = await allKeywords(siteId, `&sectorId=${coffee}`);
    expect(inTea.map((k) => k.phrase).sort()).toEqual([
      'best tea kettle',
      'best tea kettles for home',
      'cold brew tea ratio',
      'cold brew tea recipe',
      'how to make cold brew tea',
    ]);
    expect(inCoffee.length + inTea.length).toBe(all.length);
    expect(inCoffee.every((k) => k.sectorId === coffee)).toBe(true);
    const otherSite = await createSite(t.app, f.editor, f.accountId, 'Not this one');
    const [foreign] = await sectorsOf(otherSite);
    const res = await call('POST', `${S(siteId)}/keywords`, f.editor, {
      sectorId: foreign!.id,
      keywords: [{ phrase: 'x' }],
    });
    expect(res.statusCode).toBe(404);
    expect(await get(`${S(siteId)}/keywords?sectorId=not-a-uuid`).catch((e: Error) => e.message)).toMatch(/400/);
  });

  it('auto-cluster with a sector clusters only that sector', async () => {
    const run = await runTask(`${S(siteId)}/clusters/auto`, { sectorId: tea });
    expect(run.title).toContain('Tea');
    expect((await allKeywords(siteId, `&sectorId=${coffee}`)).every((k) => k.clusterId === null)).toBe(true);
    const teaClusters = (await get(`${S(siteId)}/clusters?sectorId=${tea}`)).items as {
      id: string;
      sectorId: string;
    }[];
    expect(teaClusters.length).toBeGreaterThan(0);
    expect((await get(`${S(siteId)}/clusters?sectorId=${coffee}`)).total).toBe(0);
  });

  it('auto-cluster of the whole site clusters each sector on its own: a cluster never mixes sectors', async () => {
    await runTask(`${S(siteId)}/clusters/auto`, {});
    const clusters = (await get(`${S(siteId)}/clusters?limit=100`)).items as {
      id: string;
      sectorId: string;
      name: string;
    }[];
    expect(clusters.some((c) => c.sectorId === coffee)).toBe(true);
    const kws = await allKeywords(siteId);
    for (const c of clusters) {
      const members = kws.filter((k) => k.clusterId === c.id);
      expect(members.length, c.name).toBeGreaterThan(0);
      expect(new Set(members.map((k) => k.sectorId)), c.name).toEqual(new Set([c.sectorId]));
    }
    // "cold brew tea …" (Tea) and "cold brew …" (Coffee) share a topic but not a cluster.
    const coldBrewTea = kws.find((k) => k.phrase === 'cold brew tea recipe')!;
    const coldBrew = kws.find((k) => k.phrase === 'cold brew recipe')!;
    expect(coldBrewTea.clusterId).not.toBeNull();
    expect(coldBrew.clusterId).not.toBeNull();
    expect(coldBrewTea.clusterId).not.toBe(coldBrew.clusterId);
    // Merging clusters of two sectors is refused.
    const a = clusters.find((c) => c.sectorId === coffee)!;
    const b = clusters.find((c) => c.sectorId === tea)!;
    const merge = await call('POST', `${S(siteId)}/clusters/${a.id}/merge`, f.editor, { sourceClusterId: b.id });
    expect(merge.statusCode).toBe(422);
    expect(merge.json().error.code).toBe('sector_mismatch');
  });

  it('ideas take their cluster’s sector, writer tasks their idea’s, articles their writer task’s; each list filters', async () => {
    const teaCluster = (await get(`${S(siteId)}/clusters?sectorId=${tea}`)).items[0] as { id: string };
    const coffeeCluster = (await get(`${S(siteId)}/clusters?sectorId=${coffee}`)).items[0] as { id: string };
    await runTask(`${S(siteId)}/ideas/generate`, { clusterIds: [teaCluster.id, coffeeCluster.id], perCluster: 1 });
    const teaIdeas = (await get(`${S(siteId)}/ideas?sectorId=${tea}`)).items as {
      id: string;
      sectorId: string;
      clusterId: string;
    }[];
    const coffeeIdeas = (await get(`${S(siteId)}/ideas?sectorId=${coffee}`)).items as {
      id: string;
      sectorId: string;
      clusterId: string;
    }[];
    expect(teaIdeas.map((i) => i.clusterId)).toEqual([teaCluster.id]);
    expect(coffeeIdeas.map((i) => i.clusterId)).toEqual([coffeeCluster.id]);

    const queued = await call('POST', `${S(siteId)}/writer/tasks`, f.editor, {
      ideaIds: [teaIdeas[0]!.id, coffeeIdeas[0]!.id],
    });
    expect(queued.statusCode).toBe(201);
    const teaTasks = (await get(`${S(siteId)}/writer/tasks?sectorId=${tea}`)).items as {
      id: string;
      sectorId: string;
      ideaId: string;
    }[];
    expect(teaTasks.map((w) => [w.ideaId, w.sectorId])).toEqual([[teaIdeas[0]!.id, tea]]);
    expect(
      (await get(`${S(siteId)}/writer/tasks?sectorId=${coffee}`)).items.map((w: { ideaId: string }) => w.ideaId),
    ).toEqual([coffeeIdeas[0]!.id]);

    await runTask(`${S(siteId)}/contents/generate`, { writerTaskIds: [teaTasks[0]!.id] });
    const teaContents = (await get(`${S(siteId)}/contents?sectorId=${tea}`)).items as {
      id: string;
      sectorId: string;
      writerTaskId: string;
    }[];
    expect(teaContents.map((c) => [c.writerTaskId, c.sectorId])).toEqual([[teaTasks[0]!.id, tea]]);
    expect((await get(`${S(siteId)}/contents?sectorId=${coffee}`)).total).toBe(0);
    expect((await get(`${S(siteId)}/contents/${teaContents[0]!.id}`)).sectorId).toBe(tea);

    const counts = Object.fromEntries((await sectorsOf(siteId)).map((s) => [s.id, s.counts]));
    expect(counts[tea]).toMatchObject({ ideas: 1, writerTasks: 1, contents: 1 });
    expect(counts[coffee]).toMatchObject({ ideas: 1, writerTasks: 1, contents: 0 });
  });

  it('keywords change sector in bulk and leave a cluster of their old sector; joining a cluster takes its sector', async () => {
    const kws = await allKeywords(siteId);
    const moving = kws.find((k) => k.phrase === 'cold brew ratio')!;
    expect(moving.clusterId).not.toBeNull();
    const moved = await call('POST', `${S(siteId)}/keywords/bulk`, f.editor, {
      action: 'moveToSector',
      keywordIds: [moving.id],
      sectorId: tea,
    });
    expect(moved.json()).toEqual({ affected: 1 });
    const after = (await get(`${S(siteId)}/keywords/${moving.id}`)) as { sectorId: string; clusterId: string | null };
    expect(after).toMatchObject({ sectorId: tea, clusterId: null });

    // Into a Coffee cluster: the keyword goes back to Coffee with it.
    const coffeeCluster = (await get(`${S(siteId)}/clusters?sectorId=${coffee}`)).items[0] as { id: string };
    await call('POST', `${S(siteId)}/keywords/bulk`, f.editor, {
      action: 'moveToCluster',
      keywordIds: [moving.id],
      clusterId: coffeeCluster.id,
    });
    expect(await get(`${S(siteId)}/keywords/${moving.id}`)).toMatchObject({
      sectorId: coffee,
      clusterId: coffeeCluster.id,
    });

    // One keyword by PATCH: a sector and a cluster of another sector together contradict.
    const clash = await call('PATCH', `${S(siteId)}/keywords/${moving.id}`, f.editor, {
      sectorId: tea,
      clusterId: coffeeCluster.id,
    });
    expect(clash.statusCode).toBe(422);
    expect(clash.json().error.code).toBe('sector_mismatch');
    const patched = await call('PATCH', `${S(siteId)}/keywords/${moving.id}`, f.editor, { sectorId: tea });
    expect(patched.json()).toMatchObject({ sectorId: tea, clusterId: null });
    const otherSite = await createSite(t.app, f.editor, f.accountId, 'Far away');
    const [foreign] = await sectorsOf(otherSite);
    expect(
      (
        await call('POST', `${S(siteId)}/keywords/bulk`, f.editor, {
          action: 'moveToSector',
          keywordIds: [moving.id],
          sectorId: foreign!.id,
        })
      ).statusCode,
    ).toBe(404);
  });

  it('a CSV import goes into the sector it names; a phrase the site already has keeps its sector', async () => {
    const csv = 'Keyword,Volume\nmatcha latte,900\noolong tea,300\ncold brew recipe,4500\n';
    const url = `${S(siteId)}/keywords/import?sectorId=${tea}`;
    const preview = await t.app.inject({
      method: 'POST',
      url: `${url}&dryRun=1`,
      headers: { ...bearer(f.editor), 'content-type': 'text/csv' },
      payload: csv,
    });
    expect(preview.statusCode).toBe(200);
    const res = await t.app.inject({
      method: 'POST',
      url,
      headers: { ...bearer(f.editor), 'content-type': 'text/csv' },
      payload: csv,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ created: 2, merged: 1 });
    const kws = await allKeywords(siteId);
    const sectorOf = (p: string) => kws.find((k) => k.phrase === p)!.sectorId;
    expect([sectorOf('matcha latte'), sectorOf('oolong tea'), sectorOf('cold brew recipe')]).toEqual([
      tea,
      tea,
      coffee,
    ]);
    const missing = await t.app.inject({
      method: 'POST',
      url: `${S(siteId)}/keywords/import?sectorId=00000000-0000-4000-8000-000000000000`,
      headers: { ...bearer(f.editor), 'content-type': 'text/csv' },
      payload: csv,
    });
    expect(missing.statusCode).toBe(404);
  });
});
