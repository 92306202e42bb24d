/**
 * `npm run bench:tasks`: 2,000 no-op items through the real task engine (pg-boss
 * queue, runner, per-item transaction + done mark, progress writes) on PGlite and
 * on PostgreSQL. The baseline, on the same database in the same process, is a plain
 * loop doing the writes no engine can avoid: one transaction with a done mark per item.
 * The ratio is the engine's cost on top of those writes.
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
import { markItemDone } from '../apps/server/src/modules/tasks/repo';
import { Runtime } from '../apps/server/src/runtime';
import { MemoryFileStorage } from '../apps/server/src/storage/files';

const ITEMS = Number(process.env.BENCH_TASK_ITEMS ?? 2000);
const PG_URL =
  process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** The same done marks as the engine writes, in a plain loop of transactions. */
async function baseline(database: Database, taskRunId: string): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < ITEMS; i++) {
    await database.db.transaction(async (tx) => {
      await markItemDone(tx, taskRunId, `baseline-${i}`);
    });
  }
  return performance.now() - t0;
}

async function engine(database: Database): Promise<{ ms: number; status: string; id: string }> {
  await database.migrate();
  const registry = new TaskRegistry();
  const kind = registry.declare('bench.noop', z.object({ n: z.number().int() }));
  registry.handle(kind, async (ctx) => {
    const items = Array.from({ length: ctx.input.n }, (_, i) => i);
    const out = await ctx.forEachItem(
      items,
      { key: (i) => String(i), label: (i) => `#${i}`, verb: 'No-op' },
      async (_i, save) => {
        await save(async () => {});
      },
    );
    return { ...out };
  });
  const runtime = new Runtime(testConfig(), database, pino({ level: 'silent' }), {
    worker: true,
    registry,
    storage: new MemoryFileStorage(),
  });
  await runtime.start();
  const [account] = await database.db.insert(accounts).values({ name: 'bench' }).returning();
  const t0 = performance.now();
  const id = await runtime.tasks.start(
    makeTenantContext(account!.id, '', 'editor'),
    kind,
    { n: ITEMS },
    { title: 'bench' },
  );
  let status = 'queued';
  while (!['succeeded', 'failed', 'partial', 'cancelled'].includes(status)) {
    await new Promise((r) => setTimeout(r, 20));
    status = (await database.db.select({ s: taskRuns.status }).from(taskRuns).where(eq(taskRuns.id, id)))[0]!.s;
  }
  const ms = performance.now() - t0;
  await runtime.stop();
  return { ms, status, id };
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
const measure = async (name: string, database: Database) => {
  const e = await engine(database);
  const base = await baseline(database, e.id);
  const perItem = (ms: number) => (ms / ITEMS).toFixed(3);
  const perSecond = (ms: number) => Math.round(ITEMS / (ms / 1000)).toLocaleString('en');
  rows.push([
    `engine on ${name}`,
    e.status,
    (e.ms / 1000).toFixed(2),
    perSecond(e.ms),
    perItem(e.ms),
    `${(e.ms / base).toFixed(2)}×`,
  ]);
  rows.push([
    `baseline on ${name}: plain loop, same writes`,
    'done',
    (base / 1000).toFixed(2),
    perSecond(base),
    perItem(base),
    '1×',
  ]);
};

const lite = createDatabase({ kind: 'pglite' });
await measure('PGlite (in memory)', lite);
await lite.close();

const pgdb = await postgresDatabase();
if (pgdb) {
  await measure('PostgreSQL', pgdb.database);
  await pgdb.drop();
} else rows.push(['engine on PostgreSQL', `skipped: no server at ${PG_URL}`, '', '', '', '']);

console.log(`\n${ITEMS} no-op items per run\n`);
const head = ['run', 'status', 'seconds', 'items/s', 'ms/item', 'time vs baseline'];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
for (const r of [head, ...rows]) console.log(r.map((c, i) => c.padEnd(widths[i]!)).join('  '));
