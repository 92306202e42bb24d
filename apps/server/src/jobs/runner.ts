import { isTerminalTaskStatus, type Capability, type Role, type TaskError } from '@igny8/contracts';
import type { FastifyBaseLogger } from 'fastify';
import { makeTenantContext } from '../access/context';
import { AppError } from '../http/errors';
import { findMembershipForAccess } from '../access/lookup';
import { ProviderError } from '../ai/providers/errors';
import type { GateWait, ProviderGates } from '../ai/limits/gate';
import type { Billing } from '../modules/billing/service';
import type { Prices } from '../modules/billing/prices';
import type { RetryPolicy } from '../ai/retry';
import { AiSession } from '../ai/session';
import type { Database, Db } from '../db/client';
import type { FileStorage } from '../storage/files';
import type { Integrations } from '../modules/integrations/service';
import {
  beatTaskRun,
  claimTaskRun,
  getTaskRunForWorker,
  setQueuedMessage,
  updateTaskRun,
  type TaskRunRow,
} from '../modules/tasks/repo';
import { recordUsage } from '../modules/usage/repo';
import { TaskCancelled, TaskContext, WorkerStopping } from './context';
import { TaskFailedFast } from './fail-fast';
import type { TaskQueue } from './queue';
import type { TaskRegistry } from './registry';

export interface RunnerDeps {
  database: Database;
  queue: TaskQueue;
  registry: TaskRegistry;
  /** every provider key's shared limits */
  gates: ProviderGates;
  billing: Billing;
  prices: Prices;
  /** TASK_MAX_RUNNING_PER_ACCOUNT */
  maxRunningPerAccount: number;
  /** TASK_FAIL_FAST_AFTER */
  failFastAfter: number;
  integrations: Integrations;
  /** a run ended (its automation run, if any, steps on) */
  onEnded?: (run: { id: string; automationRunId: string | null }) => Promise<void>;
  log: FastifyBaseLogger;
  retryPolicy: RetryPolicy;
  isStopping: () => boolean;
  storage: FileStorage;
  /** a running task whose heartbeat is older than this has lost its worker */
  staleMs: number;
  /** how often a running task's worker says it is alive (TASK_HEARTBEAT_SECONDS), whatever its items do */
  heartbeatMs: number;
  /** names this worker process in a run's debug info (host:pid:random) */
  workerId: string;
}

type Usage = { calls: number; inputTokens: number; outputTokens: number; images: number; latencyMs: number };

/** Seconds a run whose account is at its running cap waits before its job is taken again. */
const ACCOUNT_BUSY_WAIT_SECONDS = 2;

/** Executes one task run from its row: the job only says which. */
export class TaskRunner {
  private readonly db: Db;

  constructor(private readonly deps: RunnerDeps) {
    this.db = deps.database.db;
  }

  async execute(taskRunId: string): Promise<void> {
    const { db } = this;
    const { log } = this.deps;
    const run = await getTaskRunForWorker(db, taskRunId);
    if (!run) return log.warn({ taskRunId }, 'task run vanished before it ran');
    if (isTerminalTaskStatus(run.status)) return;
    if (run.status === 'running' && run.heartbeatAt && Date.now() - run.heartbeatAt.getTime() < this.deps.staleMs) {
      // A duplicate delivery while another worker is on it (e.g. an expired job retried): leave it be.
      return log.info({ taskRunId }, 'task run is being worked on elsewhere');
    }
    if (run.cancelRequested)
      return this.finish(run, 'cancelled', { error: null, message: 'Cancelled before it started' });

    const def = this.deps.registry.get(run.kind);
    if (!def?.handler) throw new Error(`no handler for task kind ${run.kind}`);
    const input = def.input.safeParse(run.input);
    if (!input.success) {
      return this.finish(run, 'failed', {
        error: {
          code: 'invalid_input',
          message: `The task's input is no longer valid: ${input.error.issues[0]?.message}`,
        },
        message: 'Failed',
      });
    }

    const slots = { maxRunning: this.deps.maxRunningPerAccount, staleSeconds: this.deps.staleMs / 1000 };
    const claim = await this.deps.database.transaction((tx) => claimTaskRun(tx.db, run, slots));
    if (claim === 'taken') return log.info({ taskRunId }, 'task run was taken by another delivery');
    if (claim === 'account_busy') {
      // Its turn comes when one of the account's running tasks ends: the job goes back for a while,
      // behind other accounts' work, so one account's backlog never holds every worker.
      await this.deps.queue.send({ taskRunId }, { startAfterSeconds: ACCOUNT_BUSY_WAIT_SECONDS, priority: -1 });
      const message = `Waiting: ${this.deps.maxRunningPerAccount} tasks of this account are already running`;
      if (run.progress.message !== message) await setQueuedMessage(db, run.id, message);
      return;
    }
    // On a timer, not on item progress: one slow AI call must not look like a dead worker. At
    // least three beats fit in the stale window, so one late beat never hands the run out again.
    const heartbeat = setInterval(
      () => {
        beatTaskRun(db, run.id, run.attempts + 1).catch((err: unknown) =>
          log.warn({ err, taskRunId: run.id }, 'heartbeat failed'),
        );
      },
      Math.max(100, Math.min(this.deps.heartbeatMs, this.deps.staleMs / 3)),
    );
    try {
      await this.run(run, def.handler, input.data);
    } finally {
      clearInterval(heartbeat);
    }
  }

  private async run(
    run: TaskRunRow,
    handler: NonNullable<ReturnType<TaskRegistry['get']>>['handler'],
    inputData: unknown,
  ): Promise<void> {
    const { db } = this;
    const { log } = this.deps;
    const membership = run.userId ? await findMembershipForAccess(db, run.userId, run.accountId) : undefined;
    const role: Role = membership?.role ?? 'viewer';
    const tenant = makeTenantContext(run.accountId, run.userId ?? '', role);
    const metered = await this.deps.billing.metered(run.accountId);
    const ctx = new TaskContext(run, inputData, tenant, {
      db,
      log,
      storage: this.deps.storage,
      aiSessions: (c) => this.sessions(c),
      isStopping: this.deps.isStopping,
      failFastAfter: this.deps.failFastAfter,
      charge: async (tx, itemKey, spec) => {
        if (metered) await this.deps.billing.charge(tx, tenant, { taskRunId: run.id, itemKey }, spec);
      },
      costs: () => this.deps.billing.costs(),
      planRoom: (resource) => this.deps.billing.room(db, tenant, resource),
    });
    // Which worker took which attempt: for operators reading a run that moved between machines.
    ctx.debug.workers = [...((ctx.debug.workers as string[] | undefined) ?? []), this.deps.workerId].slice(-10);
    await ctx.progress({ phase: 'preparing', message: 'Preparing' });

    try {
      const result = await handler!(ctx as never);
      const { failed, succeeded, skipped, fallback } = ctx.totals;
      const firstError = ctx.itemErrors.find((e) => !e.fallback) ?? ctx.itemErrors[0];
      if (failed > 0 && succeeded + skipped === 0) {
        await this.finish(run, 'failed', {
          result,
          error: {
            code: firstError?.code ?? 'item_failed',
            message: `All ${failed} items failed. First, ${firstError?.label ?? 'an item'}: ${firstError?.message ?? ''}`,
          },
          message: 'Failed',
          ctx,
        });
      } else {
        const of = failed + succeeded + skipped;
        const tripped = ctx.failFast.tripped;
        await this.finish(run, failed + fallback > 0 ? 'partial' : 'succeeded', {
          result,
          // A handler that fell back instead of stopping (auto-cluster) still says what to change.
          error: tripped ? { code: tripped.code, message: tripped.message } : null,
          message:
            failed > 0
              ? `Done with ${failed} failed of ${of}`
              : fallback > 0
                ? `Done; ${fallback} of ${of} saved with an offline fallback`
                : 'Done',
          ctx,
        });
      }
    } catch (e) {
      if (e instanceof TaskFailedFast) {
        return this.finish(run, 'failed', {
          error: { code: e.code, message: e.message },
          message: 'Stopped: items kept failing',
          ctx,
        });
      }
      if (e instanceof WorkerStopping) {
        await ctx.close();
        await updateTaskRun(db, run.id, {
          status: 'queued',
          progress: { ...ctx.currentProgress, message: 'Waiting for a worker (the previous one stopped)' },
          debugInfo: ctx.debug,
          itemErrors: ctx.itemErrors,
        });
        throw e; // the queue retries the job on another worker
      }
      if (e instanceof TaskCancelled) {
        const kept = ctx.totals.succeeded + ctx.totals.skipped;
        return this.finish(run, 'cancelled', { error: null, message: `Cancelled; ${kept} finished item(s) kept`, ctx });
      }
      if (e instanceof ProviderError) {
        return this.finish(run, 'failed', { error: { code: e.code, message: e.message }, message: 'Failed', ctx });
      }
      // A refusal of the task's own input (its site is gone or not this account's): say which, not "unexpected".
      if (e instanceof AppError && e.statusCode < 500) {
        return this.finish(run, 'failed', { error: { code: e.code, message: e.message }, message: 'Failed', ctx });
      }
      log.error({ err: e, taskRunId: run.id, kind: run.kind }, 'task failed unexpectedly');
      return this.finish(run, 'failed', {
        error: { code: 'internal', message: 'The task failed unexpectedly; the error has been logged' },
        message: 'Failed',
        ctx,
      });
    }
  }

  private sessions(ctx: TaskContext<unknown>) {
    const open = async (capability: Capability) => {
      const settings = await this.deps.integrations.resolve(ctx.run.accountId, capability);
      const gate = this.deps.gates.for(settings);
      let lastWaitNote = 0;
      const onGateWait = async (w: GateWait) => {
        // A cancelled task or a stopping worker does not sit out a rate limit.
        await ctx.checkpoint();
        // Short waits are the limit doing its job; long ones deserve a word (at most every few seconds).
        if (w.waitMs < 1500 || Date.now() - lastWaitNote < 5000) return;
        lastWaitNote = Date.now();
        const seconds = Math.ceil(w.waitMs / 1000);
        const limits = gate!.limits;
        const message =
          w.reason === 'paused'
            ? `The AI provider asked every task to slow down; resuming in ${seconds} s`
            : w.reason === 'tokens'
              ? `Waiting for the AI provider's limit of ${limits.tokensPerMinute.toLocaleString('en')} tokens a minute; next call in ${seconds} s`
              : `Waiting for the AI provider's limit of ${limits.requestsPerMinute.toLocaleString('en')} requests a minute; next call in ${seconds} s`;
        await ctx.progress({ phase: 'calling_ai', message }, true);
      };
      // Offline there are no embeddings at all (clustering reads words): nothing ran to report.
      if (capability !== 'embeddings' || settings.provider !== 'builtin') {
        const sources = (ctx.debug.provider_source ?? {}) as Record<string, unknown>;
        ctx.debug.provider_source = { ...sources, [capability]: settings.source };
        ctx.debug.provider = {
          ...((ctx.debug.provider ?? {}) as object),
          [capability]: { provider: settings.provider, model: settings.model },
        };
      }
      const retry: RetryPolicy = {
        ...this.deps.retryPolicy,
        onWait: async ({ reason, waitMs, error }) => {
          const seconds = Math.ceil(waitMs / 1000);
          await ctx.progress(
            {
              phase: 'calling_ai',
              message:
                reason === 'rate_limited'
                  ? `The AI provider asked us to slow down; retrying in ${seconds} s`
                  : `The AI provider failed (${error.message.slice(0, 120)}); retrying in ${seconds} s`,
            },
            true,
          );
        },
      };
      return new AiSession(
        settings,
        async (u) => {
          const costUsd = await this.deps.prices.costOf(u);
          await recordUsage(this.db, ctx.tenant, {
            ...u,
            taskRunId: ctx.run.id,
            capability,
            source: settings.source,
            costUsd,
          });
          const usage = (ctx.debug.usage ?? {
            calls: 0,
            inputTokens: 0,
            outputTokens: 0,
            images: 0,
            latencyMs: 0,
          }) as Usage;
          ctx.debug.usage = {
            calls: usage.calls + 1,
            inputTokens: usage.inputTokens + u.inputTokens,
            outputTokens: usage.outputTokens + u.outputTokens,
            images: usage.images + u.images,
            latencyMs: usage.latencyMs + Math.round(u.latencyMs),
          };
        },
        retry,
        gate,
        onGateWait,
        () => ctx.assertNotCancelled(),
      );
    };
    return { text: () => open('text'), image: () => open('image'), embeddings: () => open('embeddings') };
  }

  /** `run` as read when the job was taken; the context, when there is one, has the newer progress. */
  private async finish(
    run: TaskRunRow,
    status: TaskRunRow['status'],
    o: { result?: Record<string, unknown>; error: TaskError | null; message: string; ctx?: TaskContext<unknown> },
  ): Promise<void> {
    await o.ctx?.close();
    // Whatever the run did not spend of what it held is available again.
    await this.deps.billing.release(run.id);
    const progress = o.ctx?.currentProgress ?? run.progress;
    const done = status === 'succeeded' || status === 'partial';
    await updateTaskRun(this.db, run.id, {
      status,
      finishedAt: new Date(),
      error: o.error,
      ...(o.result ? { result: o.result } : {}),
      ...(o.ctx ? { debugInfo: o.ctx.debug, itemErrors: o.ctx.itemErrors } : {}),
      progress: {
        ...progress,
        phase: done ? 'done' : progress.phase,
        current: done ? progress.total : progress.current,
        percent: done ? 100 : progress.percent,
        message: o.message,
      },
    });
    await this.deps
      .onEnded?.(run)
      .catch((err: unknown) => this.deps.log.error({ err, taskRunId: run.id }, 'task end listener failed'));
  }
}
