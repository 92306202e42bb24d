/**
 * `npm run bench:tasks`: 2,000 no-op items through the real task engine (pg-boss
 * queue, runner, per-item transaction + done mark, progress writes) on PGlite and
 * on PostgreSQL, against a plain in-process loop over the same no-op items.
 */
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import pg from 'pg';
import pino from 'pino';
import { z } from 'zod';
import { makeTenantContext } from '../apps/server/src/access/context';
import { testConfig } from '../apps/server/src/config';
import { createDatabase, type Database } from '../apps/server/src/db/client';
import { accounts, taskRuns } from '../apps/server/src/db/schema/index';
import { TaskRegistry } from '../apps/server/src/jobs/registry';
import { Runtime } from '../apps/server/src/runtime';
import { MemoryFileStorage } from '../apps/server/src/storage/files';

const ITEMS = Number(process.env.BENCH_TASK_ITEMS ?? 2000);
const PG_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function noop(): Promise<void> {}

async function baseline(): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < ITEMS; i++) await noop();
  return performance.now() - t0;
}

async function engine(database: Database): Promise<{ ms: number; status: string }> {
  await database.migrate();
  const registry = new TaskRegistry();
  const kind = registry.declare('bench.noop', z.object({ n: z.number().int() }));
  registry.handle(kind, async (ctx) => {
    const items = Array.from({ length: ctx.input.n }, (_, i) => i);
    const out = await ctx.forEachItem(items, { key: (i) => String(i), label: (i) => `#${i}`, verb: 'No-op' }, async (_i, save) => {
      await save(async () => {});
    });
    return { ...out };
  });
  const runtime = new Runtime(testConfig(), database, pino({ level: 'silent' }), { worker: true, registry, storage: new MemoryFileStorage() });
  await runtime.start();
  const [account] = await database.db.insert(accounts).values({ name: 'bench' }).returning();
  const t0 = performance.now();
  const id = await runtime.tasks.start(makeTenantContext(account!.id, '', 'editor'), kind, { n: ITEMS }, { title: 'bench' });
  let status = 'queued';
  while (!['succeeded', 'failed', 'partial', 'cancelled'].includes(status)) {
    await new Promise((r) => setTimeout(r, 20));
    status = (await database.db.select({ s: taskRuns.status }).from(taskRuns).where(eq(taskRuns.id, id)))[0]!.s;
  }
  const ms = performance.now() - t0;
  await runtime.stop();
  return { ms, status };
}

async function postgresDatabase(): Promise<{ database: Database; drop: () => Promise<void> } | undefined> {
  const admin = new pg.Client({ connectionString: PG_URL });
  try {
    await admin.connect();
  } catch {
    return undefined;
  }
  const name = `igny8_bench_${randomBytes(4).toString('hex')}`;
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  const database = createDatabase({ kind: 'postgres', url: url.toString() });
  return {
    database,
    drop: async () => {
      await database.close();
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

const rows: string[][] = [];
const base = await baseline();
const row = (name: string, ms: number, status: string) => {
  const perItem = ms / ITEMS;
  rows.push([name, status, (ms / 1000).toFixed(2), Math.round(ITEMS / (ms / 1000)).toLocaleString('en'), (perItem - base / ITEMS).toFixed(3), `${Math.round(ms / base).toLocaleString('en')}×`]);
};

const lite = createDatabase({ kind: 'pglite' });
const l = await engine(lite);
row('engine on PGlite (in memory)', l.ms, l.status);
await lite.close();

const pgdb = await postgresDatabase();
if (pgdb) {
  const p = await engine(pgdb.database);
  row('engine on PostgreSQL', p.ms, p.status);
  await pgdb.drop();
} else rows.push(['engine on PostgreSQL', `skipped: no server at ${PG_URL}`, '', '', '', '']);
rows.push(['baseline: plain async loop', 'done', (base / 1000).toFixed(4), Math.round(ITEMS / (base / 1000)).toLocaleString('en'), '0', '1×']);

console.log(`\n${ITEMS} no-op items per run\n`);
const head = ['run', 'status', 'seconds', 'items/s', 'overhead ms/item', 'time vs baseline'];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
for (const r of [head, ...rows]) console.log(r.map((c, i) => c.padEnd(widths[i]!)).join('  '));
