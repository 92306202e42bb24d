import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../db/client';
import { claimStaleRuns, lockQueuedRunsWithoutJob, touchTaskRuns } from '../modules/tasks/repo';
import { QUEUE_SCHEMA, TASK_QUEUE, type TaskQueue } from './queue';

/** What the task view says about a run the sweeper took back from a lost worker. */
export const WORKER_LOST_MESSAGE = 'Worker lost, resuming on another worker…';

export interface SweepResult {
  /** running runs whose worker stopped beating, handed out again */
  resumed: string[];
  /** queued runs that had no job (a start from before jobs were sent in its transaction, an exhausted job) */
  requeued: string[];
}

/**
 * Hands task runs back to the queue when nothing would otherwise ever run them:
 * - running runs whose worker stopped beating (killed, machine lost);
 * - queued runs with no live job, older than the stale threshold.
 * Each claim and its new job are one transaction, and claimed rows are locked (SKIP LOCKED), so two
 * sweepers never hand one run out twice, and a sweeper killed half-way leaves nothing half-done.
 * Finished items are skipped on resume.
 */
export class OrphanSweeper {
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly database: Database,
    private readonly queue: TaskQueue,
    private readonly log: FastifyBaseLogger,
    private readonly staleSeconds: number,
    /** kinds this process has queues for; a run of another kind is left to a process that knows it */
    private readonly kinds: readonly string[],
  ) {}

  async sweep(): Promise<SweepResult> {
    if (this.kinds.length === 0) return { resumed: [], requeued: [] };
    return this.database.transaction(async (tx) => {
      const resumed = await claimStaleRuns(tx.db, this.kinds, this.staleSeconds, WORKER_LOST_MESSAGE);
      for (const run of resumed) {
        this.log.warn({ taskRunId: run.id, kind: run.kind }, 'task run lost its worker; queued again');
        await this.queue.send({ taskRunId: run.id }, { tx });
      }
      const orphans = await lockQueuedRunsWithoutJob(tx.db, this.kinds, this.staleSeconds, {
        schema: QUEUE_SCHEMA,
        name: TASK_QUEUE,
      });
      for (const run of orphans) {
        this.log.warn({ taskRunId: run.id, kind: run.kind }, 'queued task run had no job; queued again');
        await this.queue.send({ taskRunId: run.id }, { tx });
      }
      await touchTaskRuns(
        tx.db,
        orphans.map((r) => r.id),
      );
      return { resumed: resumed.map((r) => r.id), requeued: orphans.map((r) => r.id) };
    });
  }

  start(): void {
    const tick = () => this.sweep().catch((err: unknown) => this.log.error({ err }, 'orphan sweep failed'));
    void tick();
    this.timer = setInterval(tick, Math.max(1000, (this.staleSeconds * 1000) / 2));
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
