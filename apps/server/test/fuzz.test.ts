/**
 * Zero 500s, whatever the input. Every operation of the OpenAPI document (so a new route is
 * covered without editing this file) gets hostile variants of a valid-looking request: malformed
 * JSON, wrong types, NUL bytes, 1 MB strings, 10k-deep nesting, hostile numbers, bad ids in the
 * path, extra and missing fields. None may answer 5xx; a refusal (4xx) carries a machine code and
 * leaves the tenant tables exactly as they were.
 */
import { errorCodes } from '@igny8/contracts';
import { afterAll, describe, expect, it } from 'vitest';
import { bearer, tenantFixture, testApp } from './helpers/app';
import { seedSiteRows } from './helpers/fuzz-seed';
import { fingerprint, isDestructive, operationsOf, requestsFor, sampleBody, tenantTables, type Operation } from './helpers/fuzz';

const t = await testApp();
afterAll(() => t.close());
const f = await tenantFixture(t.app);
const tables = await tenantTables(t.database);
// The docs UI's own routes serve files; everything else is the API.
const operations = operationsOf(t.app.swagger()).filter((op) => !op.path.startsWith('/api/docs'));
const fastifyUrl = (op: Operation) => op.path.replace(/\{(\w+)\}/g, ':$1');
const policyOf = (op: Operation) => t.app.routeRegistry.find((r) => r.method === op.method && r.url === fastifyUrl(op))?.policy;
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
      for (const req of requests) {
        const before = await fingerprint(t.database, tables);
        const res = await t.app.inject({ method: req.method, url: req.url, headers: req.headers, ...(req.payload !== undefined ? { payload: req.payload } : {}) });
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
        const after = await fingerprint(t.database, tables);
        const changed = tables.filter((name) => before[name] !== after[name]);
        if (changed.length) failures.push(`${req.label} → ${res.statusCode} but wrote ${changed.join(', ')}`);
      }
      expect(failures).toEqual([]);
    });
  }
});
