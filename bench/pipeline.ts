/**
 * `npm run bench:pipeline`: the whole pipeline through the real API (app.inject), queue, task
 * engine and OpenAI client, against the project's mock provider (e2e/mock-openai, in a process of
 * its own, as a provider would be) at 0 ms and at 500 ms per call: 1,000 keywords → auto-cluster (AI descriptions) → ideas (100) → queue → content
 * (100) → image prompts → images. Per stage: wall seconds, provider calls, the most calls in flight
 * at once (from the mock's own request log), calls per second, and the ratio of the ideal
 * (calls × latency ÷ concurrency) to the wall time. A second account's content task runs during the
 * first account's content stage: the table says whether the two overlapped.
 *
 * BENCH_PIPELINE_LATENCIES=0,500  BENCH_PIPELINE_CONCURRENCY=8  BENCH_PIPELINE_KEYWORDS=1000
 * TEST_DB=postgres TEST_DATABASE_URL=… runs it on PostgreSQL instead of in-memory PGlite.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { mockOpenAIControl, type MockOpenAIControl, type RecordedRequest } from '../e2e/mock-openai/index';
import { CLUSTER_DESCRIPTION, articleFrameReply, ideasReply, imagePromptsReply } from '../e2e/support/pipeline/replies';
import type { TaskRun } from '../packages/contracts/src/index';
import { MemoryFileStorage } from '../apps/server/src/storage/files';
import {
  bearer,
  setupPlatform,
  signup,
  accountIdOf,
  testApp,
  type Session,
  type TestApp,
} from '../apps/server/test/helpers/app';
import { createSite } from '../apps/server/test/helpers/planner';
import { syntheticKeywords } from './synthetic';

const LATENCIES = (process.env.BENCH_PIPELINE_LATENCIES ?? '0,500').split(',').map(Number);
const CONCURRENCY = Number(process.env.BENCH_PIPELINE_CONCURRENCY ?? 8);
const KEYWORDS = Number(process.env.BENCH_PIPELINE_KEYWORDS ?? 1000);
const IDEAS = Number(process.env.BENCH_PIPELINE_IDEAS ?? 100);
/** The second account's content task, run while the first account's content stage runs. */
const OTHER_ARTICLES = 12;
const OTHER_KEY = 'sk-bench-account-b';

interface StageRow {
  latency: number;
  stage: string;
  seconds: number;
  calls: number;
  maxInFlight: number;
  status: string;
}

interface MockProcess {
  url: string;
  control: MockOpenAIControl;
  stop: () => void;
}

/** The mock provider in a child process (its CPU is not the server's), on a free port. */
async function startMockProcess(latencyMs: number): Promise<MockProcess> {
  const cli = fileURLToPath(new URL('../e2e/mock-openai/cli.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', cli], {
    env: { ...process.env, MOCK_OPENAI_PORT: '0', MOCK_OPENAI_LATENCY_MS: String(latencyMs) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`mock-openai exited with ${code}`)));
  });
  return { url, control: mockOpenAIControl(url), stop: () => child.kill('SIGTERM') };
}

/** Replies shaped like each AI function's output, queued before the stage that asks for them. */
const replies = {
  descriptions: CLUSTER_DESCRIPTION,
  ideas: ideasReply('home coffee topic', 3),
  /** the article's frame; its sections are the mock's answers at the asked length */
  article: articleFrameReply('A guide to home coffee', 'home coffee'),
  prompts: imagePromptsReply('home coffee'),
};

/** The most requests whose [at, doneAt] intervals overlap, among `requests`. */
function peakInFlight(requests: readonly RecordedRequest[]): number {
  const events = requests.flatMap((r) => [
    [r.at, 1],
    [r.doneAt ?? Number.MAX_SAFE_INTEGER, -1],
  ]);
  events.sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!);
  let now = 0;
  let peak = 0;
  for (const [, d] of events) peak = Math.max(peak, (now += d!));
  return peak;
}

async function call<T>(
  t: TestApp,
  who: Session,
  method: 'GET' | 'POST' | 'PUT',
  url: string,
  payload?: object,
): Promise<T> {
  const res = await t.app.inject({ method, url, headers: bearer(who), ...(payload ? { payload } : {}) });
  if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
  return res.json() as T;
}

async function waitFor(t: TestApp, who: Session, accountId: string, taskId: string): Promise<TaskRun> {
  for (;;) {
    const run = await call<TaskRun>(t, who, 'GET', `/api/v1/accounts/${accountId}/tasks/${taskId}`);
    if (['succeeded', 'failed', 'partial', 'cancelled'].includes(run.status)) return run;
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function runLatency(latency: number): Promise<{ rows: StageRow[]; overlap: string; total: number }> {
  const mock = await startMockProcess(latency);
  const log: RecordedRequest[] = [];
  /** Queues `n` copies of a reply (the stage's calls, with room to spare). */
  const queueReplies = async (reply: object, n: number) => {
    await mock.control.reset();
    if (reply === replies.article) {
      // Written section by section: sections answered at the asked length, frames from the reply.
      await mock.control.setAnswerLength({ ratio: 1 });
      await mock.control.queueChatReply(reply, n, 'introHtml');
    } else await mock.control.queueChatReply(reply, n);
  };
  /** Keeps what the mock recorded so far. */
  const collect = async () => {
    log.push(...(await mock.control.requests()));
    await mock.control.reset();
  };
  // Account B uses a key of its own on the same (loopback) mock, so the two accounts' calls can be told apart.
  const t = await testApp(
    { WORKER_CONCURRENCY: 4, OUTBOUND_ALLOW_HOSTS: '127.0.0.1' },
    { runtime: { worker: true, storage: new MemoryFileStorage() } },
  );
  try {
    const operator = await setupPlatform(t.app);
    const limits = { concurrency: CONCURRENCY, requestsPerMinute: 100_000 };
    await call(t, operator, 'PUT', '/api/v1/platform/integrations/text', {
      provider: 'openai_compatible',
      baseUrl: mock.url,
      model: 'gpt-bench',
      apiKey: 'sk-bench',
      options: { outputMode: 'structured', ...limits, tokensPerMinute: 0 },
    });
    await call(t, operator, 'PUT', '/api/v1/platform/integrations/image', {
      provider: 'openai_compatible',
      baseUrl: mock.url,
      model: 'gpt-image-1',
      apiKey: 'sk-bench',
      options: limits,
    });

    const a = await signup(t.app, 'a@bench.test', 'Account A');
    const b = await signup(t.app, 'b@bench.test', 'Account B');
    // Credits enough for the whole run (the default plan's would stop it at the ideas).
    for (const who of [a, b])
      await call(t, operator, 'POST', `/api/v1/platform/accounts/${accountIdOf(who)}/credits`, {
        amount: 10_000_000,
        reason: 'benchmark',
      });
    await call(t, b, 'PUT', `/api/v1/accounts/${accountIdOf(b)}/settings/integrations/text`, {
      provider: 'openai_compatible',
      baseUrl: mock.url,
      model: 'gpt-bench',
      apiKey: OTHER_KEY,
      options: { outputMode: 'structured', ...limits, tokensPerMinute: 0 },
    });
    const A = `/api/v1/accounts/${accountIdOf(a)}/sites/${await createSite(t.app, a, accountIdOf(a), 'A')}`;
    const B = `/api/v1/accounts/${accountIdOf(b)}/sites/${await createSite(t.app, b, accountIdOf(b), 'B')}`;
    const keywords = syntheticKeywords(KEYWORDS, 7).map((k) => ({ phrase: k.phrase, volume: k.volume ?? undefined }));
    await call(t, a, 'POST', `${A}/keywords`, { keywords });
    await call(t, b, 'POST', `${B}/keywords`, { keywords: keywords.slice(0, 60) });

    // Account B gets writer tasks first (not measured), for the overlap check.
    const prepare = async (who: Session, S: string, ideas: number) => {
      await queueReplies(replies.descriptions, 1000);
      await waitFor(
        t,
        who,
        accountIdOf(who),
        (await call<{ taskId: string }>(t, who, 'POST', `${S}/clusters/auto`, {})).taskId,
      );
      const clusters = (await call<{ items: { id: string }[] }>(t, who, 'GET', `${S}/clusters?limit=200`)).items;
      const used = clusters.slice(0, ideas);
      const perCluster = Math.min(3, Math.ceil(ideas / used.length));
      return { used, perCluster };
    };
    const other = await prepare(b, B, OTHER_ARTICLES);
    await queueReplies(replies.ideas, 1000);
    await waitFor(
      t,
      b,
      accountIdOf(b),
      (
        await call<{ taskId: string }>(t, b, 'POST', `${B}/ideas/generate`, {
          clusterIds: other.used.map((c) => c.id),
          perCluster: other.perCluster,
        })
      ).taskId,
    );
    const otherIdeas = (await call<{ items: { id: string }[] }>(t, b, 'GET', `${B}/ideas?limit=200`)).items.slice(
      0,
      OTHER_ARTICLES,
    );
    await call(t, b, 'POST', `${B}/writer/tasks`, { ideaIds: otherIdeas.map((i) => i.id) });
    const otherTasks = (await call<{ items: { id: string }[] }>(t, b, 'GET', `${B}/writer/tasks?limit=200`)).items;

    const rows: StageRow[] = [];
    await collect();
    log.length = 0;
    const stage = async (
      name: string,
      endpoint: 'chat' | 'images',
      reply: object | null,
      start: () => Promise<string | null>,
      during?: () => Promise<void>,
    ) => {
      if (reply) await queueReplies(reply, 1000);
      const from = log.length;
      const t0 = performance.now();
      const taskId = await start();
      const duringDone = during?.();
      const run = taskId ? await waitFor(t, a, accountIdOf(a), taskId) : undefined;
      const seconds = (performance.now() - t0) / 1000;
      await duringDone;
      await collect();
      const requests = log
        .slice(from)
        .filter((r) => r.endpoint === endpoint && r.headers.authorization !== `Bearer ${OTHER_KEY}`);
      rows.push({
        latency,
        stage: name,
        seconds,
        calls: requests.length,
        maxInFlight: peakInFlight(requests),
        status: run?.status ?? 'done',
      });
      return run;
    };
    const post = async (url: string, body: object) => (await call<{ taskId: string }>(t, a, 'POST', url, body)).taskId;
    const started = performance.now();

    await stage('auto-cluster (AI descriptions)', 'chat', replies.descriptions, () => post(`${A}/clusters/auto`, {}));
    const clusters = (await call<{ items: { id: string }[] }>(t, a, 'GET', `${A}/clusters?limit=200`)).items;
    const used = clusters.slice(0, IDEAS);
    const perCluster = Math.min(3, Math.ceil(IDEAS / used.length));
    await stage(`ideas (${used.length} clusters × ${perCluster})`, 'chat', replies.ideas, () =>
      post(`${A}/ideas/generate`, { clusterIds: used.map((c) => c.id), perCluster }),
    );
    const ideas = (await call<{ items: { id: string }[] }>(t, a, 'GET', `${A}/ideas?limit=200`)).items.slice(0, IDEAS);
    await stage(`queue ${ideas.length} ideas (no AI)`, 'chat', null, async () => {
      await call(t, a, 'POST', `${A}/writer/tasks`, { ideaIds: ideas.map((i) => i.id) });
      return null;
    });
    const writerTasks = (await call<{ items: { id: string }[] }>(t, a, 'GET', `${A}/writer/tasks?limit=200`)).items;
    let otherRun: TaskRun | undefined;
    const contentRun = await stage(
      `content (${writerTasks.length} articles)`,
      'chat',
      replies.article,
      () => post(`${A}/contents/generate`, { writerTaskIds: writerTasks.map((w) => w.id) }),
      async () => {
        const id = (
          await call<{ taskId: string }>(t, b, 'POST', `${B}/contents/generate`, {
            writerTaskIds: otherTasks.map((w) => w.id),
          })
        ).taskId;
        otherRun = await waitFor(t, b, accountIdOf(b), id);
      },
    );
    const contents = (await call<{ items: { id: string }[] }>(t, a, 'GET', `${A}/contents?limit=200`)).items;
    await stage(`image prompts (${contents.length} articles)`, 'chat', replies.prompts, () =>
      post(`${A}/image-prompts/generate`, { contentIds: contents.map((c) => c.id), maxInline: 1 }),
    );
    await stage('images (featured + 1 in-article each)', 'images', null, () =>
      post(`${A}/images/generate`, { contentIds: contents.map((c) => c.id) }),
    );
    const total = (performance.now() - started) / 1000;

    const span = (r?: TaskRun) => [Date.parse(r?.startedAt ?? ''), Date.parse(r?.finishedAt ?? '')] as const;
    const [a0, a1] = span(contentRun);
    const [b0, b1] = span(otherRun);
    const shared = Math.max(0, Math.min(a1, b1) - Math.max(a0, b0)) / 1000;
    const overlap = Number.isNaN(shared)
      ? 'unknown'
      : `${shared > 0 ? 'yes' : 'no'}: account B's content task (${OTHER_ARTICLES} articles, ${otherRun?.status}) ran ${((b1 - b0) / 1000).toFixed(1)} s, ${shared.toFixed(1)} s of it alongside account A's content stage`;
    return { rows, overlap, total };
  } finally {
    await t.close();
    mock.stop();
  }
}

const table: string[][] = [];
const notes: string[] = [];
for (const latency of LATENCIES) {
  const { rows, overlap, total } = await runLatency(latency);
  for (const r of rows) {
    const ideal = (r.calls * latency) / 1000 / CONCURRENCY;
    table.push([
      `${latency} ms`,
      r.stage,
      r.status,
      r.seconds.toFixed(2),
      String(r.calls),
      String(r.maxInFlight),
      r.calls ? (r.calls / r.seconds).toFixed(1) : '–',
      latency && r.calls ? ideal.toFixed(2) : '–',
      latency && r.calls ? (ideal / r.seconds).toFixed(2) : '–',
    ]);
  }
  table.push([
    `${latency} ms`,
    'whole pipeline',
    '',
    total.toFixed(2),
    String(rows.reduce((s, r) => s + r.calls, 0)),
    '',
    '',
    '',
    '',
  ]);
  notes.push(`${latency} ms — two accounts overlap: ${overlap}`);
}

const head = [
  'latency',
  'stage',
  'status',
  'wall s',
  'calls',
  'max in flight',
  'calls/s',
  `ideal s (÷${CONCURRENCY})`,
  'ideal ÷ wall',
];
console.log(`\n${KEYWORDS} keywords, concurrency ${CONCURRENCY} per capability, mock provider\n`);
console.log(`| ${head.join(' | ')} |\n|${head.map(() => ' --- |').join('')}`);
for (const r of table) console.log(`| ${r.join(' | ')} |`);
console.log('');
for (const n of notes) console.log(n);
