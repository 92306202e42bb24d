/**
 * Tenant isolation, route by route. Two accounts get real data through the whole
 * pipeline; then every account route from the route registry is called by each
 * account with its own ids (nothing of the other may appear in the answer: lists,
 * exports, item views, tasks), with the other account's ids in the path (404), in the
 * query and in the body (404 and nothing of the other account changes). Routes come
 * from the registry and their parameters from the OpenAPI document, so a new route is
 * covered without editing this file, and a route the test cannot fill fails it.
 */
import { randomUUID } from 'node:crypto';
import { unzipSync, strFromU8 } from 'fflate';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { makeTenantContext } from '../src/access/context';
import { bearer, setupPlatform, signup, accountIdOf, testApp, type TestApp } from './helpers/app';
import * as clusterRepo from '../src/modules/clusters/repo';
import { siteFunnel } from '../src/modules/dashboard/repo';
import * as ideaRepo from '../src/modules/ideas/repo';
import * as keywordRepo from '../src/modules/keywords/repo';
import * as imageRepo from '../src/modules/writer/images-repo';
import * as writerRepo from '../src/modules/writer/repo';
import { accountRows, identifiersOf, seedPipeline, uuidsIn, type Entity, type SeededAccount } from './helpers/pipeline';
import { fastRetry, pollTask } from './helpers/tasks';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  format?: string;
  pattern?: string;
  minimum?: number;
  minLength?: number;
  minItems?: number;
};
type Operation = {
  parameters?: { in: string; name: string; required?: boolean; schema?: JsonSchema }[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
};

/** Path parameters that name an account's rows, and the entity each names. */
const pathEntity: Record<string, Entity> = {
  siteId: 'site',
  sectorId: 'sector',
  keywordId: 'keyword',
  clusterId: 'cluster',
  ideaId: 'idea',
  writerTaskId: 'writerTask',
  contentId: 'content',
  imagePromptId: 'imagePrompt',
  imageId: 'image',
  taskId: 'task',
  userId: 'member',
  tokenId: 'apiToken',
  destinationId: 'destination',
  voiceId: 'brandVoice',
  runId: 'automationRun',
};
/** Path parameters that are not ids (the same words for every account). */
const pathWords: Record<string, string> = { capability: 'text', function: 'article' };
/** Query parameters that name an account's rows (`?moveTo=` of a sector delete), and the entity each names. */
const queryEntity: Record<string, Entity> = { moveTo: 'sector' };

/** `keywordIds`, `clusterId`, `sourceClusterId`, … → the entity (undefined: not an id field). */
function idField(name: string): Entity | undefined {
  if (queryEntity[name]) return queryEntity[name];
  if (name === 'ids' || !/Ids?$/.test(name)) return undefined;
  const base = name.replace(/^(source|target)/, '').replace(/Ids?$/, '');
  const word = base.charAt(0).toLowerCase() + base.slice(1);
  const entity = (word === 'user' ? 'member' : word) as Entity;
  return Object.values(pathEntity).includes(entity) ? entity : (`unknown:${name}` as Entity);
}

/**
 * Routes that accept foreign ids with a 2xx because they are documented to leave ids
 * outside the tenant's site untouched (the row check below still guards them).
 */
const ignoresForeignIds: Record<string, string> = {
  'POST /api/v1/accounts/:accountId/sites/:siteId/keywords/bulk':
    'bulk actions restrict ids to the site and report `affected` (keywords/repo.ts idsWhere)',
};

/** Task kinds whose input this test cannot forge, each with the reason. */
const unforgeableTasks: Record<string, string> = {};

/** Routes this test does not call, each with the reason. Keep it short. */
const skipped: Record<string, string> = {};

let t: TestApp;
let A: SeededAccount;
let B: SeededAccount;
let idsOf: Map<SeededAccount, string[]>;
let openapi: { paths: Record<string, Record<string, Operation>> };

beforeAll(async () => {
  t = await testApp({}, { runtime: { worker: true, retryPolicy: fastRetry } });
  await setupPlatform(t.app);
  const a = await signup(t.app, 'owner@alpha.test', 'Alpha zqalpha');
  const b = await signup(t.app, 'owner@bravo.test', 'Bravo zqbravo');
  A = await seedPipeline(t.app, a, accountIdOf(a), 'zqalpha');
  B = await seedPipeline(t.app, b, accountIdOf(b), 'zqbravo');
  // Ids both accounts hold are the platform's (the plan both are on), not either account's.
  const [ofA, ofB] = [await identifiersOf(t.database.db, A), await identifiersOf(t.database.db, B)];
  const shared = new Set(ofA.filter((id) => ofB.includes(id)));
  idsOf = new Map([
    [A, ofA.filter((id) => !shared.has(id))],
    [B, ofB.filter((id) => !shared.has(id))],
  ]);
  openapi = t.app.swagger() as unknown as typeof openapi;
}, 240_000);
afterAll(() => t?.close());

const other = (x: SeededAccount) => (x === A ? B : A);
const isAccountRoute = (url: string) =>
  url === '/api/v1/accounts/:accountId' || url.startsWith('/api/v1/accounts/:accountId/');
const accountRoutes = () =>
  t.app.routeRegistry.filter((r) => isAccountRoute(r.url) && !skipped[`${r.method} ${r.url}`]);
const keyOf = (r: { method: string; url: string }) => `${r.method} ${r.url}`;
const operation = (r: { method: string; url: string }): Operation | undefined =>
  openapi.paths[r.url.replace(/:(\w+)/g, '{$1}')]?.[r.method.toLowerCase()];
const pathParams = (url: string) => [...url.matchAll(/:(\w+)/g)].map((m) => m[1]!);

/** The URL with `own`'s ids, except `foreign` params taken from the other account. */
function fillPath(url: string, own: SeededAccount, foreign: string[] = []): string {
  return url.replace(/:(\w+)/g, (_, p: string) => {
    const from = foreign.includes(p) ? other(own) : own;
    if (p === 'accountId') return from.accountId;
    if (pathWords[p]) return pathWords[p];
    const entity = pathEntity[p];
    if (!entity) throw new Error(`${url}: no filler for path parameter :${p} (add it to pathEntity or pathWords)`);
    const id = from.ids[entity][0];
    if (!id) throw new Error(`${url}: the seeded account has no ${entity} for :${p}`);
    return id;
  });
}

/**
 * Query strings for a route: its required parameters filled with `own`'s rows, one per
 * enum value (and one per export `format`, so every export format is read).
 */
function queries(r: { method: string; url: string }, own: SeededAccount): string[] {
  const params = (operation(r)?.parameters ?? []).filter(
    (p) => p.in === 'query' && (p.required || (p.name === 'format' && p.schema?.enum)),
  );
  let out: string[][] = [[]];
  for (const p of params) {
    const s = p.schema ?? {};
    const values: string[][] = s.enum
      ? s.enum.map((v) => [`${p.name}=${String(v)}`])
      : p.name === 'ids'
        ? // ids of the collection the route is under (contents/export → contents); one id and several
          ((entity) => [[`ids=${own.ids[entity][0]}`], [`ids=${own.ids[entity].join(',')}`]])(collectionOf(r.url))
        : (() => {
            throw new Error(`${keyOf(r)}: no filler for required query parameter ${p.name}`);
          })();
    out = out.flatMap((q) => values.map((v) => [...q, ...v]));
  }
  return out.map((q) => (q.length ? `?${q.join('&')}` : ''));
}

function collectionOf(url: string): Entity {
  const seg =
    url
      .split('/')
      .filter((s) => s && !s.startsWith(':'))
      .slice(-2, -1)[0] ?? '';
  const map: Record<string, Entity> = {
    contents: 'content',
    keywords: 'keyword',
    ideas: 'idea',
    clusters: 'cluster',
    images: 'image',
    'image-prompts': 'imagePrompt',
  };
  const e = map[seg];
  if (!e) throw new Error(`${url}: cannot tell which rows \`ids\` names`);
  return e;
}

/** The response as text: JSON, CSV, Markdown and HTML as they are; zips entry by entry. */
function bodyText(res: LightMyRequestResponse): string {
  const type = String(res.headers['content-type'] ?? '');
  if (type.includes('zip')) {
    return Object.entries(unzipSync(new Uint8Array(res.rawPayload)))
      .map(([name, data]) => `${name}\n${name.endsWith('.png') ? '' : strFromU8(data)}`)
      .join('\n');
  }
  return res.rawPayload.toString('latin1');
}

/** The other account's identifiers in `text`, except those the caller sent itself (a 404 may name the ids it did not find). */
function leaks(text: string, of: SeededAccount, sent: unknown = ''): string[] {
  const lower = text.toLowerCase();
  const echoed = JSON.stringify(sent ?? '').toLowerCase();
  return idsOf.get(of)!.filter((v) => lower.includes(v) && !echoed.includes(v));
}

const inject = (who: SeededAccount, method: Method, url: string, payload?: unknown) =>
  t.app.inject({
    method,
    url,
    headers: bearer(who.session),
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });

describe('every GET route of an account, called by each account', () => {
  it('covers the account routes of the registry (including the pipeline, tasks and exports)', () => {
    const gets = accountRoutes()
      .filter((r) => r.method === 'GET')
      .map(keyOf);
    for (const must of [
      'keywords',
      'keywords/export',
      'clusters',
      'ideas',
      'writer/tasks',
      'contents',
      'contents/export',
      'image-prompts',
      'images',
    ]) {
      expect(gets).toContain(`GET /api/v1/accounts/:accountId/sites/:siteId/${must}`);
    }
    expect(gets).toContain('GET /api/v1/accounts/:accountId/tasks');
    expect(gets).toContain('GET /api/v1/accounts/:accountId/tasks/:taskId');
  });

  it('answers each account with its own rows and nothing that identifies the other account', async () => {
    const problems: string[] = [];
    let calls = 0;
    for (const r of accountRoutes().filter((r) => r.method === 'GET')) {
      for (const own of [A, B]) {
        for (const q of queries(r, own)) {
          const url = fillPath(r.url, own) + q;
          const res = await inject(own, 'GET', url);
          calls++;
          if (res.statusCode !== 200)
            problems.push(`${keyOf(r)} as ${own.marker}: ${res.statusCode} ${res.body.slice(0, 200)}`);
          const leaked = leaks(bodyText(res), other(own));
          if (leaked.length)
            problems.push(
              `${keyOf(r)} as ${own.marker}${q}: shows the other account's ${leaked.slice(0, 5).join(', ')}`,
            );
        }
      }
    }
    expect(problems).toEqual([]);
    expect(calls).toBeGreaterThanOrEqual(40);
  });

  it('the lists are not empty, so "nothing of the other account" is not trivially true', async () => {
    for (const own of [A, B]) {
      for (const [entity, ids] of Object.entries(own.ids))
        expect(ids.length, `${own.marker} ${entity}`).toBeGreaterThan(0);
      // The marker reached the texts the pipeline wrote, so a leaked title or phrase would be seen.
      const S = `/api/v1/accounts/${own.accountId}/sites/${own.ids.site[0]}`;
      for (const path of ['keywords', 'clusters', 'ideas', 'writer/tasks', 'contents']) {
        expect((await inject(own, 'GET', `${S}/${path}`)).body.toLowerCase(), path).toContain(own.marker);
      }
    }
  });

  it('answers 404 for every account route called with an id of the other account in the path', async () => {
    const problems: string[] = [];
    for (const r of accountRoutes().filter((r) => r.method === 'GET')) {
      for (const own of [A, B]) {
        for (const p of pathParams(r.url).filter((p) => !pathWords[p])) {
          const url = fillPath(r.url, own, [p]) + (queries(r, own)[0] ?? '');
          const res = await inject(own, 'GET', url);
          if (res.statusCode !== 404)
            problems.push(`${keyOf(r)} as ${own.marker} with the other's :${p}: ${res.statusCode}`);
          const leaked = leaks(bodyText(res), other(own), url);
          if (leaked.length)
            problems.push(`${keyOf(r)} as ${own.marker} with the other's :${p}: shows ${leaked.join(', ')}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('never shows the other account rows when its ids are given in the query (filters, export ids)', async () => {
    const problems: string[] = [];
    let checked = 0;
    for (const r of accountRoutes().filter((r) => r.method === 'GET')) {
      const params = (operation(r)?.parameters ?? []).filter(
        (p) => p.in === 'query' && (p.name === 'ids' || idField(p.name)),
      );
      for (const own of [A, B]) {
        for (const p of params) {
          const entity = p.name === 'ids' ? collectionOf(r.url) : idField(p.name)!;
          if (!(entity in other(own).ids)) throw new Error(`${keyOf(r)}: no filler for query parameter ${p.name}`);
          const foreign = other(own).ids[entity];
          const rest =
            queries(r, own)[0]
              ?.replace(/^\?/, '')
              .split('&')
              .filter((kv) => kv && !kv.startsWith(`${p.name}=`)) ?? [];
          const url = `${fillPath(r.url, own)}?${[...rest, ...(p.name === 'ids' ? [`ids=${foreign.join(',')}`] : [`${p.name}=${foreign[0]}`])].join('&')}`;
          const res = await inject(own, 'GET', url);
          checked++;
          if (res.statusCode >= 500 || res.statusCode === 400)
            problems.push(`${keyOf(r)} ${p.name}=<other's>: ${res.statusCode} ${res.body.slice(0, 200)}`);
          const leaked = leaks(bodyText(res), other(own), url);
          if (leaked.length)
            problems.push(`${keyOf(r)} ${p.name}=<other's> as ${own.marker}: shows ${leaked.slice(0, 5).join(', ')}`);
          if (res.statusCode === 200 && res.headers['content-type']?.toString().includes('json')) {
            const body = res.json() as { total?: number };
            if (body.total !== undefined && body.total !== 0)
              problems.push(`${keyOf(r)} ${p.name}=<other's>: total ${body.total}`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThanOrEqual(8); // export ids, and the clusterId/contentId filters, for both accounts
  });
});

/** A body for the route from its JSON schema, with id fields filled by `ids`; one body per union variant. */
type Sampled = { full: unknown; minimal: unknown };
function sampleBodies(schema: JsonSchema | undefined, ids: (entity: Entity) => string[], where: string): Sampled[] {
  if (!schema) return [{ full: undefined, minimal: undefined }];
  const variants = schema.oneOf ?? schema.anyOf;
  if (variants && variants.every((v) => v.type === 'object' || v.properties))
    return variants.flatMap((v) => sampleBodies(v, ids, where));
  return [{ full: sample(schema, undefined, ids, where, true), minimal: sample(schema, undefined, ids, where, false) }];
}

/**
 * A value for the schema. `full` fills optional fields too (a body of only required ones
 * may be refused as empty); the minimal one has required and id fields only (for optional
 * fields with formats this sampler cannot produce, e.g. patterns).
 */
/** Values tried, in order, for a string with a pattern (the API's bodies have few). */
const patternSamples = ['x', 'en', '06:00'];

function sample(
  s: JsonSchema,
  name: string | undefined,
  ids: (entity: Entity) => string[],
  where: string,
  full = false,
): unknown {
  const entity = name ? idField(name) : undefined;
  // An id field that names no seeded rows: only a task input may carry one (the forged-run test fills it).
  if (entity?.startsWith('unknown:') && !ids(entity)) throw new Error(`${where}: no filler for id field ${name}`);
  const variants = s.anyOf ?? s.oneOf;
  if (variants) {
    const nonNull = variants.find((v) => v.type !== 'null') ?? variants[0]!;
    return sample(nonNull, name, ids, where, full);
  }
  if (s.const !== undefined) return s.const;
  if (s.enum) return s.enum.find((v) => v !== null) ?? s.enum[0];
  const type = Array.isArray(s.type) ? s.type.find((x) => x !== 'null') : s.type;
  if (entity) return type === 'array' ? ids(entity) : ids(entity)[0];
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(s.properties ?? {})) {
        if (full || s.required?.includes(k) || idField(k)) out[k] = sample(v, k, ids, `${where}.${k}`, full);
      }
      return out;
    }
    case 'array':
      return Array.from({ length: Math.max(1, s.minItems ?? 1) }, () =>
        sample(s.items ?? {}, undefined, ids, where, full),
      );
    case 'string':
      if (s.format === 'uuid') throw new Error(`${where}: a uuid field whose name does not say what it names`);
      if (s.format === 'uri' || s.format === 'url') return 'https://example.test';
      if (s.format === 'email') return 'someone@example.test';
      if (s.format === 'date-time') return '2030-01-01T09:00:00.000Z';
      if (s.pattern) {
        const fits = patternSamples.find((v) => new RegExp(s.pattern!).test(v));
        if (fits === undefined) throw new Error(`${where}: no sample for pattern ${s.pattern}`);
        return fits;
      }
      return 'x'.repeat(Math.max(1, s.minLength ?? 1));
    case 'integer':
    case 'number':
      return s.minimum ?? 1;
    case 'boolean':
      return true;
    default:
      return null;
  }
}

function bodySchema(r: { method: string; url: string }): JsonSchema | undefined {
  return operation(r)?.requestBody?.content?.['application/json']?.schema;
}

function hasIdField(s: JsonSchema | undefined): boolean {
  if (!s) return false;
  return (
    [...(s.oneOf ?? []), ...(s.anyOf ?? [])].some(hasIdField) ||
    Object.keys(s.properties ?? {}).some((k) => !!idField(k))
  );
}

async function settle(): Promise<void> {
  for (let i = 0; i < 300; i++) {
    const active = await Promise.all(
      [A, B].map(
        async (x) => (await inject(x, 'GET', `/api/v1/accounts/${x.accountId}/tasks?active=true`)).json().total,
      ),
    );
    if (active.every((n) => n === 0)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('tasks still active after 30 s');
}

describe('every account route that takes ids, called with the other account ids', () => {
  it('answers 404 and changes nothing of the other account (its rows and what it sees)', async () => {
    const view = async (x: SeededAccount) => {
      const out: Record<string, string> = {};
      for (const r of accountRoutes().filter((r) => r.method === 'GET' && r.url.split('/').at(-1) !== 'file')) {
        for (const q of queries(r, x)) {
          const res = await inject(x, 'GET', fillPath(r.url, x) + q);
          // Times aside (a usage window ends "now"), what an account sees of its data must not move;
          // the rows themselves are compared exactly.
          out[`${keyOf(r)}${q}`] = bodyText(res).replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, '<time>');
        }
      }
      return out;
    };
    const before = { rows: await accountRows(t.database.db, B.accountId), view: await view(B) };

    const problems: string[] = [];
    let sent = 0;
    const routes = accountRoutes().filter((r) => r.method !== 'GET');
    for (const r of routes) {
      const key = keyOf(r);
      const idParams = pathParams(r.url).filter((p) => !pathWords[p]);
      const schema = bodySchema(r);
      const attempts: { url: string; body: Sampled; what: string }[] = [];
      // The other account's id in the path (one parameter at a time), with a valid body of one's own ids.
      for (const p of idParams) {
        for (const body of sampleBodies(schema, (e) => A.ids[e], key)) {
          attempts.push({ url: fillPath(r.url, A, [p]), body, what: `the other's :${p}` });
        }
      }
      // The other account's ids in the body (all of them foreign, then mixed with one's own).
      if (hasIdField(schema)) {
        for (const body of sampleBodies(schema, (e) => B.ids[e], key))
          attempts.push({
            url: fillPath(r.url, A),
            body,
            what: `the other's ids in ${JSON.stringify(body.minimal).slice(0, 120)}`,
          });
        for (const body of sampleBodies(schema, (e) => [...B.ids[e], ...A.ids[e].slice(0, 1)], key)) {
          attempts.push({
            url: fillPath(r.url, A),
            body,
            what: `mixed ids in ${JSON.stringify(body.minimal).slice(0, 120)}`,
          });
        }
      }
      for (const a of attempts) {
        let res = await inject(A, r.method as Method, a.url, a.body.full);
        // A body the sampler got wrong is refused before any lookup: send the minimal one.
        if (res.statusCode === 400) res = await inject(A, r.method as Method, a.url, a.body.minimal);
        sent++;
        const ok = res.statusCode === 404 || (ignoresForeignIds[key] && res.statusCode < 300);
        if (!ok) problems.push(`${key} with ${a.what}: ${res.statusCode} ${res.body.slice(0, 200)}`);
        const leaked = leaks(bodyText(res), B, [a.url, a.body]);
        if (leaked.length) problems.push(`${key} with ${a.what}: answer shows ${leaked.slice(0, 5).join(', ')}`);
      }
    }
    await settle();
    expect(problems).toEqual([]);
    expect(sent).toBeGreaterThanOrEqual(30);

    expect(await accountRows(t.database.db, B.accountId)).toEqual(before.rows);
    expect(await view(B)).toEqual(before.view);
    // And no row of the caller's account now points at a row of the other account.
    const bIds = new Set(idsOf.get(B));
    const aRows = await accountRows(t.database.db, A.accountId);
    expect(uuidsIn(aRows).filter((id) => bIds.has(id.toLowerCase()))).toEqual([]);
  });

  it('lists every route that takes ids in the path or body, and skips only the listed ones', () => {
    const all = t.app.routeRegistry.filter((r) => isAccountRoute(r.url));
    for (const key of Object.keys(skipped))
      expect(all.map(keyOf), `skipped route ${key} no longer exists`).toContain(key);
    for (const key of Object.keys(ignoresForeignIds))
      expect(all.map(keyOf), `listed route ${key} no longer exists`).toContain(key);
    // Every body field that names rows is one this test can fill (sampleBodies throws otherwise).
    for (const r of accountRoutes().filter((r) => r.method !== 'GET'))
      sampleBodies(bodySchema(r), (e) => A.ids[e] ?? [], keyOf(r));
  });
});

describe('task handlers', () => {
  it('refuse a run whose input names a site of another account, before touching any item', async () => {
    // Routes check the site before they start a task; a handler must not rely on that, so
    // each kind is started directly, as account A, with B's site and B's rows in its input.
    const { registry, tasks } = t.app.runtime;
    const tenant = makeTenantContext(A.accountId, A.session.userId, 'owner');
    const before = await accountRows(t.database.db, B.accountId);
    const problems: string[] = [];
    let started = 0;
    for (const kind of registry.names()) {
      if (unforgeableTasks[kind]) continue;
      const input = registry.get(kind)!.input;
      const schema = z.toJSONSchema(input, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
      if (!schema.properties?.siteId) continue; // not bound to a site
      // Ids of other things (an import's upload) are random: the site must be refused before they are read.
      const body = sample(
        schema,
        undefined,
        (e) => B.ids[e] ?? (e.startsWith('unknown:') ? [randomUUID()] : undefined),
        kind,
      ) as Record<string, unknown>;
      const taskId = await tasks.start(
        tenant,
        { kind, input },
        { ...body, siteId: B.ids.site[0] },
        { title: `forged ${kind}` },
      );
      started++;
      const { run } = await pollTask(t.app, A.session, A.accountId, taskId);
      if (run.status !== 'failed' || run.itemErrors.length > 0 || run.error?.code !== 'not_found') {
        problems.push(
          `${kind}: ${run.status} (${run.error?.code}), ${run.itemErrors.length} item errors, result ${JSON.stringify(run.result)}`,
        );
      }
    }
    expect(problems).toEqual([]);
    expect(started).toBeGreaterThanOrEqual(6);
    expect(await accountRows(t.database.db, B.accountId)).toEqual(before);
  });
});

describe('repos, handed a site of another account', () => {
  // The routes never pass another account's site (the site scope answers 404 first), so only a
  // direct call shows whether each repo applies the tenant itself rather than trusting the site id.
  it('find none of its rows, even asked for them by id', async () => {
    const { db } = t.database;
    const tenant = makeTenantContext(A.accountId, A.session.userId, 'owner');
    const site = B.ids.site[0]!;
    const page = { limit: 100, offset: 0 };
    const notFound = async (what: string, p: Promise<unknown>) => {
      const r = await p.then(
        (v) => v,
        (e: unknown) => e,
      );
      return r instanceof Error && /not found/i.test(r.message) ? [] : [`${what}: ${JSON.stringify(r).slice(0, 200)}`];
    };
    const exported: unknown[] = [];
    for await (const rows of keywordRepo.exportKeywords(db, tenant, site, {}))
      exported.push(...(Array.isArray(rows) ? rows : [rows]));
    const found: Record<string, unknown> = {
      listKeywords: (await keywordRepo.listKeywords(db, tenant, site, { ...page, sort: 'phrase', order: 'asc' })).total,
      exportKeywords: exported.length,
      getKeyword: (await keywordRepo.getKeyword(db, tenant, site, B.ids.keyword[0]!)) ?? 0,
      listClusters: (await clusterRepo.listClusters(db, tenant, site, { ...page, sort: 'name', order: 'asc' })).total,
      keywordsToCluster: (await clusterRepo.keywordsToCluster(db, tenant, site, { taskRunId: B.ids.task[0]! })).length,
      existingClusterPhrases: (await clusterRepo.existingClusterPhrases(db, tenant, site, B.ids.task[0]!)).size,
      listIdeas: (await ideaRepo.listIdeas(db, tenant, site, page)).total,
      clusterBrief: (await ideaRepo.clusterBrief(db, tenant, site, B.ids.cluster[0]!)) ?? 0,
      clusterNames: (await ideaRepo.clusterNames(db, tenant, site, B.ids.cluster)).size,
      listWriterTasks: (await writerRepo.listWriterTasks(db, tenant, site, page)).total,
      writerTasksByIds: (await writerRepo.writerTasksByIds(db, tenant, site, B.ids.writerTask)).length,
      listContents: (await writerRepo.listContents(db, tenant, site, page)).total,
      contentsByIds: (await writerRepo.contentsByIds(db, tenant, site, B.ids.content)).length,
      listImagePrompts: (await imageRepo.listImagePrompts(db, tenant, site)).length,
      imagePromptsByIds: (await imageRepo.imagePromptsByIds(db, tenant, site, B.ids.imagePrompt)).length,
      imagePromptIdsOfContents: (await imageRepo.imagePromptIdsOfContents(db, tenant, site, B.ids.content)).length,
      listImages: (await imageRepo.listImages(db, tenant, site, page)).total,
      generatedImageFiles: (await imageRepo.generatedImageFiles(db, tenant, site, B.ids.content)).length,
      funnel: Object.values(await siteFunnel(db, tenant, site)).reduce((a, b) => a + b, 0),
    };
    expect(found).toEqual(Object.fromEntries(Object.keys(found).map((k) => [k, 0])));
    const refused = [
      ...(await notFound('requireCluster', clusterRepo.requireCluster(db, tenant, site, B.ids.cluster[0]!))),
      ...(await notFound('getCluster', clusterRepo.getCluster(db, tenant, site, B.ids.cluster[0]!))),
      ...(await notFound('requireClusterNames', clusterRepo.requireClusterNames(db, tenant, site, B.ids.cluster))),
      ...(await notFound('requireKeywordIds', keywordRepo.requireKeywordIds(db, tenant, site, B.ids.keyword))),
      ...(await notFound('requireIdea', ideaRepo.requireIdea(db, tenant, site, B.ids.idea[0]!))),
      ...(await notFound('requireContent', writerRepo.requireContent(db, tenant, site, B.ids.content[0]!))),
      ...(await notFound('requireContents', writerRepo.requireContents(db, tenant, site, B.ids.content))),
      ...(await notFound('requireIds', writerRepo.requireIds(db, tenant, site, 'writerTask', B.ids.writerTask))),
      ...(await notFound('requireImage', imageRepo.requireImage(db, tenant, site, B.ids.image[0]!))),
    ];
    expect(refused).toEqual([]);
  });
});
