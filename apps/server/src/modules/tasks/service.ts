import { isTerminalTaskStatus } from '@igny8/contracts';
import { createHash } from 'node:crypto';
import type { TenantContext } from '../../access/context';
import type { Database, Db } from '../../db/client';
import { AppError, conflict, notFound } from '../../http/errors';
import type { TaskQueue } from '../../jobs/queue';
import type { TaskKind } from '../../jobs/registry';
import type { CreditEstimate } from '../billing/estimates';
import type { Billing } from '../billing/service';
import {
  countLiveRuns,
  findOverlappingRun,
  findRunByIdempotencyKey,
  getTaskRun,
  insertTaskRun,
  lockTaskStarts,
  toTaskRun,
  updateTaskRun,
} from './repo';

export interface StartTask {
  title: string;
  siteId?: string | null;
  resultPath?: string | null;
  /** the client's Idempotency-Key header: the same key answers the same run */
  idempotencyKey?: string | null;
  /** what identifies the request under that key when the input does not (an upload stored under a new name each time) */
  fingerprint?: string;
  /** rows to write with the run, in its transaction (only when the start is not refused) */
  alsoWrite?: (tx: Db) => Promise<void>;
  /** the credits the run is estimated to cost, held when it starts (402 insufficient_credits when not available) */
  credits?: CreditEstimate;
  /** the automation run this task is a stage of */
  automationRunId?: string;
  /** a pause between items, which then go one at a time */
  itemDelayMs?: number;
}

export class Tasks {
  private readonly db: Db;
  private ended: (run: { id: string; automationRunId: string | null }) => Promise<void> = async () => {};

  constructor(
    private readonly database: Database,
    private readonly queue: TaskQueue,
    /** TASK_STALE_SECONDS, for the `stalled` flag of the runs it answers with */
    private readonly staleMs: number,
    private readonly billing: Billing,
  ) {
    this.db = database.db;
  }

  /**
   * Records the task run and enqueues its job in one transaction: a process killed in between
   * leaves neither (a queued run with no job would wait forever), and a refused job leaves no run.
   * Under a per-account lock: a repeated Idempotency-Key answers its run, and a start overlapping a
   * live run of the same kind is refused (409 task_already_running), however fast the clicks come.
   * Returns the id the client polls.
   */
  async start<I>(t: TenantContext, kind: TaskKind<I>, input: I, meta: StartTask): Promise<string> {
    return (await this.startRun(t, kind, input, meta)).id;
  }

  /** `start`, saying whether the Idempotency-Key answered an earlier run (`replayed`) instead of starting one. */
  async startRun<I>(
    t: TenantContext,
    kind: TaskKind<I>,
    input: I,
    meta: StartTask,
  ): Promise<{ id: string; replayed: boolean }> {
    const started = await this.insertRun(t, kind, input, meta);
    if (!started.replayed) this.queue.wake();
    return started;
  }

  private async insertRun<I>(
    t: TenantContext,
    kind: TaskKind<I>,
    input: I,
    meta: StartTask,
  ): Promise<{ id: string; replayed: boolean }> {
    // Asked before the transaction: on PGlite nothing outside it may query until it ends.
    const hold =
      meta.credits && meta.credits.credits > 0 && (await this.billing.chargesFor(t.accountId, meta.credits.service))
        ? meta.credits.credits
        : 0;
    const parsed = kind.input.parse(input);
    const targets = kind.targets?.(parsed) ?? [];
    const idempotencyKey = meta.idempotencyKey ?? null;
    const requestHash = idempotencyKey
      ? createHash('sha256')
          .update(`${kind.kind}\n${meta.fingerprint ?? JSON.stringify(parsed)}`)
          .digest('hex')
      : null;
    await this.queue.ensureQueue();
    return this.database.transaction(async (tx) => {
      await lockTaskStarts(tx.db, t);
      if (idempotencyKey) {
        const same = await findRunByIdempotencyKey(tx.db, t, idempotencyKey);
        if (same) {
          if (same.requestHash !== requestHash) {
            throw conflict(
              'idempotency_key_reused',
              'This Idempotency-Key was already used for a different request; send a new key',
            );
          }
          return { id: same.id, replayed: true };
        }
      }
      if (targets.length > 0) {
        const running = await findOverlappingRun(tx.db, t, kind.kind, meta.siteId ?? null, targets);
        if (running) {
          const state = running.status === 'queued' ? 'waiting to run' : 'running';
          throw new AppError(
            409,
            'task_already_running',
            `“${running.title}” is already ${state} on some of these items`,
            { taskId: running.id },
          );
        }
      }
      // An account with a long queue sends lower: another account's first task is not stuck behind it.
      const priority = -Math.min(await countLiveRuns(tx.db, t), 1000);
      const id = await insertTaskRun(tx.db, t, {
        kind: kind.kind,
        title: meta.title,
        siteId: meta.siteId ?? null,
        resultPath: meta.resultPath ?? null,
        input: parsed as Record<string, unknown>,
        targets,
        idempotencyKey,
        requestHash,
        automationRunId: meta.automationRunId ?? null,
        itemDelayMs: meta.itemDelayMs ?? 0,
      });
      await meta.alsoWrite?.(tx.db);
      if (hold > 0) await this.billing.reserveForStart(tx.db, t, id, hold);
      try {
        await this.queue.send({ taskRunId: id }, { tx, priority });
      } catch {
        // Thrown inside the transaction: the run row goes with the job that could not be made.
        throw new AppError(503, 'queue_unavailable', 'The task could not be queued; nothing was started. Try again.');
      }
      return { id, replayed: false };
    });
  }

  /** Told when a run ends here (cancelled before it started); the runner tells of every other ending. */
  onEnded(listener: (run: { id: string; automationRunId: string | null }) => Promise<void>): void {
    this.ended = listener;
  }

  /** Queued tasks stop at once; running ones at their next item boundary, keeping finished items. */
  async cancel(t: TenantContext, id: string) {
    const run = await getTaskRun(this.db, t, id);
    if (!run) throw notFound('Task');
    if (isTerminalTaskStatus(run.status)) {
      throw conflict('conflict', `The task has already ${run.status === 'cancelled' ? 'been cancelled' : 'finished'}`);
    }
    if (run.status === 'queued' && run.attempts === 0) {
      await updateTaskRun(this.db, id, {
        status: 'cancelled',
        cancelRequested: true,
        finishedAt: new Date(),
        progress: { ...run.progress, message: 'Cancelled before it started' },
      });
      await this.billing.release(id);
      await this.ended(run);
    } else {
      await updateTaskRun(this.db, id, {
        cancelRequested: true,
        progress: { ...run.progress, message: 'Cancelling…' },
      });
    }
    return toTaskRun((await getTaskRun(this.db, t, id))!, this.staleMs);
  }
}
