/**
 * Hostile requests generated from the OpenAPI document, so a new route is fuzzed without
 * editing the test: a valid-looking request per operation (openapi-sampler, with the seeded
 * account's real ids in place of sampled ones), then one mutation at a time of its path
 * params, query params and body.
 */
import type { Database } from '../../src/db/client';
import { sample } from 'openapi-sampler';

type Schema = Record<string, unknown>;
interface Parameter {
  in: 'path' | 'query' | 'header' | 'cookie';
  name: string;
  required?: boolean;
  schema?: Schema;
}
interface OpenApiDoc {
  paths: Record<
    string,
    Record<string, { parameters?: Parameter[]; requestBody?: { content?: Record<string, { schema?: Schema }> } }>
  >;
}

export interface Operation {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** OpenAPI form, `/api/v1/accounts/{accountId}` */
  path: string;
  pathParams: Parameter[];
  queryParams: Parameter[];
  /** JSON body schema, when the operation takes one */
  body?: Schema;
}

export interface FuzzRequest {
  label: string;
  method: Operation['method'];
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
  /** built to be valid (e.g. an extra field that is stripped): may succeed, so destructive routes skip it */
  mayPass?: boolean;
}

export function operationsOf(doc: unknown): Operation[] {
  const ops: Operation[] = [];
  for (const [path, byMethod] of Object.entries((doc as OpenApiDoc).paths)) {
    for (const [method, op] of Object.entries(byMethod)) {
      const params = op.parameters ?? [];
      ops.push({
        method: method.toUpperCase() as Operation['method'],
        path,
        pathParams: params.filter((p) => p.in === 'path'),
        queryParams: params.filter((p) => p.in === 'query'),
        body: op.requestBody?.content?.['application/json']?.schema,
      });
    }
  }
  return ops;
}

export const NUL = '\u0000';
const MB = 'x'.repeat(1024 * 1024);
const DEPTH = 10_000;
const deepArray = `${'['.repeat(DEPTH)}1${']'.repeat(DEPTH)}`;
const deepObject = `${'{"a":'.repeat(DEPTH)}1${'}'.repeat(DEPTH)}`;
/** Numbers that break integer columns, float parsing and range checks. */
const hostileNumbers: [string, string][] = [
  ['-1', '-1'],
  ['1.5', '1.5'],
  ['1e308', '1e308'],
  ['2^63', '9223372036854775808'],
  ['-2^63-1', '-9223372036854775809'],
  ['1e400', '1e400'],
];
const badIds = [
  'not-a-uuid',
  `${NUL}`,
  `00000000-0000-4000-8000-00000000000${NUL}`,
  "1' OR '1'='1",
  '9'.repeat(40),
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '0',
];

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Path = (string | number)[];

/**
 * `ids` maps a path-param name (accountId, siteId, keywordId…) to a real id; body fields named
 * like them (`keywordIds`, `sourceClusterId`) get the same ids, so a request gets past the lookups
 * and its other fields reach the database.
 */
export function requestsFor(
  op: Operation,
  ids: Record<string, string>,
  headers: Record<string, string>,
): FuzzRequest[] {
  const pathValues = Object.fromEntries(op.pathParams.map((p) => [p.name, pathValueFor(p, ids)]));
  const baseQuery: Record<string, string> = {};
  for (const q of op.queryParams) {
    // Required params, and `ids` of the collection in the path (`/contents/export?ids=` → the seeded content).
    const collectionId = q.name === 'ids' ? ids[`${/\/(\w+?)s\/\w+$/.exec(op.path)?.[1] ?? ''}Id`] : undefined;
    if (collectionId) baseQuery[q.name] = collectionId;
    else if (q.required) baseQuery[q.name] = String(sampleValue(q.schema ?? {}, ids, q.name));
  }
  const base = op.body ? (withIds(sampleValue(op.body, ids), ids) as Json) : undefined;
  const out: FuzzRequest[] = [];
  const add = (
    label: string,
    p: {
      path?: Record<string, string>;
      query?: Record<string, string | string[]>;
      payload?: string | Buffer;
      contentType?: string;
      headers?: Record<string, string>;
      mayPass?: boolean;
    },
  ) => {
    const url = buildUrl(op.path, p.path ?? pathValues, p.query ?? baseQuery);
    const hasBody = p.payload !== undefined;
    const all = { ...headers, ...p.headers };
    out.push({
      label: `${op.method} ${op.path} ${label}`,
      method: op.method,
      url,
      headers: hasBody ? { ...all, 'content-type': p.contentType ?? 'application/json' } : all,
      ...(hasBody ? { payload: p.payload } : {}),
      ...(p.mayPass ? { mayPass: true } : {}),
    });
  };
  const body = base === undefined ? undefined : JSON.stringify(base);

  for (const param of op.pathParams) {
    for (const bad of badIds)
      add(`path ${param.name}=${printable(bad)}`, { path: { ...pathValues, [param.name]: bad }, payload: body });
    add(`path ${param.name}=1 MB`, { path: { ...pathValues, [param.name]: MB.slice(0, 8192) }, payload: body });
    add(`path ${param.name}=malformed percent-escape`, {
      path: { ...pathValues, [param.name]: RAW_PATH + '%E0%A4%A' },
      payload: body,
    });
  }

  for (const q of op.queryParams) {
    const valid = baseQuery[q.name] ?? String(sampleValue(q.schema ?? {}, ids, q.name));
    const values: [string, string | string[]][] = [
      ['NUL', `${valid}${NUL}`],
      ['only NUL', NUL],
      ['1 MB', MB],
      ['empty', ''],
      ['repeated', [valid, valid]],
      ['wrong type', '{"a":1}'],
      ...hostileNumbers,
    ];
    for (const [label, v] of values)
      add(`query ${q.name}=${label}`, { query: { ...baseQuery, [q.name]: v }, payload: body });
  }

  // Every route, documented parameters or not.
  add('unknown query param with NUL', { query: { ...baseQuery, [`x${NUL}`]: NUL }, payload: body });
  add('cookies with NUL and broken escapes', {
    payload: body,
    headers: { cookie: `igny8_rt=%00; x=%E0%A4%A; y="\\u0000"` },
  });
  add('unknown query param of 1 MB', { query: { ...baseQuery, x: MB }, payload: body, mayPass: true });

  if (op.body) {
    for (const [label, raw] of [
      ['malformed JSON', '{"a":'],
      ['trailing comma', '{"a":1,}'],
      ['empty body', ''],
      ['null', 'null'],
      ['array', '[]'],
      ['string', '"x"'],
      ['number', '1e400'],
      ['deep array', deepArray],
      ['deep object', deepObject],
      ['__proto__', '{"__proto__":{"polluted":true}}'],
      ['constructor.prototype', '{"constructor":{"prototype":{"polluted":true}}}'],
      ['NUL outside strings', `{"a":1}${NUL}`],
      ['invalid UTF-8', Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d])],
    ] as const) {
      add(`body ${label}`, { payload: raw });
    }
    add('body as text/plain', { payload: body ?? '{}', contentType: 'text/plain' });
    add('body {}', { payload: '{}' });
    if (isObject(base))
      add('body with an extra field', { payload: JSON.stringify({ ...base, __extra: `x${NUL}` }), mayPass: true });

    for (const path of nodePaths(base)) {
      const at = path.length ? path.join('.') : '(root)';
      const value = getAt(base, path);
      const mut = (v: Json | typeof DEEP | typeof MISSING) => setAt(base, path, v);
      for (const [label, v] of wrongTypesFor(value)) add(`body ${at} ${label}`, { payload: mut(v) });
      if (typeof value === 'string') {
        add(`body ${at} with NUL`, { payload: mut(`${value}${NUL}`) });
        add(`body ${at} = NUL`, { payload: mut(NUL) });
        add(`body ${at} 1 MB`, { payload: mut(MB) });
        add(`body ${at} lone surrogate`, { payload: mut('\ud800') });
      }
      if (typeof value === 'number' || typeof value === 'string') {
        for (const [label, n] of hostileNumbers) add(`body ${at} = ${label}`, { payload: mut(rawNumber(n)) });
      }
      if (path.length) {
        add(`body ${at} deeply nested`, { payload: mut(DEEP) });
        add(`body ${at} missing`, { payload: mut(MISSING) });
      }
    }
  } else if (op.method !== 'GET') {
    // Routes without a JSON body: one arrives anyway.
    add('unexpected JSON body with NUL', { payload: JSON.stringify({ a: NUL }) });
    add('unexpected malformed JSON body', { payload: '{"a":' });
  }
  return out;
}

/** Which mutations to run on a destructive route: bad inputs only. */
export function isDestructive(op: Operation, baseBody: unknown): boolean {
  return op.method === 'DELETE' || /\/merge$/.test(op.path) || JSON.stringify(baseBody ?? '').includes('"delete"');
}

export function sampleBody(op: Operation, ids: Record<string, string>): unknown {
  return op.body ? withIds(sampleValue(op.body, ids), ids) : undefined;
}

function pathValueFor(p: Parameter, ids: Record<string, string>): string {
  const id = ids[p.name];
  if (id) return id;
  const en = (p.schema?.enum as string[] | undefined)?.[0];
  return en ?? String(sampleValue(p.schema ?? { type: 'string' }, ids, p.name));
}

function sampleValue(schema: Schema, ids: Record<string, string>, name?: string): unknown {
  if (name && ids[name]) return ids[name];
  // Sampled URLs point at a closed local port, so a request that gets through fails fast, offline.
  return replaceStrings(sample(schema as never, { skipReadOnly: true, quiet: true }), (s) =>
    s === 'http://example.com' ? 'http://127.0.0.1:9/v1' : s,
  );
}

function replaceStrings(v: unknown, f: (s: string) => string): unknown {
  if (typeof v === 'string') return f(v);
  if (Array.isArray(v)) return v.map((x) => replaceStrings(x, f));
  if (v && typeof v === 'object')
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, replaceStrings(x, f)]));
  return v;
}

/** `keywordIds: [uuid]` → the seeded keyword's id; `sourceClusterId` → the seeded cluster's. */
function withIds(v: unknown, ids: Record<string, string>, key?: string): unknown {
  const idFor = (k: string) => {
    const singular = k.replace(/Ids$/, 'Id').toLowerCase();
    // The exact name first (sourceClusterId), else the longest suffix (ideaIds → ideaId).
    const match = Object.keys(ids)
      .filter((name) => singular.endsWith(name.toLowerCase()))
      .sort((a, b) => b.length - a.length)[0];
    return match ? ids[match] : undefined;
  };
  if (Array.isArray(v)) return v.map((x) => withIds(x, ids, key));
  if (typeof v === 'string' && key && /Ids?$/.test(key)) return idFor(key) ?? v;
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, withIds(x, ids, k)]));
  return v;
}

function buildUrl(path: string, params: Record<string, string>, query: Record<string, string | string[]>): string {
  const url = path.replace(/\{(\w+)\}/g, (_m, name: string) => {
    const v = params[name] ?? '';
    return v.startsWith(RAW_PATH) ? v.slice(RAW_PATH.length) : encodeURIComponent(v);
  });
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) for (const one of Array.isArray(v) ? v : [v]) qs.append(k, one);
  const s = qs.toString();
  return s ? `${url}?${s}` : url;
}

function wrongTypesFor(value: unknown): [string, Json][] {
  if (typeof value === 'string')
    return [
      ['as number', 123],
      ['as object', { a: 1 }],
      ['as array', ['x']],
      ['as null', null],
      ['as bool', true],
    ];
  if (typeof value === 'number')
    return [
      ['as string', 'abc'],
      ['as numeric string', '1'],
      ['as object', {}],
      ['as null', null],
      ['as bool', false],
    ];
  if (typeof value === 'boolean')
    return [
      ['as string', 'true'],
      ['as number', 1],
      ['as null', null],
    ];
  if (Array.isArray(value))
    return [
      ['as object', {}],
      ['as string', 'x'],
      ['as null', null],
      ['empty', []],
      ['of NUL strings', [NUL]],
      ['of numbers', [1.5, -1]],
    ];
  if (isObject(value))
    return [
      ['as array', []],
      ['as string', 'x'],
      ['as null', null],
      ['empty', {}],
    ];
  return [
    ['as string', 'x'],
    ['as number', 1],
    ['as object', {}],
  ];
}

function isObject(v: unknown): v is Record<string, Json> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

/** The root, every property and the first element of every array. */
function nodePaths(v: unknown, path: Path = []): Path[] {
  const out: Path[] = [path];
  if (Array.isArray(v)) {
    if (v.length) out.push(...nodePaths(v[0], [...path, 0]));
  } else if (isObject(v)) {
    for (const [k, x] of Object.entries(v)) out.push(...nodePaths(x, [...path, k]));
  }
  return out;
}

function getAt(v: unknown, path: Path): unknown {
  return path.reduce<unknown>((cur, k) => (cur as Record<string | number, unknown>)?.[k], v);
}

/** A path value sent as is, not percent-encoded */
const RAW_PATH = '\u0001raw-path:';
const DEEP = Symbol('deep');
const MISSING = Symbol('missing');
const RAW = '\u0001raw:';
const rawNumber = (n: string) => `${RAW}${n}`;

/** The body as JSON text with the value at `path` replaced; numbers too long for JS and 10k-deep nesting are spliced in as text. */
function setAt(base: unknown, path: Path, v: Json | typeof DEEP | typeof MISSING): string {
  const copy = structuredClone(base) as Json;
  const marker = `${RAW}deep`;
  const value: Json | undefined = v === DEEP ? marker : v === MISSING ? undefined : v;
  let out: string;
  if (!path.length) out = JSON.stringify(value ?? null);
  else {
    const parent = getAt(copy, path.slice(0, -1)) as Record<string | number, Json>;
    const last = path[path.length - 1]!;
    if (value === undefined) {
      if (Array.isArray(parent)) parent.splice(last as number, 1);
      else delete parent[last];
    } else parent[last] = value;
    out = JSON.stringify(copy);
  }
  return out
    .replace(JSON.stringify(marker), deepArray)
    .replace(new RegExp(`"${escapeRe(JSON.stringify(RAW).slice(1, -1))}([^"]*)"`), '$1');
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function printable(s: string): string {
  return JSON.stringify(s.length > 40 ? `${s.slice(0, 40)}…` : s);
}

/** The tenant tables: every table with an account_id, plus accounts and users. */
export async function tenantTables(database: Database): Promise<string[]> {
  const { rows } = await database.executeSql(
    `SELECT DISTINCT table_name FROM information_schema.columns
      WHERE table_schema = 'public' AND (column_name = 'account_id' OR table_name IN ('accounts', 'users'))
      ORDER BY table_name`,
  );
  return (rows as { table_name: string }[]).map((r) => r.table_name);
}

/**
 * Counts every row written to the tenant tables, through triggers in the test's own database: an insert, a delete, or
 * an update that changes the row (`OLD IS DISTINCT FROM NEW`). A write rolled back is uncounted with it. Reading the
 * counters costs the same however many rows the tables hold, where hashing every row after each request grew with them.
 */
export async function watchWrites(database: Database, tables: string[]): Promise<void> {
  const triggers = tables.map(
    (
      t,
    ) => `CREATE TRIGGER fuzz_write_iud AFTER INSERT OR DELETE ON "${t}" FOR EACH ROW EXECUTE FUNCTION fuzz_count_write();
      CREATE TRIGGER fuzz_write_u AFTER UPDATE ON "${t}" FOR EACH ROW WHEN (OLD IS DISTINCT FROM NEW) EXECUTE FUNCTION fuzz_count_write();`,
  );
  await database.executeSql(`
    CREATE TABLE fuzz_writes (t text PRIMARY KEY, n bigint NOT NULL);
    CREATE FUNCTION fuzz_count_write() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO fuzz_writes VALUES (TG_TABLE_NAME, 1) ON CONFLICT (t) DO UPDATE SET n = fuzz_writes.n + 1;
        RETURN NULL;
      END $$;
    ${triggers.join('\n')}`);
}

/** How many rows of each tenant table were written so far (see `watchWrites`); two readings differ where a request wrote. */
export async function fingerprint(database: Database): Promise<Record<string, string>> {
  const { rows } = await database.executeSql('SELECT t, n::text AS n FROM fuzz_writes');
  return Object.fromEntries((rows as { t: string; n: string }[]).map((r) => [r.t, r.n]));
}
