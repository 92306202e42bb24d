/**
 * `npm run bench:health`: does the API stay responsive while a 100k-keyword auto-cluster runs?
 * Starts the real server in the default `serve` mode (API + worker in one process) in a child
 * process, on PostgreSQL (a fresh database on BENCH_HEALTH_DATABASE_URL, DATABASE_URL or
 * postgres://postgres@127.0.0.1:5432) and on the embedded PGlite, imports 100,000 synthetic
 * keywords into one site through the API (CSV import task), then starts an auto-cluster of all of
 * them and polls `/api/health` every 50 ms until the task ends. Printed per database: clustering
 * wall seconds, worst and p99 health latency, samples, peak RSS of the server (VmHWM).
 *
 * BENCH_HEALTH_KEYWORDS (default 100000), BENCH_HEALTH_DATABASES=postgres,pglite,
 * BENCH_HEALTH_BUILT=1 runs the built server (apps/server/dist/main.js) instead of the sources.
 * `healthDuringAutoCluster` is exported for other benchmarks (bench:api prints the same figures).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';
import { syntheticKeywords } from './synthetic';

export const HEALTH_GOAL_P99_MS = 100;

export interface HealthRun {
  database: 'PostgreSQL' | 'PGlite';
  keywords: number;
  /** seconds from the auto-cluster request to the task's end */
  clusterSeconds: number;
  status: string;
  clustersCreated: number;
  worstMs: number;
  /** seconds after the start of clustering when the worst answer was asked */
  worstAtSeconds: number;
  p99Ms: number;
  p50Ms: number;
  samples: number;
  /** health requests whose connection was reset and that were asked again */
  resets: number;
  /** the server's peak resident set (VmHWM), MB */
  peakRssMb: number;
  /** seconds the 100k-row CSV import took (the seeding, measured for context) */
  importSeconds: number;
}

export interface HealthOptions {
  /** a PostgreSQL server URL (a fresh database is made on it and dropped); absent: embedded PGlite */
  postgresUrl?: string;
  keywords?: number;
  pollMs?: number;
  /** run apps/server/dist/main.js (the production build) instead of the sources under tsx */
  built?: boolean;
}

const root = fileURLToPath(new URL('..', import.meta.url));

async function freePort(): Promise<number> {
  const srv = createServer();
  srv.listen(0);
  await once(srv, 'listening');
  const port = (srv.address() as { port: number }).port;
  srv.close();
  return port;
}

const rssMb = (pid: number) =>
  readFile(`/proc/${pid}/status`, 'utf8').then((s) => Number(/VmHWM:\s+(\d+)/.exec(s)?.[1] ?? 0) / 1024);

/** Polls /api/health every `everyMs` (one request at a time, as a load balancer would) until stopped. */
function probe(base: string, everyMs: number) {
  const latencies: number[] = [];
  const start = performance.now();
  let worst = 0;
  let worstAt = 0;
  let resets = 0;
  let failure: unknown;
  let running = true;
  const done = (async () => {
    while (running) {
      const t0 = performance.now();
      // A reset connection (a kept-alive socket the server closed while it was busy) is asked again:
      // the latency is what a client waits for an answer.
      for (let attempt = 1; ; attempt++) {
        try {
          const res = await fetch(`${base}/api/health`);
          await res.text();
          break;
        } catch (e) {
          resets++;
          if (attempt === 5) throw e;
        }
      }
      const ms = performance.now() - t0;
      if (ms > worst) {
        worst = ms;
        worstAt = (t0 - start) / 1000;
      }
      latencies.push(ms);
      await new Promise((r) => setTimeout(r, Math.max(0, everyMs - ms)));
    }
  })().catch((e: unknown) => {
    failure = e;
  });
  return {
    async stop() {
      running = false;
      await done;
      if (failure) throw failure;
      const sorted = [...latencies].sort((a, b) => a - b);
      const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? 0;
      return { worst, worstAt, p99: at(0.99), p50: at(0.5), samples: sorted.length, resets };
    },
  };
}

async function api(
  base: string,
  method: string,
  path: string,
  token?: string,
  body?: unknown,
  contentType = 'application/json',
) {
  const ask = () =>
    fetch(`${base}${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': contentType } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
  // A server that held its event loop for seconds closes idle kept-alive sockets as it wakes: a GET is asked again.
  let res: Response | undefined;
  for (let attempt = 1; !res; attempt++) {
    try {
      res = await ask();
    } catch (e) {
      if (method !== 'GET' || attempt === 5) throw e;
    }
  }
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
  return JSON.parse(text) as Record<string, unknown>;
}

/** Waits for a task to end, polling every `everyMs`; its final run. */
async function finished(base: string, accountId: string, taskId: string, token: string, everyMs: number) {
  for (;;) {
    const got = await api(base, 'GET', `/api/v1/accounts/${accountId}/tasks/${taskId}`, token);
    const run = (got.run ?? got) as { status: string; result?: Record<string, unknown> };
    if (!['queued', 'running'].includes(run.status)) return run;
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** A fresh database on the given PostgreSQL server, and how to drop it. */
async function freshPostgres(url: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `igny8_bench_health_${process.pid}`;
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

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  await Promise.race([once(child, 'exit'), new Promise((r) => setTimeout(r, 10_000))]);
  if (child.exitCode === null) child.kill('SIGKILL');
}

/**
 * One run: a server in `serve` mode on a fresh database, `keywords` imported into one site, then an
 * auto-cluster of all of them with /api/health polled throughout.
 */
export async function healthDuringAutoCluster(o: HealthOptions = {}): Promise<HealthRun> {
  const n = o.keywords ?? 100_000;
  const pollMs = o.pollMs ?? 50;
  const postgres = o.postgresUrl ? await freshPostgres(o.postgresUrl) : undefined;
  const dir = await mkdtemp(join(tmpdir(), 'igny8-bench-health-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.DATABASE_URL;
  if (postgres) env.DATABASE_URL = postgres.url;
  const entry = o.built
    ? ['--enable-source-maps', join(root, 'apps/server/dist/main.js')]
    : ['--import', 'tsx', join(root, 'apps/server/src/main.ts')];
  const child = spawn(process.execPath, [...entry, 'serve'], {
    cwd: root,
    env: {
      ...env,
      DATA_DIR: join(dir, 'data'),
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      WEB_DIST: join(dir, 'no-web'),
      IMPORT_MAX_ROWS: String(n + 10),
      ACCOUNT_MAX_KEYWORDS: String(n * 2),
      ACCESS_TOKEN_TTL_SECONDS: '7200',
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
      if (i > 3000 || child.exitCode !== null) throw new Error('server did not start');
      await new Promise((r) => setTimeout(r, 100));
    }
    const setup = await api(base, 'POST', '/api/v1/setup', undefined, {
      email: 'bench@igny8.test',
      password: 'bench-password-1',
      name: 'Bench',
      accountName: 'Bench',
    });
    const token = setup.accessToken as string;
    const accountId = (setup.memberships as { accountId: string }[])[0]!.accountId;
    const site = await api(base, 'POST', `/api/v1/accounts/${accountId}/sites`, token, {
      name: 'Bench site',
      url: 'https://bench.example',
    });
    const sitePath = `/api/v1/accounts/${accountId}/sites/${site.id as string}`;

    const csv = [
      'Keyword,Search Volume',
      ...syntheticKeywords(n, 18).map((k) => `"${k.phrase.replace(/"/g, '""')}",${k.volume ?? ''}`),
    ].join('\n');
    const t0 = performance.now();
    const imported = await api(base, 'POST', `${sitePath}/keywords/import`, token, csv, 'text/csv');
    if (imported.taskId) {
      const run = await finished(base, accountId, imported.taskId as string, token, 500);
      if (run.status !== 'succeeded') throw new Error(`the import ended ${run.status}`);
    }
    const importSeconds = (performance.now() - t0) / 1000;

    const p = probe(base, pollMs);
    const c0 = performance.now();
    const started = await api(base, 'POST', `${sitePath}/clusters/auto`, token, {});
    const run = await finished(base, accountId, started.taskId as string, token, 250);
    const clusterSeconds = (performance.now() - c0) / 1000;
    const lat = await p.stop();
    return {
      database: postgres ? 'PostgreSQL' : 'PGlite',
      keywords: n,
      clusterSeconds,
      status: run.status,
      clustersCreated: Number(run.result?.clustersCreated ?? 0),
      worstMs: lat.worst,
      worstAtSeconds: lat.worstAt,
      p99Ms: lat.p99,
      p50Ms: lat.p50,
      samples: lat.samples,
      resets: lat.resets,
      peakRssMb: await rssMb(child.pid!),
      importSeconds,
    };
  } finally {
    await stopServer(child);
    await rm(dir, { recursive: true, force: true });
    await postgres?.drop();
  }
}

/** The table bench/README.md shows. */
export function healthTable(runs: readonly HealthRun[]): string {
  const rows = runs.map(
    (r) =>
      `| ${r.database} | ${r.keywords.toLocaleString('en')} | ${r.clusterSeconds.toFixed(1)} | ${r.status}, ${r.clustersCreated.toLocaleString('en')} clusters | ` +
      `${r.worstMs.toFixed(0)} (${r.worstAtSeconds.toFixed(1)} s) | ${r.p99Ms.toFixed(0)} | ${r.p50Ms.toFixed(0)} | ${(r.p99Ms / HEALTH_GOAL_P99_MS).toFixed(2)} | ${r.samples} (${r.resets} reset) | ${r.peakRssMb.toFixed(0)} | ${r.importSeconds.toFixed(1)} |`,
  );
  return [
    '| database | keywords | auto-cluster s | outcome | worst /api/health ms (at) | p99 ms | p50 ms | p99 × goal (100 ms) | samples (connections reset) | peak RSS MB | import s (seeding) |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

async function main(): Promise<void> {
  const n = Number(process.env.BENCH_HEALTH_KEYWORDS ?? 100_000);
  const databases = (process.env.BENCH_HEALTH_DATABASES ?? 'postgres,pglite').split(',');
  const pgUrl =
    process.env.BENCH_HEALTH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const built = process.env.BENCH_HEALTH_BUILT === '1';
  const runs: HealthRun[] = [];
  for (const d of databases) {
    runs.push(
      await healthDuringAutoCluster({ keywords: n, built, ...(d === 'postgres' ? { postgresUrl: pgUrl } : {}) }),
    );
    console.log(healthTable(runs.slice(-1)));
  }
  console.log(
    `\nbench:health — /api/health polled every 50 ms during an auto-cluster (serve mode${built ? ', built server' : ''})\n`,
  );
  console.log(healthTable(runs));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
