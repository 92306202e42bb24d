import { isTerminalTaskStatus } from '@igny8/contracts';
import type { TenantContext } from '../../access/context';
import type { Db } from '../../db/client';
import { taskRuns } from '../../db/schema/index';
import { conflict, notFound } from '../../http/errors';
import type { TaskQueue } from '../../jobs/queue';
import type { TaskKind } from '../../jobs/registry';
import { getTaskRun, toTaskRun, updateTaskRun } from './repo';

export interface StartTask {
  title: string;
  siteId?: string | null;
  resultPath?: string | null;
}

export class Tasks {
  constructor(
    private readonly db: Db,
    private readonly queue: TaskQueue,
  ) {}

  /** Records the task run, then enqueues its job; returns the id the client polls. */
  async start<I>(t: TenantContext, kind: TaskKind<I>, input: I, meta: StartTask): Promise<string> {
    const parsed = kind.input.parse(input);
    const [row] = await this.db
      .insert(taskRuns)
      .values({
        accountId: t.accountId,
        userId: t.userId || null,
        siteId: meta.siteId ?? null,
        kind: kind.kind,
        title: meta.title,
        resultPath: meta.resultPath ?? null,
        input: parsed as Record<string, unknown>,
      })
      .returning({ id: taskRuns.id });
    try {
      await this.queue.send(kind.kind, { taskRunId: row!.id });
    } catch (e) {
      await updateTaskRun(this.db, row!.id, {
        status: 'failed',
        finishedAt: new Date(),
        error: { code: 'queue_unavailable', message: 'The task could not be queued' },
      });
      throw e;
    }
    return row!.id;
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
    return toTaskRun((await getTaskRun(this.db, t, id))!);
  }
}
