/**
 * Any number of processes may start at once on a fresh PostgreSQL database: migrations and
 * pg-boss's schema and queues are created under advisory locks, one process at a time (without
 * them, 3 of 4 processes died on `duplicate key … pg_type_typname`, or a worker on `deadlock
 * detected` while creating queues). PGlite is one process, so these run on PostgreSQL only.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { testConfig } from '../src/config';
import { createDatabase } from '../src/db/client';
import { QUEUE_SCHEMA, TASK_QUEUE } from '../src/jobs/queue';
import { STEP_QUEUE } from '../src/modules/automation/driver';
import { EMAIL_QUEUE } from '../src/modules/email/service';
import { DISPATCH_QUEUE } from '../src/modules/publishing/dispatcher';
import { Runtime } from '../src/runtime';
import { MemoryFileStorage } from '../src/storage/files';
import { emptyPostgresDatabase, testBackend } from './helpers/db';

const serverDir = fileURLToPath(new URL('..', import.meta.url));
const PROCESSES = 4;

/** What every process must find once all have started. */
async function assertInstalled(url: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const queues = await c.query(`select name from ${QUEUE_SCHEMA}.queue`);
    // The task queue, the modules' queues (email) and the cron schedules' (and pg-boss's own).
    expect(queues.rows.map((r: { name: string }) => r.name).sort()).toEqual(
      [
        TASK_QUEUE,
        EMAIL_QUEUE,
        STEP_QUEUE,
        DISPATCH_QUEUE,
        'automation.tick',
        'billing.period-reset',
        '__pgboss__send-it',
      ].sort(),
    );
    const tables = await c.query(
      `select count(*)::int as n from information_schema.tables where table_schema = 'public' and table_name = 'task_runs'`,
    );
    expect(tables.rows[0].n).toBe(1);
  } finally {
    await c.end();
  }
}

describe.runIf(testBackend() === 'postgres')('processes starting together on a fresh PostgreSQL database', () => {
  let cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanup.reverse()) await c();
    cleanup = [];
  });

  it(`${PROCESSES} databases migrate and start their queue and worker at the same moment`, async () => {
    const empty = await emptyPostgresDatabase();
    cleanup.push(empty.drop);
    const log = pino({ level: 'silent' });
    const results = await Promise.allSettled(
      Array.from({ length: PROCESSES }, async () => {
        const database = createDatabase({ kind: 'postgres', url: empty.url });
        cleanup.push(() => database.close());
        await database.migrate();
        const runtime = new Runtime(testConfig(), database, log, {
          worker: true,
          storage: new MemoryFileStorage(),
          stopTimeoutMs: 1_000,
        });
        await runtime.start();
        cleanup.push(() => runtime.stop());
      }),
    );
    expect(
      results.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason)),
    ).toEqual([]);
    await assertInstalled(empty.url);
  });

  it(`${PROCESSES} worker processes launched at once all come up, then stop cleanly`, async () => {
    const empty = await emptyPostgresDatabase();
    cleanup.push(empty.drop);
    const launch = () => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'worker'], {
        cwd: serverDir,
        env: { ...process.env, DATABASE_URL: empty.url, APP_SECRET: testConfig().APP_SECRET, LOG_LEVEL: 'info' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (d: Buffer) => (output += d.toString()));
      child.stderr.on('data', (d: Buffer) => (output += d.toString()));
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      cleanup.push(async () => {
        if (child.exitCode === null) child.kill('SIGKILL');
        await exited;
      });
      const ready = new Promise<void>((resolve, reject) => {
        child.stdout.on('data', () => output.includes('igny8 worker ready') && resolve());
        void exited.then((code) => reject(new Error(`worker exited with ${code} before it was ready:\n${output}`)));
      });
      return { child, ready, exited, output: () => output };
    };
    const workers = Array.from({ length: PROCESSES }, launch);
    await Promise.all(workers.map((w) => w.ready));
    await assertInstalled(empty.url);
    for (const w of workers) w.child.kill('SIGTERM');
    expect(await Promise.all(workers.map((w) => w.exited))).toEqual(Array(PROCESSES).fill(0));
  }, 120_000);
});
