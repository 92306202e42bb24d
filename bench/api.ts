/**
 * `npm run bench:api`: the API's lists at 100k keywords, on PostgreSQL and on the embedded PGlite.
 * Seeds 100,000 keywords in one site (and 100,000 in a second account) with ~2,000 clusters, then runs
 * each list endpoint through the app (Fastify's `app.inject`: routing, auth, validation, query building,
 * serialisation, request logging at `info` to /dev/null; no TCP) at concurrency 1 and 32, and the same SQL
 * directly: the statements the request sent, captured once from the driver and replayed with their
 * parameters on the same database. Prints p50/p99 and req/s, and the app's req/s ÷ the SQL's.
 *
 * BENCH_DATABASE_URL (or TEST_DATABASE_URL) names the PostgreSQL server; BENCH_API_DB=postgres|pglite runs one;
 * BENCH_API_ONLY=<text> runs the endpoints whose name contains it; BENCH_API_C1 / BENCH_API_C32 set the request counts.
 * BENCH_API_SHOW=1 prints each captured statement with its median time alone.
 * BENCH_API_KEEP=1 keeps the seeded PostgreSQL database (its URL is printed) for EXPLAIN ANALYZE by hand.
 * BENCH_API_PROFILE=<dir> writes a V8 CPU profile of each endpoint's app requests at c=1 (open in Chrome DevTools).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session as Inspector } from 'node:inspector/promises';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import pino from 'pino';
import { buildApp, type App } from '../apps/server/src/app';
import { testConfig } from '../apps/server/src/config';
import { createDatabase, type Database } from '../apps/server/src/db/client';
import { MemoryFileStorage } from '../apps/server/src/storage/files';
import { accountIdOf, bearer, setupPlatform, signup, type Session } from '../apps/server/test/helpers/app';
import { emptyPostgresDatabase } from '../apps/server/test/helpers/db';
import { seedLists } from '../apps/server/test/helpers/list-seed';
import { createSite } from '../apps/server/test/helpers/planner';

const KEYWORDS = Number(process.env.BENCH_API_KEYWORDS ?? 100_000);
const CLUSTERS = Number(process.env.BENCH_API_CLUSTERS ?? 2_000);
const C1_REQUESTS = Number(process.env.BENCH_API_C1 ?? 200);
const C32_REQUESTS = Number(process.env.BENCH_API_C32 ?? 640);
process.env.TEST_DATABASE_URL ??= process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

type Statement = { text: string; values?: unknown[] };
let capture: Statement[] | null = null;

/** Records what the app sends to the database while `capture` is set (node-postgres pool and PGlite alike). */
function installCapture(): void {
  const poolQuery = pg.Pool.prototype.query;
  pg.Pool.prototype.query = function (this: pg.Pool, ...args: unknown[]) {
    if (capture) {
      const [q, v] = args as [string | Statement, unknown[] | undefined];
      capture.push(typeof q === 'string' ? { text: q, values: v } : { text: q.text, values: q.values ?? v });
    }
    return (poolQuery as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof poolQuery;
  const pgliteQuery = PGlite.prototype.query;
  PGlite.prototype.query = function (this: PGlite, text: string, values?: unknown[], options?: object) {
    if (capture) capture.push({ text, values });
    return pgliteQuery.call(this, text, values, options);
  } as typeof pgliteQuery;
}

interface Timing {
  p50: number;
  p99: number;
  rps: number;
}

/** `fn` under the V8 profiler when BENCH_API_PROFILE names a directory: the app's own cost, without the seeding. */
async function profiled<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const dir = process.env.BENCH_API_PROFILE;
  if (!dir) return fn();
  const inspector = new Inspector();
  inspector.connect();
  await inspector.post('Profiler.enable');
  await inspector.post('Profiler.start');
  try {
    return await fn();
  } finally {
    const { profile } = await inspector.post('Profiler.stop');
    mkdirSync(dir, { recursive: true });
    writeFileSync(`${dir}/${name.replace(/[^a-z0-9]+/gi, '-')}.cpuprofile`, JSON.stringify(profile));
    inspector.disconnect();
  }
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!;

/** `n` calls of `fn` by `concurrency` callers: latency percentiles and throughput. */
async function timed(fn: () => Promise<void>, n: number, concurrency: number): Promise<Timing> {
  for (let i = 0; i < Math.min(10, n); i++) await fn();
  const latencies: number[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < n) {
        const s = performance.now();
        await fn();
        latencies.push(performance.now() - s);
      }
    }),
  );
  const wall = performance.now() - t0;
  latencies.sort((a, b) => a - b);
  return { p50: pct(latencies, 50), p99: pct(latencies, 99), rps: (latencies.length / wall) * 1000 };
}

interface Row {
  endpoint: string;
  app1: Timing;
  sql1: Timing;
  app32: Timing;
  sql32: Timing;
  statements: number;
  bytes: number;
}

async function run(kind: 'postgres' | 'pglite'): Promise<Row[]> {
  let database: Database;
  let drop = async () => {};
  if (kind === 'postgres') {
    const empty = await emptyPostgresDatabase();
    database = createDatabase({ kind: 'postgres', url: empty.url });
    drop = process.env.BENCH_API_KEEP ? async () => console.log(`kept ${empty.url}`) : empty.drop;
  } else {
    database = createDatabase({ kind: 'pglite' });
  }
  await database.migrate();
  // Production's request logging (info), written nowhere.
  const app: App = await buildApp({
    config: testConfig({ LOGIN_LIMIT_PER_IP: 100_000, LOGIN_LIMIT_PER_EMAIL: 100_000 }),
    database,
    loggerInstance: pino({ level: 'info' }, pino.destination('/dev/null')),
    runtime: { storage: new MemoryFileStorage() },
  });
  await app.ready();
  try {
    await setupPlatform(app);
    const owner: Session = await signup(app, 'owner@bench.test', 'Bench A');
    const other = await signup(app, 'owner@other.test', 'Bench B');
    const accountId = accountIdOf(owner);
    const siteId = await createSite(app, owner, accountId);
    const otherSite = await createSite(app, other, accountIdOf(other));
    const t0 = performance.now();
    // A modest pipeline: the keyword list derives each row's status from the site's ideas, writer tasks and articles.
    const sizes = {
      keywords: KEYWORDS,
      clusters: CLUSTERS,
      ideas: 200,
      writerTasks: 50,
      contents: 50,
      images: 50,
      taskRuns: 200,
    };
    await seedLists(database.executeSql, accountIdOf(other), otherSite, sizes, 'b');
    await seedLists(database.executeSql, accountId, siteId, sizes, 'a');
    // An import run whose stored input holds every imported row (5 MB: what runs stored before inputs were
    // read on request), and a small run; both mid-way, with progress.
    const runs = (
      await database.executeSql(
        `insert into task_runs (account_id, site_id, kind, title, status, progress, input)
         values ($1::uuid, $2::uuid, 'keywords.import', 'Import 100,000 keywords', 'running', '{"phase":"saving","current":40,"total":100,"percent":40,"message":"Importing"}',
                 (select jsonb_build_object('siteId', $2::text, 'rows', jsonb_agg(jsonb_build_object('phrase', phrase, 'volume', volume, 'difficulty', difficulty))) from keywords where site_id = $2::uuid)),
                ($1::uuid, $2::uuid, 'ideas.generate', 'Generate ideas for 3 clusters', 'running', '{"phase":"calling_ai","current":1,"total":3,"percent":33,"message":"Writing ideas"}', '{"clusterIds":[]}')
         returning id, kind`,
        [accountId, siteId],
      )
    ).rows as { id: string; kind: string }[];
    // As autovacuum leaves a table after a bulk load (PostgreSQL 13+ vacuums after inserts): statistics and the visibility map.
    await database.executeSql('vacuum analyze');
    const importRun = runs.find((r) => r.kind === 'keywords.import')!.id;
    const smallRun = runs.find((r) => r.kind !== 'keywords.import')!.id;
    console.log(
      `${kind}: seeded ${KEYWORDS.toLocaleString('en')} keywords × 2 accounts, ${CLUSTERS.toLocaleString('en')} clusters each in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );

    const S = `/api/v1/accounts/${accountId}/sites/${siteId}`;
    const A = `/api/v1/accounts/${accountId}`;
    const endpoints: [string, string][] = [
      ['keyword list, first page, default sort', `${S}/keywords`],
      ['keyword list sorted by volume, page 100', `${S}/keywords?sort=volume&order=asc&limit=50&offset=4950`],
      ['keyword list `q=best`', `${S}/keywords?q=best`],
      ['keyword list volume range + intent', `${S}/keywords?volumeMin=1000&volumeMax=20000&intent=commercial`],
      [`cluster list (${CLUSTERS.toLocaleString('en')} clusters)`, `${S}/clusters`],
      ['clusters by name, 500 (the keywords page before)', `${S}/clusters?sort=name&limit=500`],
      ['cluster names, 500 (the keywords page)', `${S}/clusters/names?sort=name&order=asc&limit=500`],
      ['task progress of a keyword-import task', `${A}/tasks/${importRun}`],
      ['task progress of a small task', `${A}/tasks/${smallRun}`],
    ];
    const rows: Row[] = [];
    const only = process.env.BENCH_API_ONLY;
    for (const [endpoint, url] of endpoints.filter(([e]) => !only || e.includes(only))) {
      let bytes = 0;
      const request = async () => {
        const res = await app.inject({ method: 'GET', url, headers: bearer(owner) });
        if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
        bytes = res.rawPayload.length;
      };
      capture = [];
      await request();
      const statements = capture;
      capture = null;
      if (process.env.BENCH_API_SHOW)
        for (const s of statements) {
          const times: number[] = [];
          for (let i = 0; i < 21; i++) {
            const t0 = performance.now();
            await database.executeSql(s.text, s.values);
            times.push(performance.now() - t0);
          }
          console.log(
            `  ${pct(
              times.sort((a, b) => a - b),
              50,
            ).toFixed(2)} ms  ${s.text.replace(/\s+/g, ' ').slice(0, 400)}`,
          );
        }
      const replay = async () => {
        for (const s of statements) await database.executeSql(s.text, s.values);
      };
      const row: Row = {
        endpoint,
        statements: statements.length,
        bytes,
        app1: await profiled(endpoint, () => timed(request, C1_REQUESTS, 1)),
        sql1: await timed(replay, C1_REQUESTS, 1),
        app32: await timed(request, C32_REQUESTS, 32),
        sql32: await timed(replay, C32_REQUESTS, 32),
      };
      rows.push(row);
      console.log(
        `  ${endpoint}: app ${row.app1.p50.toFixed(2)} / ${row.app1.p99.toFixed(2)} ms, SQL ${row.sql1.p50.toFixed(2)} / ${row.sql1.p99.toFixed(2)} ms, c32 ${row.app32.rps.toFixed(0)} vs ${row.sql32.rps.toFixed(0)} req/s`,
      );
    }
    return rows;
  } finally {
    await app.close();
    await database.close();
    await drop();
  }
}

function table(kind: string, rows: Row[]): string {
  const f = (n: number) => (n < 10 ? n.toFixed(2) : n.toFixed(1));
  const lines = [
    `${kind}: ${KEYWORDS.toLocaleString('en')} keywords in the site (+${KEYWORDS.toLocaleString('en')} in a second account), ${CLUSTERS.toLocaleString('en')} clusters; app = app.inject (no TCP)`,
    '| endpoint | c=1 app p50 / p99 ms | c=1 SQL p50 / p99 ms | c=1 app ÷ SQL req/s | c=32 app req/s | c=32 SQL req/s | c=32 app ÷ SQL | statements | response bytes |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of rows) {
    lines.push(
      `| ${r.endpoint} | ${f(r.app1.p50)} / ${f(r.app1.p99)} | ${f(r.sql1.p50)} / ${f(r.sql1.p99)} | ${(r.app1.rps / r.sql1.rps).toFixed(2)} | ${r.app32.rps.toFixed(0)} | ${r.sql32.rps.toFixed(0)} | ${(r.app32.rps / r.sql32.rps).toFixed(2)} | ${r.statements} | ${r.bytes.toLocaleString('en')} |`,
    );
  }
  return lines.join('\n');
}

installCapture();
const only = process.env.BENCH_API_DB;
const tables: string[] = [];
for (const kind of ['postgres', 'pglite'] as const) {
  if (only && only !== kind) continue;
  tables.push(table(kind === 'postgres' ? 'PostgreSQL' : 'PGlite (embedded default)', await run(kind)));
}
console.log(`\n${tables.join('\n\n')}`);
