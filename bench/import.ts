/**
 * `npm run bench:import`: how much a 50 MB keyword CSV upload hurts everyone else.
 * Starts the real server (`apps/server/src/main.ts serve`: API + worker, embedded
 * PGlite in a temporary DATA_DIR) in a child process, then measures the worst
 * `/api/health` latency while (1) nothing runs (the idle baseline of this run),
 * (2) a dry-run upload (preview) of the file is in flight, (3) a real import of it
 * runs, upload and background task until the task ends. Peak RSS is the child's
 * VmHWM. Printed: worst and p99 latency, ratio against the 100 ms goal and against
 * the idle worst of the same run.
 *
 * BENCH_IMPORT_MB (default 50) sets the file size. The row and account caps are
 * raised for the child so the whole file is imported; the default caps would refuse it.
 * BENCH_IMPORT_DATABASE_URL=postgres://… runs the server on PostgreSQL instead (a fresh
 * database is created on that server and dropped afterwards).
 */
import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import pg from 'pg';

const MB = Number(process.env.BENCH_IMPORT_MB ?? 50);
const GOAL_MS = 100;
const intents = ['informational', 'commercial', 'transactional', 'navigational'];
const words = [
  'coffee',
  'grinder',
  'espresso',
  'burr',
  'kettle',
  'pour over',
  'cold brew',
  'beans',
  'roast',
  'latte',
  'moka',
  'filter',
];

async function writeCsv(path: string, bytes: number): Promise<number> {
  const out = createWriteStream(path);
  out.write('Keyword,Search Volume,KD %,CPC (USD),Intent\n');
  let size = 0;
  let rows = 0;
  while (size < bytes) {
    const chunk: string[] = [];
    for (let i = 0; i < 5000; i++, rows++) {
      const w = words[rows % words.length]!;
      chunk.push(
        `best ${w} ${words[(rows * 7) % words.length]} ${rows},${(rows * 37) % 100000},${rows % 100},${((rows % 900) / 100).toFixed(2)},${intents[rows % 4]}\n`,
      );
    }
    const s = chunk.join('');
    size += Buffer.byteLength(s);
    if (!out.write(s)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return rows;
}

async function freePort(): Promise<number> {
  const srv = createServer();
  srv.listen(0);
  await once(srv, 'listening');
  const port = (srv.address() as { port: number }).port;
  srv.close();
  return port;
}

function peakRssMb(pid: number, field: 'VmHWM' | 'VmRSS'): Promise<number> {
  return readFile(`/proc/${pid}/status`, 'utf8').then(
    (s) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(s)?.[1] ?? 0) / 1024,
  );
}

/** Polls /api/health back to back (10 ms apart) until stopped; every latency is kept. */
function probe(base: string) {
  const latencies: number[] = [];
  const start = performance.now();
  let worst = 0;
  let worstAt = 0;
  let running = true;
  const done = (async () => {
    while (running) {
      const t0 = performance.now();
      const res = await fetch(`${base}/api/health`);
      await res.text();
      const ms = performance.now() - t0;
      if (ms > worst) {
        worst = ms;
        worstAt = (t0 - start) / 1000;
      }
      latencies.push(ms);
      await new Promise((r) => setTimeout(r, 10));
    }
  })();
  return {
    async stop() {
      running = false;
      await done;
      const sorted = [...latencies].sort((a, b) => a - b);
      return { worst, worstAt, p99: sorted[Math.floor(sorted.length * 0.99)] ?? 0, samples: sorted.length };
    },
  };
}

function upload(base: string, path: string, query: string, token: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${base}${path}${query}`,
      { method: 'POST', headers: { 'content-type': 'text/csv', authorization: `Bearer ${token}` } },
      (res) => {
        const parts: Buffer[] = [];
        res.on('data', (c: Buffer) => parts.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(parts).toString('utf8') }));
      },
    );
    req.on('error', reject);
    createReadStream(process.env.BENCH_IMPORT_FILE ?? '').pipe(req);
  });
}

async function json(base: string, method: string, path: string, token?: string, body?: unknown) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
  return JSON.parse(text) as Record<string, unknown>;
}

/** A fresh database on the given PostgreSQL server, and how to drop it. */
async function freshPostgres(url: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `igny8_bench_import_${process.pid}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`drop database if exists ${name}`);
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

async function main(): Promise<void> {
  const postgres = process.env.BENCH_IMPORT_DATABASE_URL
    ? await freshPostgres(process.env.BENCH_IMPORT_DATABASE_URL)
    : undefined;
  const dir = await mkdtemp(join(tmpdir(), 'igny8-bench-import-'));
  const file = join(dir, 'keywords.csv');
  process.env.BENCH_IMPORT_FILE = file;
  const rows = await writeCsv(file, MB * 1_000_000);
  const size = (await stat(file)).size;
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.DATABASE_URL; // the embedded default, unless asked for PostgreSQL
  if (postgres) env.DATABASE_URL = postgres.url;
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts', 'serve'], {
    env: {
      ...env,
      DATA_DIR: join(dir, 'data'),
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      WEB_DIST: join(dir, 'no-web'),
      IMPORT_MAX_ROWS: String(rows + 10),
      ACCOUNT_MAX_KEYWORDS: String(rows * 2),
      ACCESS_TOKEN_TTL_SECONDS: '3600',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  try {
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`${base}/api/health`)).ok) break;
      } catch {
        /* not listening yet */
      }
      if (i > 600 || child.exitCode !== null) throw new Error('server did not start');
      await new Promise((r) => setTimeout(r, 100));
    }
    const setup = await json(base, 'POST', '/api/v1/setup', undefined, {
      email: 'bench@igny8.test',
      password: 'bench-password-1',
      name: 'Bench',
      accountName: 'Bench',
    });
    const token = setup.accessToken as string;
    const accountId = (setup.memberships as { accountId: string }[])[0]!.accountId;
    const site = await json(base, 'POST', `/api/v1/accounts/${accountId}/sites`, token, {
      name: 'Bench site',
      url: 'https://bench.example',
    });
    const path = `/api/v1/accounts/${accountId}/sites/${site.id as string}/keywords/import`;
    const rssIdle = await peakRssMb(child.pid!, 'VmRSS');

    const results: {
      phase: string;
      seconds: number;
      worst: number;
      worstAt: number;
      p99: number;
      samples: number;
      peakRss: number;
      outcome: string;
    }[] = [];
    const phase = async (name: string, work: () => Promise<string>) => {
      const p = probe(base);
      const t0 = performance.now();
      const outcome = await work();
      const seconds = (performance.now() - t0) / 1000;
      const lat = await p.stop();
      results.push({ phase: name, seconds, ...lat, peakRss: await peakRssMb(child.pid!, 'VmHWM'), outcome });
    };

    await phase('idle', async () => {
      await new Promise((r) => setTimeout(r, 3000));
      return '';
    });
    await phase('dry run (preview)', async () => {
      const r = await upload(base, path, '?dryRun=1', token);
      const b = JSON.parse(r.body) as { validRows?: number; error?: { code: string } };
      return `${r.status} ${b.error?.code ?? `${b.validRows} valid rows`}`;
    });
    await phase('real import (upload + task)', async () => {
      const r = await upload(base, path, '', token);
      const b = JSON.parse(r.body) as { taskId?: string | null; created?: number; error?: { code: string } };
      if (r.status !== 202 || !b.taskId) return `${r.status} ${b.error?.code ?? `created ${b.created}`}`;
      for (;;) {
        await new Promise((res) => setTimeout(res, 500));
        const run = await json(base, 'GET', `/api/v1/accounts/${accountId}/tasks/${b.taskId}`, token);
        const status = (run.run ?? run) as { status: string; result?: { created?: number } };
        if (!['queued', 'running'].includes(status.status))
          return `202 → task ${status.status}, created ${status.result?.created ?? '?'}`;
      }
    });

    const idle = results[0]!.worst;
    console.log(
      `\nbench:import — ${(size / 1e6).toFixed(1)} MB CSV, ${rows.toLocaleString('en')} rows, ${postgres ? 'PostgreSQL' : 'PGlite'}; server RSS after start ${rssIdle.toFixed(0)} MB\n`,
    );
    console.log(
      '| phase | wall s | worst /api/health ms (at s) | p99 ms | samples | × goal (100 ms) | × idle worst | peak RSS MB | outcome |',
    );
    console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const r of results) {
      console.log(
        `| ${r.phase} | ${r.seconds.toFixed(1)} | ${r.worst.toFixed(0)} (${r.worstAt.toFixed(1)}) | ${r.p99.toFixed(0)} | ${r.samples} | ${(r.worst / GOAL_MS).toFixed(2)} | ${(r.worst / idle).toFixed(1)} | ${r.peakRss.toFixed(0)} | ${r.outcome} |`,
      );
    }
  } finally {
    child.kill('SIGTERM');
    await Promise.race([once(child, 'exit'), new Promise((r) => setTimeout(r, 5000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
    await postgres?.drop();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
