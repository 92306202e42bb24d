import {
  automationStageLabels,
  isTerminalTaskStatus,
  plural,
  roleAtLeast,
  type AutomationLogEntry,
  type AutomationRunStatus,
  type AutomationStage,
  type AutomationStageState,
} from '@igny8/contracts';
import type { FastifyBaseLogger } from 'fastify';
import { z } from 'zod';
import { makeTenantContext, type TenantContext } from '../../access/context';
import { findMembershipForAccess } from '../../access/lookup';
import type { Db } from '../../db/client';
import { AppError } from '../../http/errors';
import type { TaskQueue } from '../../jobs/queue';
import { insertBestLinks } from '../links/service';
import { requireSite } from '../sites/repo';
import { getTaskRun } from '../tasks/repo';
import { contentIdsOfWriterTasks } from '../writer/repo';
import * as repo from './repo';
import { createdBy, estimateBatch, launchBatch, pickBatch, type StageDeps } from './stages';

export const STEP_QUEUE = 'automation.step';
const stepJob = z.object({ runId: z.uuid() });

/** A stage's state as the driver keeps it: the items it has taken (never taken twice in a run) and the batch running now. */
export type StageState = AutomationStageState & { picked?: string[]; batch?: string[]; batches?: number };

const ACTIVE: AutomationRunStatus[] = ['queued', 'running', 'paused'];

/**
 * Moves automation runs on, one step at a time: a step looks at the run's current task (still
 * running: nothing to do), takes what it did into the stage's counts, and starts the next batch,
 * the next stage, or ends the run. Steps are sent when a run starts or resumes, when a stage's task
 * ends (the runner tells us), after a delay between stages, and by the sweeper for a run nothing
 * moved for a while. Steps of one run never overlap: an in-process chain, and a database advisory
 * lock across processes. Every decision is written as a structured log row.
 */
export class AutomationDriver {
  private readonly chains = new Map<string, Promise<void>>();

  constructor(private readonly deps: StageDeps & { queue: TaskQueue; log: FastifyBaseLogger }) {}

  async prepare(): Promise<void> {
    await this.deps.queue.ensureModuleQueue(STEP_QUEUE, { retryLimit: 3, retryDelay: 5 });
  }

  async work(): Promise<void> {
    await this.deps.queue.workJob(STEP_QUEUE, stepJob, ({ runId }) => this.step(runId));
  }

  /** Asks for a step of the run (after `seconds`, for the delay between stages). */
  async requestStep(runId: string, seconds = 0): Promise<void> {
    await this.prepare();
    await this.deps.queue.sendJob(STEP_QUEUE, stepJob, { runId }, undefined, { startAfterSeconds: seconds });
  }

  /** Runs `fn` with the run to itself: no step, pause, resume or cancel of it at the same time. */
  exclusive<T>(runId: string, fn: () => Promise<T>): Promise<T> {
    const before = this.chains.get(runId) ?? Promise.resolve();
    const result = before.then(() => this.deps.database.withAdvisoryLock(`automation:${runId}`, fn));
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.chains.set(runId, tail);
    void tail.then(() => this.chains.get(runId) === tail && this.chains.delete(runId));
    return result;
  }

  /** The member a run acts as, if they still may run automation in its account. */
  async actingAs(run: Pick<repo.RunRow, 'accountId' | 'requestedBy'>): Promise<TenantContext | undefined> {
    if (!run.requestedBy) return undefined;
    const m = await findMembershipForAccess(this.deps.database.db, run.requestedBy, run.accountId);
    if (!m?.active || !m.accountActive || !roleAtLeast(m.role, 'editor')) return undefined;
    return makeTenantContext(run.accountId, run.requestedBy, m.role);
  }

  step(runId: string): Promise<void> {
    return this.exclusive(runId, async () => {
      const db = this.deps.database.db;
      const found = await repo.runForDriver(db, runId);
      if (!found || !ACTIVE.includes(found.status) || found.status === 'paused') return;
      const t = await this.actingAs(found);
      const scope = t ?? makeTenantContext(found.accountId, found.requestedBy ?? '', 'viewer');
      const run = new RunState(db, found, scope);
      if (!t) {
        await run.log(
          'error',
          null,
          'The member this run acts as can no longer run automation in this account: stopped',
        );
        return run.end('failed');
      }
      if (run.row.status === 'queued') {
        run.patch.status = 'running';
        run.patch.startedAt = new Date();
        await run.log('info', null, `Run started (${run.row.trigger === 'schedule' ? 'on schedule' : 'run now'})`);
      }
      if (run.row.currentTaskRunId && !(await this.absorb(t, run))) return run.save();
      if (run.row.status === 'failed') return;
      if (run.row.cancelRequested) {
        await run.log('warn', null, 'Cancelled');
        return run.end('cancelled');
      }
      if (run.row.pauseRequested) {
        await run.log('info', null, 'Paused');
        run.patch.status = 'paused';
        return run.save();
      }
      await this.advance(t, run);
    });
  }

  /** The current task ended? Takes its counts into the stage. False while it still runs. */
  private async absorb(t: TenantContext, run: RunState): Promise<boolean> {
    const db = this.deps.database.db;
    const task = await getTaskRun(db, t, run.row.currentTaskRunId!);
    if (task && !isTerminalTaskStatus(task.status)) return false;
    const s = run.current();
    const batch = s.batch ?? [];
    const stillWaiting =
      task?.status === 'cancelled'
        ? await pickBatch(this.deps, t, run.row.siteId, s.stage, run.row.config, batch.length, { among: batch })
        : [];
    // Items a cancelled batch did not reach are taken again on resume.
    s.picked = (s.picked ?? []).filter((id) => !stillWaiting.includes(id));
    s.processed += batch.length - stillWaiting.length;
    s.created += createdBy(s.stage, task?.result);
    s.failed += task?.itemErrors?.length ?? 0;
    s.creditsUsed = await repo.creditsOfTaskRuns(db, t, s.taskRunIds);
    s.batch = [];
    run.patch.currentTaskRunId = null;
    run.patch.creditsUsed = run.stages.reduce((sum, x) => sum + x.creditsUsed, 0);
    if (!task || task.status === 'failed') {
      s.status = 'failed';
      s.finishedAt = new Date().toISOString();
      await run.log('error', s.stage, `The batch failed: ${task?.error?.message ?? 'its task is gone'}`);
      await run.end('failed');
      return true;
    }
    if (task.status === 'cancelled' && !run.row.cancelRequested && !run.row.pauseRequested) {
      // Cancelled from the task tray: the run stops with it.
      run.row.cancelRequested = true;
    }
    if (s.stage === 'content' && task.status !== 'cancelled') await this.linkNewArticles(t, run, batch);
    const made = createdBy(s.stage, task.result);
    await run.log(
      task.status === 'partial' ? 'warn' : 'info',
      s.stage,
      `Batch ${task.status}: ${plural(batch.length - stillWaiting.length, 'item')} taken, ${made} made${task.itemErrors?.length ? `, ${task.itemErrors.length} failed` : ''}`,
    );
    return true;
  }

  /** The best internal links into each article the batch wrote (the run's setting; 0: none). */
  private async linkNewArticles(t: TenantContext, run: RunState, writerTaskIds: string[]): Promise<void> {
    const count = run.row.config.stages.content.internalLinks ?? 3;
    if (count === 0 || writerTaskIds.length === 0) return;
    const db = this.deps.database.db;
    try {
      const site = await requireSite(db, t, run.row.siteId);
      const contentIds = await contentIdsOfWriterTasks(db, t, writerTaskIds);
      let links = 0;
      for (const contentId of contentIds)
        links += (await insertBestLinks(db, t, site, contentId, count)).inserted.length;
      await run.log(
        'info',
        'content',
        `Internal links: ${plural(links, 'link')} inserted into ${plural(contentIds.length, 'article')}`,
      );
    } catch (e) {
      await run.log(
        'warn',
        'content',
        `Internal links were not inserted: ${e instanceof Error ? e.message : String(e)}`,
      );
    }
  }

  /** Starts the next batch, or moves through the stages until one has work or the run ends. */
  private async advance(t: TenantContext, run: RunState): Promise<void> {
    const cfg = run.row.config;
    for (;;) {
      const s = run.stages[run.patch.stageIndex ?? run.row.stageIndex];
      if (!s) {
        const anyPartial = run.stages.some((x) => x.status === 'partial');
        await run.log(
          'info',
          null,
          `Run finished: ${plural(
            run.stages.reduce((n, x) => n + x.created, 0),
            'item',
          )} made, ${plural(run.patch.creditsUsed ?? run.row.creditsUsed, 'credit')} used`,
        );
        return run.end(anyPartial ? 'partial' : 'succeeded');
      }
      const stageCfg = cfg.stages[s.stage];
      if (!stageCfg.enabled) {
        s.status = 'skipped';
        await run.log('info', s.stage, `${automationStageLabels[s.stage]}: turned off, skipped`);
        run.nextStage();
        continue;
      }
      if (s.status === 'waiting') {
        s.status = 'running';
        s.startedAt = new Date().toISOString();
      }
      let limit = stageCfg.batchSize;
      if (s.stage === 'content' && cfg.limits.maxArticlesPerRun !== undefined)
        limit = Math.min(limit, cfg.limits.maxArticlesPerRun - s.processed);
      let ids =
        limit > 0
          ? await pickBatch(this.deps, t, run.row.siteId, s.stage, cfg, limit, { exclude: s.picked ?? [] })
          : [];
      if (ids.length === 0) {
        s.finishedAt = new Date().toISOString();
        if (s.processed === 0) {
          s.status = 'skipped';
          await run.log(
            'info',
            s.stage,
            limit > 0
              ? `${automationStageLabels[s.stage]}: nothing waiting, skipped`
              : `${automationStageLabels[s.stage]}: the run's article limit is reached`,
          );
        } else {
          s.status = s.failed > 0 ? 'partial' : 'succeeded';
          await run.log(
            'info',
            s.stage,
            `${automationStageLabels[s.stage]}: done, ${plural(s.processed, 'item')} taken, ${s.created} made`,
          );
        }
        run.nextStage();
        const delay = cfg.delays.betweenStagesSeconds;
        if (delay > 0 && run.stages[run.patch.stageIndex!]) {
          await run.log('info', null, `Waiting ${delay} s before the next stage`);
          await run.save();
          return this.requestStep(run.row.id, delay);
        }
        continue;
      }
      // The budget: a batch that would take the run past it is made smaller, or the run stops.
      if (cfg.limits.maxCreditsPerRun !== undefined) {
        const est = await estimateBatch(this.deps, t, run.row.siteId, s.stage, cfg, ids);
        const used = run.patch.creditsUsed ?? run.row.creditsUsed;
        const room = cfg.limits.maxCreditsPerRun - used;
        if (est && est.credits > room) {
          const perItem = est.credits / ids.length;
          const fit = perItem > 0 ? Math.floor(room / perItem) : ids.length;
          if (fit <= 0) {
            s.status = s.processed > 0 ? 'partial' : 'skipped';
            s.finishedAt = new Date().toISOString();
            await run.log(
              'warn',
              s.stage,
              `Stopped before the budget: the next batch needs about ${plural(Math.ceil(perItem), 'credit')}, ${plural(Math.max(room, 0), 'credit')} of this run's ${plural(cfg.limits.maxCreditsPerRun, 'credit')} are left`,
            );
            return run.end('partial');
          }
          await run.log('info', s.stage, `Batch cut to ${plural(fit, 'item')} to stay within the run's budget`);
          ids = ids.slice(0, fit);
        }
      }
      s.batches = (s.batches ?? 0) + 1;
      let launched;
      try {
        launched = await launchBatch(this.deps, t, run.row, s.stage, s.batches, ids);
      } catch (e) {
        if (e instanceof AppError && e.code === 'task_already_running') {
          await run.log('warn', s.stage, `${e.message}: trying again in 30 s`);
          s.batches -= 1;
          await run.save();
          return this.requestStep(run.row.id, 30);
        }
        s.status = 'failed';
        s.finishedAt = new Date().toISOString();
        await run.log('error', s.stage, `Could not start the batch: ${e instanceof Error ? e.message : String(e)}`);
        return run.end('failed');
      }
      s.picked = [...(s.picked ?? []), ...ids];
      if ('taskRunId' in launched) {
        s.batch = ids;
        s.created += launched.created ?? 0;
        s.taskRunIds = [...s.taskRunIds, launched.taskRunId];
        run.patch.currentTaskRunId = launched.taskRunId;
        await run.log(
          'info',
          s.stage,
          `${automationStageLabels[s.stage]}: batch ${s.batches} started with ${plural(ids.length, 'item')}`,
        );
        // The task may have ended already (a fast one): its end asks for the next step anyway.
        return run.save();
      }
      s.processed += ids.length;
      s.created += launched.created;
      s.failed += launched.failed;
      await run.log(
        launched.failed ? 'warn' : 'info',
        s.stage,
        `${automationStageLabels[s.stage]}: ${plural(ids.length, 'item')} taken, ${launched.created} made${launched.failed ? `, ${launched.failed} failed` : ''}`,
      );
      await run.save();
      if (await this.stopAsked(run)) return;
    }
  }

  /** Between in-place batches: a pause or cancel asked meanwhile is honoured now. */
  private async stopAsked(run: RunState): Promise<boolean> {
    const now = await repo.runForDriver(this.deps.database.db, run.row.id);
    if (now?.cancelRequested) {
      await run.log('warn', null, 'Cancelled');
      await run.end('cancelled');
      return true;
    }
    if (now?.pauseRequested) {
      await run.log('info', null, 'Paused');
      run.patch.status = 'paused';
      await run.save();
      return true;
    }
    return false;
  }
}

/** A run being stepped: its row as read, the changes to write, and its log. */
class RunState {
  readonly stages: StageState[];
  patch: Partial<repo.RunRow> = {};

  constructor(
    private readonly db: Db,
    readonly row: repo.RunRow,
    private readonly t: TenantContext,
  ) {
    this.stages = structuredClone(row.stages) as StageState[];
  }

  current(): StageState {
    return this.stages[this.patch.stageIndex ?? this.row.stageIndex]!;
  }

  nextStage(): void {
    this.patch.stageIndex = (this.patch.stageIndex ?? this.row.stageIndex) + 1;
  }

  log(level: AutomationLogEntry['level'], stage: AutomationStage | null, message: string) {
    return repo.appendLog(this.db, this.t, this.row.id, { level, stage, message });
  }

  async save(): Promise<void> {
    await repo.updateRun(this.db, this.t, this.row.id, { ...this.patch, stages: this.stages }, ACTIVE);
  }

  async end(status: AutomationRunStatus): Promise<void> {
    for (const s of this.stages) {
      if (s.status === 'running' || s.status === 'waiting') {
        s.status =
          status === 'cancelled'
            ? 'cancelled'
            : s.status === 'running'
              ? s.failed
                ? 'partial'
                : status === 'failed'
                  ? 'failed'
                  : 'succeeded'
              : s.status;
        if (s.status !== 'waiting') s.finishedAt ??= new Date().toISOString();
      }
    }
    this.patch = { ...this.patch, status, finishedAt: new Date(), currentTaskRunId: null };
    this.row.status = status;
    await this.save();
  }
}
