import { isTerminalTaskStatus } from '@igny8/contracts';
import type { TenantContext } from '../../access/context';
import type { Database, Db } from '../../db/client';
import { AppError, conflict, notFound } from '../../http/errors';
import type { TaskQueue } from '../../jobs/queue';
import type { TaskKind } from '../../jobs/registry';
import { getTaskRun, insertTaskRun, toTaskRun, updateTaskRun } from './repo';

export interface StartTask {
  title: string;
  siteId?: string | null;
  resultPath?: string | null;
}

export class Tasks {
  private readonly db: Db;

  constructor(
    private readonly database: Database,
    private readonly queue: TaskQueue,
    /** TASK_STALE_SECONDS, for the `stalled` flag of the runs it answers with */
    private readonly staleMs: number,
  ) {
    this.db = database.db;
  }

  /**
   * Records the task run and enqueues its job in one transaction: a process killed in between
   * leaves neither (a queued run with no job would wait forever), and a refused job leaves no run.
   * Returns the id the client polls.
   */
  async start<I>(t: TenantContext, kind: TaskKind<I>, input: I, meta: StartTask): Promise<string> {
    const parsed = kind.input.parse(input);
    await this.queue.ensureQueue(kind.kind);
    return this.database.transaction(async (tx) => {
      const id = await insertTaskRun(tx.db, t, {
        kind: kind.kind,
        title: meta.title,
        siteId: meta.siteId ?? null,
        resultPath: meta.resultPath ?? null,
        input: parsed as Record<string, unknown>,
      });
      try {
        await this.queue.send(kind.kind, { taskRunId: id }, tx);
      } catch {
        // Thrown inside the transaction: the run row goes with the job that could not be made.
        throw new AppError(503, 'queue_unavailable', 'The task could not be queued; nothing was started. Try again.');
      }
      return id;
    });
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
    } else {
      await updateTaskRun(this.db, id, { cancelRequested: true, progress: { ...run.progress, message: 'Cancelling…' } });
    }
    return toTaskRun((await getTaskRun(this.db, t, id))!, this.staleMs);
  }
}
