import {
  automationConfigBodySchema,
  automationStages,
  defaultAutomationConfig,
  isTerminalTaskStatus,
  type AutomationConfig,
  type AutomationConfigBody,
  type AutomationOverview,
  type AutomationRun,
  type AutomationRunSummary,
  type AutomationStageState,
} from '@igny8/contracts';
import type { FastifyBaseLogger } from 'fastify';
import type { TenantContext } from '../../access/context';
import { AppError, conflict, notFound } from '../../http/errors';
import type { CronJob } from '../../jobs/schedules';
import { audit } from '../audit/service';
import { requireSite } from '../sites/repo';
import { getTaskRun } from '../tasks/repo';
import { AutomationDriver, type StageState } from './driver';
import * as repo from './repo';
import { isTimeZone, nextRunAfter } from './schedule';
import type { StageDeps } from './stages';
import type { TaskQueue } from '../../jobs/queue';

/** A run nothing moved for this long is stepped again by the sweeper (a lost step job, a crashed worker). */
const IDLE_SECONDS = 120;

/**
 * Automation of a site's pipeline: its configuration, runs started by hand or by the schedule,
 * pause, resume and cancel, and what waits at each stage. The driver moves runs on.
 */
export class Automation {
  readonly driver: AutomationDriver;

  constructor(private readonly deps: StageDeps & { queue: TaskQueue; log: FastifyBaseLogger }) {
    this.driver = new AutomationDriver(deps);
  }

  private get db() {
    return this.deps.database.db;
  }

  async config(t: TenantContext, siteId: string): Promise<AutomationConfig> {
    await requireSite(this.db, t, siteId);
    const row = await repo.getConfig(this.db, t, siteId);
    if (!row) return { ...automationConfigBodySchema.parse(defaultAutomationConfig), nextRunAt: null, updatedAt: null };
    return toConfig(row);
  }

  async configure(t: TenantContext, siteId: string, body: AutomationConfigBody): Promise<AutomationConfig> {
    const site = await requireSite(this.db, t, siteId);
    if (!isTimeZone(body.schedule.timezone)) {
      throw new AppError(
        400,
        'validation_failed',
        `Unknown time zone “${body.schedule.timezone}”: use an IANA name such as Europe/Berlin`,
        {
          issues: [{ path: ['schedule', 'timezone'], message: 'unknown time zone' }],
        },
      );
    }
    if (body.enabled) await this.assertInPlan(t);
    const nextRunAt = body.enabled ? nextRunAfter(body.schedule, new Date()) : null;
    const row = await this.deps.database.transaction(async (tx) => {
      const saved = await repo.saveConfig(tx.db, t, siteId, body, nextRunAt);
      await audit.record(tx.db, t, {
        action: 'automation.configured',
        target: { type: 'site', id: siteId, label: site.name },
        details: { enabled: body.enabled, schedule: body.schedule },
      });
      return saved;
    });
    return toConfig(row);
  }

  private async assertInPlan(t: TenantContext): Promise<void> {
    if (!(await this.deps.billing.hasFeature(t.accountId, 'automation'))) {
      throw new AppError(
        402,
        'feature_not_in_plan',
        'Automation is not part of this account’s plan: change the plan to use it',
      );
    }
  }

  /** Run now: 202 with the run, or 409 automation_running naming the site's active run. */
  async start(t: TenantContext, siteId: string, trigger: 'manual' | 'schedule' = 'manual'): Promise<{ runId: string }> {
    const site = await requireSite(this.db, t, siteId);
    await this.assertInPlan(t);
    const row = await repo.getConfig(this.db, t, siteId);
    const config = automationConfigBodySchema.parse(row ? toBody(row) : defaultAutomationConfig);
    const run = await this.deps.database.transaction(async (tx) => {
      const inserted = await repo.insertRun(tx.db, t, {
        siteId,
        trigger,
        requestedBy: t.userId || null,
        config,
        stages: freshStages(),
      });
      if (inserted) {
        await repo.appendLog(tx.db, t, inserted.id, {
          level: 'info',
          stage: null,
          message: trigger === 'schedule' ? 'Queued by the schedule' : 'Queued by a member (run now)',
        });
        await audit.record(tx.db, t, {
          action: 'automation.run_started',
          target: { type: 'site', id: siteId, label: site.name },
          details: { runId: inserted.id, trigger },
        });
      }
      return inserted;
    });
    if (!run) {
      const active = await repo.activeRunOf(this.db, t, siteId);
      throw new AppError(
        409,
        'automation_running',
        'An automation run of this site is already active: pause, resume or cancel it',
        { runId: active?.id ?? null },
      );
    }
    await this.driver.requestStep(run.id);
    return { runId: run.id };
  }

  async pause(t: TenantContext, siteId: string, runId: string): Promise<AutomationRun> {
    await this.requireRun(t, siteId, runId);
    await this.driver.exclusive(runId, async () => {
      const run = await this.requireRun(t, siteId, runId);
      if (run.status === 'paused') return;
      if (run.status !== 'queued' && run.status !== 'running')
        throw conflict('conflict', `The run has already ${run.status === 'cancelled' ? 'been cancelled' : 'ended'}`);
      const live = await this.liveTaskOf(t, run);
      // A running batch stops at its next item boundary; its end pauses the run.
      await repo.updateRun(
        this.db,
        t,
        runId,
        live ? { pauseRequested: true } : { pauseRequested: true, status: 'paused' },
        ['queued', 'running'],
      );
      if (live) await this.deps.tasks.cancel(t, live).catch(() => undefined);
      await repo.appendLog(this.db, t, runId, {
        level: 'info',
        stage: null,
        message: live ? 'Pause asked: the current batch stops after its running items' : 'Paused',
      });
      await audit.record(this.db, t, {
        action: 'automation.run_paused',
        target: { type: 'automation_run', id: runId },
      });
    });
    return this.run(t, siteId, runId);
  }

  async resume(t: TenantContext, siteId: string, runId: string): Promise<AutomationRun> {
    await this.requireRun(t, siteId, runId);
    await this.driver.exclusive(runId, async () => {
      const run = await this.requireRun(t, siteId, runId);
      if (run.status !== 'paused' && !(run.pauseRequested && run.status === 'running'))
        throw conflict('conflict', 'Only a paused run can be resumed');
      await repo.updateRun(
        this.db,
        t,
        runId,
        { pauseRequested: false, status: run.status === 'paused' ? 'running' : run.status },
        ['running', 'paused'],
      );
      await repo.appendLog(this.db, t, runId, { level: 'info', stage: null, message: 'Resumed' });
      await audit.record(this.db, t, {
        action: 'automation.run_resumed',
        target: { type: 'automation_run', id: runId },
      });
    });
    await this.driver.requestStep(runId);
    return this.run(t, siteId, runId);
  }

  async cancel(t: TenantContext, siteId: string, runId: string): Promise<AutomationRun> {
    await this.requireRun(t, siteId, runId);
    await this.driver.exclusive(runId, async () => {
      const run = await this.requireRun(t, siteId, runId);
      if (!['queued', 'running', 'paused'].includes(run.status))
        throw conflict('conflict', `The run has already ${run.status === 'cancelled' ? 'been cancelled' : 'ended'}`);
      const live = await this.liveTaskOf(t, run);
      await audit.record(this.db, t, {
        action: 'automation.run_cancelled',
        target: { type: 'automation_run', id: runId },
      });
      if (live) {
        await repo.updateRun(this.db, t, runId, { cancelRequested: true }, ['queued', 'running', 'paused']);
        await repo.appendLog(this.db, t, runId, {
          level: 'warn',
          stage: null,
          message: 'Cancel asked: the current batch stops after its running items',
        });
        await this.deps.tasks.cancel(t, live).catch(() => undefined);
        return;
      }
      // Nothing running: the run ends now, and the site is free for the next one.
      const stages = (run.stages as StageState[]).map((s) =>
        s.status === 'running' || s.status === 'waiting'
          ? { ...s, status: 'cancelled' as const, finishedAt: s.finishedAt ?? new Date().toISOString() }
          : s,
      );
      await repo.updateRun(
        this.db,
        t,
        runId,
        { cancelRequested: true, status: 'cancelled', finishedAt: new Date(), stages },
        ['queued', 'running', 'paused'],
      );
      await repo.appendLog(this.db, t, runId, { level: 'warn', stage: null, message: 'Cancelled' });
    });
    return this.run(t, siteId, runId);
  }

  private async liveTaskOf(t: TenantContext, run: repo.RunRow): Promise<string | null> {
    if (!run.currentTaskRunId) return null;
    const task = await getTaskRun(this.db, t, run.currentTaskRunId);
    return task && !isTerminalTaskStatus(task.status) ? task.id : null;
  }

  private async requireRun(t: TenantContext, siteId: string, runId: string): Promise<repo.RunRow> {
    const run = await repo.getRun(this.db, t, siteId, runId);
    if (!run) throw notFound('Automation run');
    return run;
  }

  async run(t: TenantContext, siteId: string, runId: string): Promise<AutomationRun> {
    const row = await this.requireRun(t, siteId, runId);
    return {
      ...toSummary(row),
      stages: (row.stages as StageState[]).map(toStage),
      log: await repo.logOf(this.db, t, runId),
      pauseRequested: row.pauseRequested,
      cancelRequested: row.cancelRequested,
    };
  }

  async runs(t: TenantContext, siteId: string, page: { limit: number; offset: number }) {
    await requireSite(this.db, t, siteId);
    const { rows, total } = await repo.listRuns(this.db, t, siteId, page);
    return { items: rows.map(toSummary), total };
  }

  async overview(t: TenantContext, siteId: string): Promise<AutomationOverview> {
    await requireSite(this.db, t, siteId);
    const [waiting, active] = await Promise.all([
      repo.waitingCounts(this.db, t, siteId),
      repo.activeRunOf(this.db, t, siteId),
    ]);
    return { waiting, activeRun: active ? toSummary(active) : null };
  }

  /** A task ended: if it was a stage of a run, the run takes its next step. */
  async taskEnded(run: { id: string; automationRunId: string | null }): Promise<void> {
    if (run.automationRunId) await this.driver.requestStep(run.automationRunId);
  }

  /**
   * Every minute, once across workers (pg-boss cron): starts the runs whose schedule has come
   * (each due start taken once, by a conditional update; a schedule missed while everything was
   * down starts once, then moves on to its next time), and steps runs nothing moved for a while.
   */
  get cron(): CronJob {
    return { name: 'automation.tick', cron: '* * * * *', handler: async () => void (await this.tick()) };
  }

  async tick(now = new Date()): Promise<{ started: string[]; stepped: string[] }> {
    const started: string[] = [];
    for (const config of await repo.dueConfigs(this.db, now)) {
      const next = nextRunAfter(config.schedule, now);
      if (!(await repo.advanceSchedule(this.db, config.siteId, config.nextRunAt!, next))) continue;
      const t = config.updatedBy
        ? await this.driver.actingAs({ accountId: config.accountId, requestedBy: config.updatedBy })
        : undefined;
      if (!t) {
        this.deps.log.warn(
          { siteId: config.siteId },
          'automation: the member who configured the schedule can no longer run it; skipped',
        );
        continue;
      }
      try {
        started.push((await this.start(t, config.siteId, 'schedule')).runId);
      } catch (e) {
        // The site's previous run is still active, or the plan lost automation: this start is skipped.
        this.deps.log.warn({ siteId: config.siteId, err: e }, 'automation: a scheduled run did not start');
      }
    }
    const stepped: string[] = [];
    for (const run of await repo.idleRuns(this.db, IDLE_SECONDS)) {
      if (run.status === 'paused') continue;
      if (await repo.touchRun(this.db, run.id, IDLE_SECONDS)) {
        await this.driver.requestStep(run.id);
        stepped.push(run.id);
      }
    }
    return { started, stepped };
  }
}

function freshStages(): AutomationStageState[] {
  return automationStages.map((stage) => ({
    stage,
    status: 'waiting',
    processed: 0,
    created: 0,
    failed: 0,
    creditsUsed: 0,
    startedAt: null,
    finishedAt: null,
    taskRunIds: [],
  }));
}

function toStage(s: StageState): AutomationStageState {
  const { stage, status, processed, created, failed, creditsUsed, startedAt, finishedAt, taskRunIds } = s;
  return { stage, status, processed, created, failed, creditsUsed, startedAt, finishedAt, taskRunIds };
}

function toBody(row: repo.ConfigRow): AutomationConfigBody {
  return { enabled: row.enabled, schedule: row.schedule, stages: row.stages, limits: row.limits, delays: row.delays };
}

function toConfig(row: repo.ConfigRow): AutomationConfig {
  return {
    ...automationConfigBodySchema.parse(toBody(row)),
    nextRunAt: row.nextRunAt?.toISOString() ?? null,
    updatedAt: row.updatedAt.toISOString(),
  };
}

function toSummary(row: repo.RunRow): AutomationRunSummary {
  const stages = row.stages as StageState[];
  const current = stages[Math.min(row.stageIndex, stages.length - 1)];
  return {
    id: row.id,
    siteId: row.siteId,
    status: row.status,
    trigger: row.trigger,
    stage: current?.stage ?? null,
    creditsUsed: row.creditsUsed,
    currentTaskRunId: row.currentTaskRunId,
    requestedBy: row.requestedBy,
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}
