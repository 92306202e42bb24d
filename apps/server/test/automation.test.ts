/**
 * Automation through the API and a real worker: configuration, run now with exact batch sizes in
 * stage order, one active run per site (released by success, cancel, failure and a lost step),
 * pause and resume at item boundaries, the schedule taken once by two runtimes, the budget, and
 * stages with nothing to do. The provider is the offline default; stages are real task runs.
 */
import type { AutomationConfigBody, AutomationRun, AutomationRunSummary, TaskRun } from '@igny8/contracts';
import { defaultAutomationConfig } from '@igny8/contracts';
import { and, eq } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { automationConfigs, automationRuns, memberships, taskRuns } from '../src/db/schema/index';
import { QUEUE_SCHEMA } from '../src/jobs/queue';
import { Runtime } from '../src/runtime';
import { bearer, tenantFixture, testApp, type Session, type TestApp } from './helpers/app';
import { addCoffeeKeywords, createSite } from './helpers/planner';
import { insertArticle } from './helpers/rows';
import { fastRetry } from './helpers/tasks';
import { webhookReceiver } from './helpers/webhook-receiver';

let t: TestApp;
let f: Awaited<ReturnType<typeof tenantFixture>>;

beforeAll(async () => {
  // Publishing reaches the test's own webhook receiver on loopback.
  t = await testApp({ OUTBOUND_ALLOW_HOSTS: '127.0.0.1' }, { runtime: { worker: true, retryPolicy: fastRetry } });
  f = await tenantFixture(t.app);
});
afterAll(async () => {
  await t?.close();
});

const A = () => `/api/v1/accounts/${f.accountId}`;

type ConfigOver = Omit<Partial<AutomationConfigBody>, 'stages'> & { stages?: Partial<AutomationConfigBody['stages']> };

function config(over: ConfigOver = {}): AutomationConfigBody {
  return {
    ...defaultAutomationConfig,
    ...over,
    stages: { ...defaultAutomationConfig.stages, ...over.stages },
    limits: over.limits ?? {},
    delays: over.delays ?? { withinStageSeconds: 0, betweenStagesSeconds: 0 },
  };
}

async function site(name: string, keywords = true): Promise<{ id: string; S: string }> {
  const id = await createSite(t.app, f.owner, f.accountId, name);
  if (keywords) await addCoffeeKeywords(t.app, f.editor, f.accountId, id);
  return { id, S: `${A()}/sites/${id}` };
}

async function configure(S: string, body: AutomationConfigBody) {
  const res = await t.app.inject({ method: 'PUT', url: `${S}/automation`, headers: bearer(f.admin), payload: body });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function runNow(S: string, who: Session = f.editor): Promise<string> {
  const res = await t.app.inject({ method: 'POST', url: `${S}/automation/runs`, headers: bearer(who) });
  expect(res.statusCode, res.body).toBe(202);
  return res.json().runId;
}

async function getRun(S: string, runId: string): Promise<AutomationRun> {
  const res = await t.app.inject({ method: 'GET', url: `${S}/automation/runs/${runId}`, headers: bearer(f.viewer) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function waitFor(
  S: string,
  runId: string,
  done: (r: AutomationRun) => boolean,
  timeoutMs = 60_000,
): Promise<AutomationRun> {
  const started = Date.now();
  for (;;) {
    const r = await getRun(S, runId);
    if (done(r)) return r;
    if (Date.now() - started > timeoutMs)
      throw new Error(`run still ${r.status} at ${r.stage}: ${JSON.stringify(r.log.slice(-5))}`);
    await new Promise((res) => setTimeout(res, 150));
  }
}
const ended = (r: AutomationRun) => !['queued', 'running', 'paused'].includes(r.status);

/** The task runs of an automation run, oldest first, with their inputs (what each batch took). */
async function batchesOf(runId: string) {
  return t.database.db.select().from(taskRuns).where(eq(taskRuns.automationRunId, runId)).orderBy(taskRuns.createdAt);
}

describe('automation configuration', () => {
  it('reads the defaults, refuses bad settings with clear errors, and saves the next start in the time zone', async () => {
    const { S } = await site('Config site', false);
    const read = await t.app.inject({ method: 'GET', url: `${S}/automation`, headers: bearer(f.viewer) });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({
      enabled: false,
      nextRunAt: null,
      stages: { cluster: { enabled: true, batchSize: 100 } },
    });

    const bad = async (body: object, path: string) => {
      const res = await t.app.inject({
        method: 'PUT',
        url: `${S}/automation`,
        headers: bearer(f.admin),
        payload: body,
      });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.code).toBe('validation_failed');
      expect(JSON.stringify(res.json())).toContain(path);
    };
    await bad({ ...config(), schedule: { frequency: 'daily', time: '25:00', timezone: 'UTC' } }, 'time');
    await bad({ ...config(), schedule: { frequency: 'weekly', time: '06:00', timezone: 'UTC' } }, 'weekday');
    await bad({ ...config(), schedule: { frequency: 'daily', time: '06:00', timezone: 'Mars/Olympus' } }, 'timezone');
    await bad(config({ stages: { cluster: { enabled: true, batchSize: 0 } } }), 'batchSize');
    await bad({ ...config(), limits: { maxCreditsPerRun: -5 } }, 'maxCreditsPerRun');
    expect(
      (await t.app.inject({ method: 'GET', url: `${S}/automation`, headers: bearer(f.viewer) })).json().updatedAt,
    ).toBeNull();

    for (const who of [f.viewer, f.editor]) {
      const res = await t.app.inject({
        method: 'PUT',
        url: `${S}/automation`,
        headers: bearer(who),
        payload: config(),
      });
      expect(res.statusCode).toBe(403);
    }
    const saved = await configure(
      S,
      config({
        enabled: true,
        schedule: { frequency: 'weekly', weekday: 1, time: '06:30', timezone: 'Europe/Berlin' },
      }),
    );
    const next = new Date(saved.nextRunAt);
    expect(next.getTime()).toBeGreaterThan(Date.now());
    // Monday 06:30 on Berlin's wall clock, whatever the season.
    const wall = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Berlin',
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
    }).format(next);
    expect(wall).toBe('Mon 06:30');
  });
});

describe('a run', () => {
  it('runs every enabled stage in order with exact batch sizes, links its tasks, logs, and frees the site', async () => {
    const { S } = await site('Pipeline site');
    await configure(
      S,
      config({
        stages: {
          cluster: { enabled: true, batchSize: 5 },
          ideas: { enabled: true, batchSize: 2, perCluster: 1 },
          queue: { enabled: true, batchSize: 3 },
          content: { enabled: true, batchSize: 2, internalLinks: 2 },
          imagePrompts: { enabled: true, batchSize: 2 },
          images: { enabled: true, batchSize: 4 },
          publish: { enabled: true, batchSize: 2, mode: 'draft' },
        },
        limits: { maxArticlesPerRun: 3 },
      }),
    );
    const runId = await runNow(S);
    const run = await waitFor(S, runId, ended);
    expect(run.status, JSON.stringify(run.log)).toBe('succeeded');
    expect(run.trigger).toBe('manual');

    const batches = await batchesOf(runId);
    const sizes = (kind: string, field: string) =>
      batches.filter((b) => b.kind === kind).map((b) => ((b.input as Record<string, unknown[]>)[field] ?? []).length);
    // 12 keywords in batches of 5.
    expect(sizes('clusters.auto', 'keywordIds')).toEqual([5, 5, 2]);
    const clusterCount = run.stages.find((s) => s.stage === 'cluster')!.created;
    expect(clusterCount).toBeGreaterThan(0);
    const ideaBatches = sizes('ideas.generate', 'clusterIds');
    expect(ideaBatches.every((n, i) => n === (i < ideaBatches.length - 1 ? 2 : n) && n <= 2)).toBe(true);
    // The article cap: 3 articles, in batches of 2.
    expect(sizes('content.generate', 'writerTaskIds')).toEqual([2, 1]);
    expect(sizes('image_prompts.generate', 'contentIds')).toEqual([2, 1]);
    expect(sizes('images.generate', 'imagePromptIds').every((n) => n <= 4)).toBe(true);
    // Stages ran one after another, in the pipeline's order.
    const order = ['clusters.auto', 'ideas.generate', 'content.generate', 'image_prompts.generate', 'images.generate'];
    const kinds = batches.map((b) => b.kind).filter((k, i, all) => all.indexOf(k) === i);
    expect(kinds).toEqual(order);
    for (let i = 1; i < batches.length; i++)
      expect(batches[i]!.createdAt.getTime()).toBeGreaterThanOrEqual(batches[i - 1]!.finishedAt!.getTime());

    const byStage = Object.fromEntries(run.stages.map((s) => [s.stage, s]));
    expect(byStage.cluster).toMatchObject({ status: 'succeeded', processed: 12 });
    expect(byStage.queue!.created).toBe(byStage.queue!.processed);
    expect(byStage.content).toMatchObject({ status: 'succeeded', processed: 3, created: 3 });
    expect(byStage.publish).toMatchObject({ status: 'succeeded', processed: 3, created: 3 });
    expect(byStage.cluster!.taskRunIds).toHaveLength(3);
    for (const s of run.stages) for (const id of s.taskRunIds) expect(batches.map((b) => b.id)).toContain(id);
    // Task runs say which automation run they belong to, in the API too.
    const task = (
      await t.app.inject({
        method: 'GET',
        url: `${A()}/tasks/${byStage.content!.taskRunIds[0]}`,
        headers: bearer(f.viewer),
      })
    ).json() as TaskRun;
    expect(task.automationRunId).toBe(runId);
    // The articles went to review (draft mode publishes nothing).
    const contents = (
      await t.app.inject({ method: 'GET', url: `${S}/contents?limit=50`, headers: bearer(f.viewer) })
    ).json().items as { status: string }[];
    expect(contents.map((c) => c.status).sort()).toEqual(['review', 'review', 'review']);

    expect(run.log[0]!.message).toContain('Queued');
    expect(run.log.some((l) => l.stage === 'cluster' && l.message.includes('batch 3 started with 2 items'))).toBe(true);
    expect(run.log.at(-1)!.message).toContain('Run finished');
    // After each batch of articles, the best internal links between the site's articles went in.
    expect(run.log.filter((l) => l.stage === 'content' && l.message.startsWith('Internal links:'))).toHaveLength(2);
    expect(run.stages.every((s) => s.finishedAt)).toBe(true);

    const history = await t.app.inject({ method: 'GET', url: `${S}/automation/runs`, headers: bearer(f.viewer) });
    expect(history.json().items.map((r: AutomationRunSummary) => r.id)).toContain(runId);
    const overview = (
      await t.app.inject({ method: 'GET', url: `${S}/automation/overview`, headers: bearer(f.viewer) })
    ).json();
    expect(overview.activeRun).toBeNull();
    // The site is free: the next run starts, and takes only what still waits.
    const waitingBefore = overview.waiting.cluster as number;
    const again = await runNow(S);
    const second = await waitFor(S, again, ended);
    expect(second.stages.find((s) => s.stage === 'cluster')!.processed).toBe(waitingBefore);
  });

  it('a stage with nothing to do is skipped and says so; a stage turned off is skipped', async () => {
    const { S } = await site('Empty site', false);
    await configure(S, config({ stages: { images: { enabled: false, batchSize: 5 } } }));
    const run = await waitFor(S, await runNow(S), ended);
    expect(run.status).toBe('succeeded');
    expect(run.stages.every((s) => s.status === 'skipped')).toBe(true);
    expect(run.log.filter((l) => l.message.includes('nothing waiting, skipped'))).toHaveLength(5);
    expect(run.log.find((l) => l.stage === 'images')!.message).toContain('turned off');
    expect(await batchesOf(run.id)).toHaveLength(0);
  });

  it('one active run per site: a second start is 409 naming the active run; cancel ends it and frees the site', async () => {
    const { S } = await site('Busy site');
    await configure(
      S,
      config({
        stages: { cluster: { enabled: true, batchSize: 12 } },
        delays: { withinStageSeconds: 1, betweenStagesSeconds: 0 },
      }),
    );
    const runId = await runNow(S);
    const second = await t.app.inject({ method: 'POST', url: `${S}/automation/runs`, headers: bearer(f.editor) });
    expect(second.statusCode).toBe(409);
    expect(second.json().error).toMatchObject({ code: 'automation_running', details: { runId } });
    // A viewer may watch but not cancel.
    expect(
      (await t.app.inject({ method: 'POST', url: `${S}/automation/runs/${runId}/cancel`, headers: bearer(f.viewer) }))
        .statusCode,
    ).toBe(403);

    await waitFor(S, runId, (r) => r.stages[0]!.taskRunIds.length > 0);
    const cancel = await t.app.inject({
      method: 'POST',
      url: `${S}/automation/runs/${runId}/cancel`,
      headers: bearer(f.editor),
    });
    expect(cancel.statusCode, cancel.body).toBe(200);
    const run = await waitFor(S, runId, ended);
    expect(run.status).toBe('cancelled');
    expect(run.stages[0]!.status).toBe('cancelled');
    const task = (await batchesOf(runId))[0]!;
    expect(task.status).toBe('cancelled');
    expect(run.log.some((l) => l.message === 'Cancelled')).toBe(true);
    // Cancelling again is a clear 409; the site takes a new run at once.
    expect(
      (
        await t.app.inject({ method: 'POST', url: `${S}/automation/runs/${runId}/cancel`, headers: bearer(f.editor) })
      ).json().error.code,
    ).toBe('conflict');
    const next = await runNow(S);
    await t.app.inject({ method: 'POST', url: `${S}/automation/runs/${next}/cancel`, headers: bearer(f.editor) });
    await waitFor(S, next, ended);
  });

  it('pause stops at an item boundary, resume continues from there; nothing is lost or done twice', async () => {
    const { S } = await site('Pause site');
    await configure(
      S,
      config({
        stages: { cluster: { enabled: true, batchSize: 12 }, ideas: { enabled: false, batchSize: 1, perCluster: 1 } },
        delays: { withinStageSeconds: 1, betweenStagesSeconds: 0 },
      }),
    );
    const runId = await runNow(S);
    await waitFor(S, runId, (r) => r.stages[0]!.taskRunIds.length > 0);
    const pause = await t.app.inject({
      method: 'POST',
      url: `${S}/automation/runs/${runId}/pause`,
      headers: bearer(f.editor),
    });
    expect(pause.statusCode, pause.body).toBe(200);
    const paused = await waitFor(S, runId, (r) => r.status === 'paused');
    expect(paused.currentTaskRunId).toBeNull();
    // Paused holds the site.
    expect(
      (await t.app.inject({ method: 'POST', url: `${S}/automation/runs`, headers: bearer(f.editor) })).statusCode,
    ).toBe(409);
    await new Promise((r) => setTimeout(r, 600));
    expect((await getRun(S, runId)).status).toBe('paused');

    const resume = await t.app.inject({
      method: 'POST',
      url: `${S}/automation/runs/${runId}/resume`,
      headers: bearer(f.editor),
    });
    expect(resume.statusCode, resume.body).toBe(200);
    const run = await waitFor(S, runId, ended);
    expect(run.status, JSON.stringify(run.log)).toBe('succeeded');
    const cluster = run.stages[0]!;
    expect(cluster.taskRunIds.length).toBeGreaterThanOrEqual(2);
    expect(cluster.processed).toBe(12);
    expect(run.log.map((l) => l.message)).toEqual(expect.arrayContaining(['Paused', 'Resumed']));
    const unclustered = (
      await t.app.inject({ method: 'GET', url: `${S}/automation/overview`, headers: bearer(f.viewer) })
    ).json().waiting.cluster;
    expect(unclustered).toBe(0);
  });

  it('stops before it would exceed its credit budget, and says so', async () => {
    const { S } = await site('Budget site');
    await configure(
      S,
      config({ stages: { cluster: { enabled: true, batchSize: 100 } }, limits: { maxCreditsPerRun: 1 } }),
    );
    const run = await waitFor(S, await runNow(S), ended);
    expect(run.status).toBe('partial');
    expect(run.creditsUsed).toBeLessThanOrEqual(1);
    const stop = run.log.find((l) => l.message.startsWith('Stopped before the budget'));
    expect(stop, JSON.stringify(run.log)).toBeDefined();
    expect(stop!.level).toBe('warn');
    // The stage after the stop never started.
    expect(run.stages.at(-1)!.status).toBe('waiting');
  });

  it('a run whose member lost the right to run it fails, and frees the site', async () => {
    const { S } = await site('Failing site');
    await configure(S, config({ delays: { withinStageSeconds: 0, betweenStagesSeconds: 5 } }));
    const member = f.editor;
    const runId = await runNow(S, member);
    await waitFor(S, runId, (r) => r.log.some((l) => l.message.startsWith('Waiting 5 s')));
    await t.database.db
      .update(memberships)
      .set({ role: 'viewer' })
      .where(and(eq(memberships.accountId, f.accountId), eq(memberships.userId, member.userId)));
    try {
      const run = await waitFor(S, runId, ended, 30_000);
      expect(run.status).toBe('failed');
      expect(run.log.at(-1)!.level).toBe('error');
      expect(
        (await t.app.inject({ method: 'GET', url: `${S}/automation/overview`, headers: bearer(f.viewer) })).json()
          .activeRun,
      ).toBeNull();
    } finally {
      await t.database.db
        .update(memberships)
        .set({ role: 'editor' })
        .where(and(eq(memberships.accountId, f.accountId), eq(memberships.userId, member.userId)));
    }
  });

  it('a run whose step was lost (a crashed worker) is moved on by the sweeper and ends', async () => {
    const { S } = await site('Lost step site');
    const off = { enabled: false, batchSize: 1 };
    await configure(
      S,
      config({
        stages: {
          ideas: { ...off, perCluster: 1 },
          queue: off,
          content: off,
          imagePrompts: off,
          images: off,
          publish: { ...off, mode: 'draft' },
        },
        delays: { withinStageSeconds: 0, betweenStagesSeconds: 600 },
      }),
    );
    const runId = await runNow(S);
    await waitFor(S, runId, (r) => r.log.some((l) => l.message.startsWith('Waiting 600 s')));
    // As if its worker had died: the delayed step job is gone, and nothing moved the run for minutes.
    await t.database.executeSql(`delete from ${QUEUE_SCHEMA}.job where name = 'automation.step'`);
    await t.database.db
      .update(automationRuns)
      .set({ updatedAt: new Date(Date.now() - 10 * 60_000) })
      .where(eq(automationRuns.id, runId));
    const { stepped } = await t.app.runtime.automation.tick();
    expect(stepped).toEqual([runId]);
    const run = await waitFor(S, runId, ended);
    expect(run.status).toBe('succeeded');
    expect(
      (await t.app.inject({ method: 'GET', url: `${S}/automation/overview`, headers: bearer(f.viewer) })).json()
        .activeRun,
    ).toBeNull();
  });
});

describe('the publish stage', () => {
  it('publishes the articles waiting at a destination, in batches, and counts what went out', async () => {
    const SECRET = 'automation-webhook-secret-0123456789';
    const hook = await webhookReceiver(SECRET);
    try {
      const { id, S } = await site('Publishing site', false);
      const dest = await t.app.inject({
        method: 'POST',
        url: `${S}/publishing/destinations`,
        headers: bearer(f.admin),
        payload: { kind: 'webhook', name: 'CMS', url: hook.url, secret: SECRET },
      });
      expect(dest.statusCode, dest.body).toBe(201);
      for (let n = 1; n <= 3; n++) await insertArticle(t.database.db, f.accountId, id, n);
      const off = { enabled: false, batchSize: 1 };
      await configure(
        S,
        config({
          stages: {
            cluster: off,
            ideas: { ...off, perCluster: 1 },
            queue: off,
            content: off,
            imagePrompts: off,
            images: off,
            publish: { enabled: true, batchSize: 2, mode: 'immediate' },
          },
        }),
      );
      // Publishing is an admin's (or an editor's where the site allows it): the admin runs it.
      const run = await waitFor(S, await runNow(S, f.admin), ended);
      expect(run.status, JSON.stringify(run.log)).toBe('succeeded');
      expect(run.stages.at(-1)).toMatchObject({ stage: 'publish', status: 'succeeded', processed: 3, created: 3 });
      expect(
        (await batchesOf(run.id)).map((b) => (b.input as { publicationIds: string[] }).publicationIds.length),
      ).toEqual([2, 1]);
      expect(hook.deliveries.filter((d) => d.body.event === 'publish')).toHaveLength(3);
    } finally {
      await hook.close();
    }
  });

  it('mode "schedule" places the articles on the site\'s publishing schedule, and counts the scheduled ones as done', async () => {
    const SECRET = 'automation-webhook-secret-0123456789';
    const hook = await webhookReceiver(SECRET);
    try {
      const { id, S } = await site('Scheduled publishing site', false);
      const dest = await t.app.inject({
        method: 'POST',
        url: `${S}/publishing/destinations`,
        headers: bearer(f.admin),
        payload: { kind: 'webhook', name: 'CMS', url: hook.url, secret: SECRET },
      });
      expect(dest.statusCode, dest.body).toBe(201);
      const settings = await t.app.inject({
        method: 'PUT',
        url: `${S}/publishing/settings`,
        headers: bearer(f.admin),
        payload: { scheduleMode: 'stagger', staggerHours: 6 },
      });
      expect(settings.statusCode, settings.body).toBe(200);
      for (let n = 1; n <= 3; n++) await insertArticle(t.database.db, f.accountId, id, n);
      const off = { enabled: false, batchSize: 1 };
      await configure(
        S,
        config({
          stages: {
            cluster: off,
            ideas: { ...off, perCluster: 1 },
            queue: off,
            content: off,
            imagePrompts: off,
            images: off,
            publish: { enabled: true, batchSize: 5, mode: 'schedule' },
          },
        }),
      );
      const startedAt = Date.now();
      const run = await waitFor(S, await runNow(S, f.admin), ended);
      expect(run.status, JSON.stringify(run.log)).toBe('succeeded');
      expect(run.stages.at(-1)).toMatchObject({ stage: 'publish', status: 'succeeded', processed: 3, created: 3 });
      const pubs = await t.app.inject({ method: 'GET', url: `${S}/publishing/calendar`, headers: bearer(f.admin) });
      expect(pubs.statusCode, pubs.body).toBe(200);
      const items = (pubs.json().items as { status: string; at: string }[]).sort(
        (a, b) => Date.parse(a.at) - Date.parse(b.at),
      );
      // Staggered 6 hours apart: the first goes out now, the others wait for the dispatcher at their times.
      expect(items.map((p) => p.status)).toEqual(['published', 'scheduled', 'scheduled']);
      const times = items.map((p) => Date.parse(p.at));
      for (let i = 1; i < times.length; i++)
        expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(6 * 3600_000 - 60_000);
      expect(times[2]!).toBeGreaterThan(startedAt + 11 * 3600_000);
      expect(hook.deliveries.filter((d) => d.body.event === 'publish')).toHaveLength(1);
      expect(run.log.map((l: { message: string }) => l.message).join('\n')).toContain('3 made');
    } finally {
      await hook.close();
    }
  });
});

describe('the schedule', () => {
  it('starts a due run once with two worker runtimes, once for a schedule missed for days, and moves on', async () => {
    const { id, S } = await site('Scheduled site');
    await configure(S, config({ enabled: true, stages: { ideas: { enabled: false, batchSize: 1, perCluster: 1 } } }));
    // Missed three days while everything was down.
    await t.database.db
      .update(automationConfigs)
      .set({ nextRunAt: new Date(Date.now() - 3 * 86_400_000) })
      .where(eq(automationConfigs.siteId, id));
    const log = pino({ level: 'silent' });
    const workers = [0, 1].map(
      () =>
        new Runtime(t.config, t.database, log, {
          worker: true,
          storage: t.app.runtime.storage,
          retryPolicy: fastRetry,
          stopTimeoutMs: 1_000,
        }),
    );
    try {
      await Promise.all(workers.map((w) => w.start()));
      const ticks = await Promise.all([...workers, ...workers].map((w) => w.automation.tick()));
      const started = ticks.flatMap((x) => x.started);
      // The app's own worker ticks every minute too (its cron): when its tick came first, these start none.
      expect(started.length).toBeLessThanOrEqual(1);
      const runs = (
        await t.app.inject({ method: 'GET', url: `${S}/automation/runs`, headers: bearer(f.viewer) })
      ).json().items as AutomationRunSummary[];
      expect(runs.map((r) => r.trigger)).toEqual(['schedule']);
      if (started.length === 1) expect(started[0]).toBe(runs[0]!.id);
      const cfg = (await t.app.inject({ method: 'GET', url: `${S}/automation`, headers: bearer(f.viewer) })).json();
      expect(new Date(cfg.nextRunAt).getTime()).toBeGreaterThan(Date.now());
      // The next tick has nothing due.
      expect((await workers[0]!.automation.tick()).started).toEqual([]);
      const run = await waitFor(S, runs[0]!.id, ended);
      expect(run.status).toBe('succeeded');
      expect(run.log[0]!.message).toBe('Queued by the schedule');
    } finally {
      for (const w of workers) await w.stop();
    }
  });
});

describe('plans', () => {
  it('a plan without automation refuses run now and turning the schedule on (402 feature_not_in_plan)', async () => {
    const { S } = await site('Starter site', false);
    const starter = await t.database.executeSql(`select id from plans where name = 'Starter'`);
    const planId = (starter.rows[0] as { id: string }).id;
    const changed = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/platform/accounts/${f.accountId}/plan`,
      headers: bearer(f.operator),
      payload: { planId },
    });
    expect(changed.statusCode, changed.body).toBeLessThan(300);
    try {
      const run = await t.app.inject({ method: 'POST', url: `${S}/automation/runs`, headers: bearer(f.editor) });
      expect(run.statusCode).toBe(402);
      expect(run.json().error.code).toBe('feature_not_in_plan');
      const on = await t.app.inject({
        method: 'PUT',
        url: `${S}/automation`,
        headers: bearer(f.admin),
        payload: config({ enabled: true }),
      });
      expect(on.statusCode).toBe(402);
    } finally {
      const open = await t.database.executeSql(`select id from plans where name = 'Open'`);
      await t.app.inject({
        method: 'PUT',
        url: `/api/v1/platform/accounts/${f.accountId}/plan`,
        headers: bearer(f.operator),
        payload: { planId: (open.rows[0] as { id: string }).id },
      });
    }
  });
});
