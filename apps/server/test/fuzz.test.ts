/**
 * Zero 500s, whatever the input. Every operation of the OpenAPI document (so a new route is
 * covered without editing this file) gets hostile variants of a valid-looking request: malformed
 * JSON, wrong types, NUL bytes, 1 MB strings, 10k-deep nesting, hostile numbers, bad ids in the
 * path, extra and missing fields. None may answer 5xx; a refusal (4xx) carries a machine code and
 * leaves the tenant tables exactly as they were.
 */
import { errorCodes } from '@igny8/contracts';
import Fastify from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { registerErrorHandling } from '../src/http/errors';
import { bearer, tenantFixture, testApp } from './helpers/app';
import { seedSiteRows } from './helpers/fuzz-seed';
import {
  fingerprint,
  isDestructive,
  operationsOf,
  requestsFor,
  sampleBody,
  tenantTables,
  watchWrites,
  type Operation,
} from './helpers/fuzz';

const t = await testApp();
afterAll(() => t.close());
const f = await tenantFixture(t.app);
const tables = await tenantTables(t.database);
await watchWrites(t.database, tables);
// The docs UI's own routes serve files; everything else is the API.
const operations = operationsOf(t.app.swagger()).filter((op) => !op.path.startsWith('/api/docs'));
const fastifyUrl = (op: Operation) => op.path.replace(/\{(\w+)\}/g, ':$1');
const policyOf = (op: Operation) =>
  t.app.routeRegistry.find((r) => r.method === op.method && r.url === fastifyUrl(op))?.policy;
let seq = 0;

/** Who calls: the account's owner (or the platform operator for platform routes), so requests pass the guard and reach validation. */
function callerFor(op: Operation): Record<string, string> {
  const kind = policyOf(op)?.kind;
  if (kind === 'public') return {};
  if (kind === 'platformOperator') return bearer(f.operator);
  return bearer(f.owner);
}

async function idsFor(op: Operation): Promise<Record<string, string>> {
  const rows = await seedSiteRows(t.database, t.app.runtime.storage, f.accountId, f.owner.userId, ++seq);
  if (policyOf(op)?.kind === 'platformOperator') {
    // Platform routes act on another account and user, so an accepted change cannot lock the caller out.
    return { ...rows, accountId: f.otherAccountId, userId: f.outsider.userId };
  }
  return { ...rows, accountId: f.accountId, userId: f.viewer.userId };
}

describe('fuzz: every route from the OpenAPI document', () => {
  it('documents every registered API route, so none escapes the fuzzing', () => {
    const documented = new Set(operations.map((op) => `${op.method} ${fastifyUrl(op)}`));
    const api = t.app.routeRegistry.filter((r) => r.url.startsWith('/api/') && !r.url.startsWith('/api/docs'));
    expect(api.length).toBeGreaterThan(50);
    expect(api.map((r) => `${r.method} ${r.url}`).filter((k) => !documented.has(k))).toEqual([]);
  });

  for (const op of operations) {
    it(`${op.method} ${op.path}: no 5xx, refusals carry a code and write nothing`, async () => {
      const ids = await idsFor(op);
      let requests = requestsFor(op, ids, callerFor(op));
      // Destructive routes get bad inputs only; a valid request would delete what the next case needs.
      if (isDestructive(op, sampleBody(op, ids))) requests = requests.filter((r) => !r.mayPass);
      expect(requests.length).toBeGreaterThan(0);
      const failures: string[] = [];
      // One fingerprint per request: the state after one request is the state before the next.
      let before = await fingerprint(t.database);
      for (const req of requests) {
        const res = await t.app.inject({
          method: req.method,
          url: req.url,
          headers: req.headers,
          ...(req.payload !== undefined ? { payload: req.payload } : {}),
        });
        const after = await fingerprint(t.database);
        const changed = tables.filter((name) => before[name] !== after[name]);
        before = after;
        if (res.statusCode >= 500) {
          failures.push(`${req.label} → ${res.statusCode} ${res.body.slice(0, 200)}`);
          continue;
        }
        if (res.statusCode < 400) continue;
        const code = (() => {
          try {
            return (res.json() as { error?: { code?: unknown } }).error?.code;
          } catch {
            return undefined;
          }
        })();
        if (typeof code !== 'string' || !(errorCodes as readonly string[]).includes(code)) {
          failures.push(`${req.label} → ${res.statusCode} without a machine code: ${res.body.slice(0, 200)}`);
        }
        if (changed.length) failures.push(`${req.label} → ${res.statusCode} but wrote ${changed.join(', ')}`);
      }
      // As text, so every failing case is printed, not the first few.
      expect(failures.join('\n')).toBe('');
    });
  }
});

describe('the measured 500s answer 400 with a machine code', () => {
  it('refuses NUL in a text field, a search filter and a path, and an unpaired surrogate, as invalid_text, writing nothing', async () => {
    const ids = await idsFor(operations[0]!);
    const site = `/api/v1/accounts/${f.accountId}/sites/${ids.siteId}`;
    const before = await fingerprint(t.database);
    const cases = [
      { method: 'POST' as const, url: `${site}/keywords`, payload: { keywords: [{ phrase: 'cold\u0000brew' }] } },
      { method: 'PATCH' as const, url: `${site}/ideas/${ids.ideaId}`, payload: { secondaryKeywords: ['\ud800'] } },
      { method: 'PATCH' as const, url: `${site}/clusters/${ids.clusterId}`, payload: { name: 'x', ['\u0000']: 1 } },
      { method: 'GET' as const, url: `${site}/keywords?q=%00` },
      { method: 'GET' as const, url: `${site}/keywords/%00` },
    ];
    for (const c of cases) {
      const res = await t.app.inject({ ...c, headers: bearer(f.owner) });
      expect(`${c.method} ${c.url} → ${res.statusCode} ${res.json().error?.code}`).toBe(
        `${c.method} ${c.url} → 400 invalid_text`,
      );
    }
    expect(await fingerprint(t.database)).toEqual(before);
  });

  it('refuses non-integer and huge keyword volume filters, and out-of-range difficulty filters', async () => {
    const ids = await idsFor(operations[0]!);
    const site = `/api/v1/accounts/${f.accountId}/sites/${ids.siteId}`;
    for (const q of [
      'volumeMin=1.5',
      'volumeMax=1e308',
      'volumeMin=9223372036854775808',
      'difficultyMax=1e308',
      'difficultyMin=-1',
    ]) {
      for (const path of ['keywords', 'keywords/export']) {
        const res = await t.app.inject({ method: 'GET', url: `${site}/${path}?${q}`, headers: bearer(f.owner) });
        expect(`${path}?${q} → ${res.statusCode} ${res.json().error?.code}`).toBe(
          `${path}?${q} → 400 validation_failed`,
        );
      }
    }
    const ok = await t.app.inject({
      method: 'GET',
      url: `${site}/keywords?volumeMin=100&volumeMax=100&difficultyMax=99.5`,
      headers: bearer(f.owner),
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().items.map((k: { id: string }) => k.id)).toEqual([ids.keywordId]);
  });

  it('refuses a PATCH that changes nothing on a keyword or an idea ({} or only unknown fields)', async () => {
    const ids = await idsFor(operations[0]!);
    const site = `/api/v1/accounts/${f.accountId}/sites/${ids.siteId}`;
    for (const url of [`${site}/keywords/${ids.keywordId}`, `${site}/ideas/${ids.ideaId}`]) {
      for (const payload of [{}, { unknown: 1 }]) {
        const res = await t.app.inject({ method: 'PATCH', url, headers: bearer(f.owner), payload });
        expect(res.statusCode, res.body).toBe(400);
        expect(res.json().error).toMatchObject({
          code: 'validation_failed',
          message: expect.stringContaining('at least one field'),
        });
      }
    }
  });
});

describe('database refusals the input caused answer 4xx (the net under validation)', () => {
  it('maps SQLSTATE classes 22 and 23 to 400/409 in the error shape, and anything else to 500', async () => {
    const app = Fastify({ logger: false });
    registerErrorHandling(app);
    // Each one statement list, so the temp table goes with the failed implicit transaction.
    const statements: Record<string, string> = {
      uuid: `SELECT 'not-a-uuid'::uuid`, // 22P02
      int: `SELECT '9223372036854775808'::int`, // 22003
      varchar: `CREATE TEMP TABLE fuzz_v (x varchar(2)); INSERT INTO fuzz_v VALUES ('abcd')`, // 22001
      jsonb: `SELECT '"\\u0000"'::jsonb ->> 0`, // 22P05
      unique: 'CREATE TEMP TABLE fuzz_u (x int PRIMARY KEY); INSERT INTO fuzz_u VALUES (1), (1)', // 23505
      other: 'SELECT * FROM no_such_table', // 42P01: a server fault
    };
    app.get(
      '/:name',
      async (req) => (await t.database.executeSql(statements[(req.params as { name: string }).name]!)).rows,
    );
    const got: Record<string, string> = {};
    for (const name of Object.keys(statements)) {
      const res = await app.inject({ method: 'GET', url: `/${name}` });
      got[name] = `${res.statusCode} ${res.json().error?.code}`;
    }
    expect(got).toEqual({
      uuid: '400 validation_failed',
      int: '400 validation_failed',
      varchar: '400 validation_failed',
      jsonb: '400 invalid_text',
      unique: '409 conflict',
      other: '500 internal',
    });
    await app.close();
  });
});
