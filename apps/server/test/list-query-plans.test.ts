/**
 * Every list query the API issues uses an index at a realistic size: with tens of thousands of rows in
 * two tenants (ANALYZEd), the plan of each SELECT a list request sends has no sequential scan of a
 * tenant table. The SQL is the real one: captured from the connection pool while the request runs,
 * then EXPLAINed with its parameters. PostgreSQL only (the PGlite run skips it).
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, accountIdOf, setupPlatform, signup, testApp, type Session, type TestApp } from './helpers/app';
import { testBackend } from './helpers/db';
import { seedLists, seedOtherSites } from './helpers/list-seed';
import { createSite } from './helpers/planner';

/** The tables the lists read, filled here: a sequential scan of one of them reads every tenant's rows. */
const listTables = [
  'keywords',
  'clusters',
  'ideas',
  'writer_tasks',
  'contents',
  'images',
  'image_prompts',
  'task_runs',
];

type PlanNode = { 'Node Type': string; 'Relation Name'?: string; Plans?: PlanNode[] };
const seqScans = (n: PlanNode): string[] => [
  ...(n['Node Type'] === 'Seq Scan' && n['Relation Name'] && listTables.includes(n['Relation Name'])
    ? [n['Relation Name']]
    : []),
  ...(n.Plans ?? []).flatMap(seqScans),
];

/** Per site; the tested site is one of ten (nine in another account), as one tenant among many is. */
const size = {
  keywords: 5_000,
  clusters: 300,
  ideas: 500,
  writerTasks: 500,
  contents: 500,
  images: 500,
  taskRuns: 500,
};

describe.skipIf(testBackend() !== 'postgres')('list query plans at realistic size (PostgreSQL)', () => {
  let t: TestApp;
  let explain: pg.Client;
  let owner: Session;
  let A: string;
  let S: string;
  let clusterId: string;
  let taskId: string;
  const captured: { text: string; values?: unknown[] }[] = [];
  const poolQuery = pg.Pool.prototype.query;

  beforeAll(async () => {
    t = await testApp();
    await setupPlatform(t.app);
    owner = await signup(t.app, 'owner@a.test', 'Account A');
    const other = await signup(t.app, 'owner@b.test', 'Account B');
    A = `/api/v1/accounts/${accountIdOf(owner)}`;
    const siteId = await createSite(t.app, owner, accountIdOf(owner));
    S = `${A}/sites/${siteId}`;
    const otherSite = await createSite(t.app, other, accountIdOf(other));
    await seedOtherSites(t.database.executeSql, accountIdOf(other), 8, size);
    await seedLists(t.database.executeSql, accountIdOf(other), otherSite, size, 'b', { analyze: false });
    await seedLists(t.database.executeSql, accountIdOf(owner), siteId, size, 'a');
    const ids = (
      await t.database.executeSql(
        `select (select id from clusters where site_id = $1 limit 1) as c, (select id from task_runs where site_id = $1 limit 1) as r`,
        [siteId],
      )
    ).rows[0] as { c: string; r: string };
    clusterId = ids.c;
    taskId = ids.r;
    explain = new pg.Client({ connectionString: t.database.url });
    await explain.connect();
    // Records what the app sends through its pool (EXPLAIN runs on a client of its own, not recorded).
    pg.Pool.prototype.query = function (this: pg.Pool, ...args: unknown[]) {
      const [q, v] = args as [string | { text: string; values?: unknown[] }, unknown[] | undefined];
      captured.push(typeof q === 'string' ? { text: q, values: v } : { text: q.text, values: q.values ?? v });
      return (poolQuery as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof poolQuery;
  }, 120_000);

  afterAll(async () => {
    pg.Pool.prototype.query = poolQuery;
    await explain?.end();
    await t?.close();
  });

  /** The list's SELECTs on the list tables, each with the tables its plan scans sequentially. */
  async function plansOf(url: string): Promise<{ sql: string; seqScans: string[] }[]> {
    captured.length = 0;
    const res = await t.app.inject({ method: 'GET', url, headers: bearer(owner) });
    expect(res.statusCode, res.body).toBe(200);
    const selects = captured.filter(
      (q) =>
        /^\s*(select|with)\b/i.test(q.text) &&
        listTables.some((tb) => q.text.includes(`"${tb}"`) || q.text.includes(` ${tb} `)),
    );
    expect(selects.length, `no list query captured for ${url}`).toBeGreaterThan(0);
    return Promise.all(
      selects.map(async (q) => {
        const r = await explain.query(`explain (format json) ${q.text}`, q.values);
        const plan = (r.rows[0] as { 'QUERY PLAN': { Plan: PlanNode }[] })['QUERY PLAN'][0]!.Plan;
        return { sql: q.text, seqScans: seqScans(plan) };
      }),
    );
  }

  it('detects a sequential scan when a query has no index to use (the check can fail)', async () => {
    const r = await explain.query(`explain (format json) select * from keywords where phrase_norm like '%coffee'`);
    expect(seqScans((r.rows[0] as { 'QUERY PLAN': { Plan: PlanNode }[] })['QUERY PLAN'][0]!.Plan)).toEqual([
      'keywords',
    ]);
  });

  const lists: [string, () => string][] = [
    ['keywords, first page, default sort', () => `${S}/keywords`],
    ['keywords sorted by volume ascending, page 100', () => `${S}/keywords?sort=volume&order=asc&limit=50&offset=4950`],
    ['keywords by phrase, descending', () => `${S}/keywords?sort=phrase&order=desc`],
    ['keywords by difficulty', () => `${S}/keywords?sort=difficulty&order=desc`],
    ['keywords by CPC, ascending', () => `${S}/keywords?sort=cpc&order=asc`],
    ['keywords newest first', () => `${S}/keywords?sort=createdAt&order=desc`],
    ['keywords q=best', () => `${S}/keywords?q=best`],
    ['keywords volume range and intent', () => `${S}/keywords?volumeMin=1000&volumeMax=5000&intent=commercial`],
    ['keywords of one cluster', () => `${S}/keywords?clusterId=${clusterId}`],
    ['clusters, default sort', () => `${S}/clusters`],
    ['clusters by name, 500', () => `${S}/clusters?sort=name&limit=500`],
    ['cluster names, 500', () => `${S}/clusters/names?sort=name&order=asc&limit=500`],
    ['clusters q', () => `${S}/clusters?q=espresso`],
    ['ideas', () => `${S}/ideas`],
    ['ideas q', () => `${S}/ideas?q=grinder`],
    ['ideas of one cluster', () => `${S}/ideas?clusterId=${clusterId}`],
    ['writer tasks', () => `${S}/writer/tasks`],
    ['contents', () => `${S}/contents`],
    ['contents by score', () => `${S}/contents?sort=-score`],
    ['contents q', () => `${S}/contents?q=roast`],
    ['images', () => `${S}/images`],
    ['task runs', () => `${A}/tasks`],
    ['task progress', () => `${A}/tasks/${taskId}`],
  ];

  it.each(lists)('%s: no sequential scan of a list table', async (_name, url) => {
    const plans = await plansOf(url());
    expect(plans.filter((p) => p.seqScans.length > 0).map((p) => `${p.seqScans.join(', ')} in: ${p.sql}`)).toEqual([]);
  });
});
