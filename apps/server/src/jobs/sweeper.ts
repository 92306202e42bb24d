import type { FastifyBaseLogger } from 'fastify';
import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { taskRuns } from '../db/schema/index';
import { QUEUE_SCHEMA, type TaskQueue } from './queue';

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
    const olderThanStale = sql`now() - make_interval(secs => ${this.staleSeconds})`;
    return this.database.transaction(async (tx) => {
      const resumed = await tx.db
        .update(taskRuns)
        .set({
          status: 'queued',
          heartbeatAt: null,
          updatedAt: sql`now()`,
          progress: sql`jsonb_set(${taskRuns.progress}, '{message}', to_jsonb(${WORKER_LOST_MESSAGE}::text))`,
        })
        .where(and(eq(taskRuns.status, 'running'), inArray(taskRuns.kind, [...this.kinds]), lt(taskRuns.heartbeatAt, olderThanStale)))
        .returning({ id: taskRuns.id, kind: taskRuns.kind });
      for (const run of resumed) {
        this.log.warn({ taskRunId: run.id, kind: run.kind }, 'task run lost its worker; queued again');
        await this.queue.send(run.kind, { taskRunId: run.id }, tx);
      }

      const orphans = await tx.db
        .select({ id: taskRuns.id, kind: taskRuns.kind })
        .from(taskRuns)
        .where(
          and(
            eq(taskRuns.status, 'queued'),
            inArray(taskRuns.kind, [...this.kinds]),
            lt(taskRuns.updatedAt, olderThanStale),
            sql`not exists (select 1 from ${sql.raw(QUEUE_SCHEMA)}.job j where j.name = ${taskRuns.kind}
              and j.data->>'taskRunId' = ${taskRuns.id}::text and j.state in ('created', 'retry', 'active'))`,
          ),
        )
        .orderBy(taskRuns.createdAt)
        .limit(100)
        .for('update', { skipLocked: true });
      for (const run of orphans) {
        this.log.warn({ taskRunId: run.id, kind: run.kind }, 'queued task run had no job; queued again');
        await this.queue.send(run.kind, { taskRunId: run.id }, tx);
      }
      if (orphans.length > 0) {
        // Another sweeper waiting on these rows re-checks them after this commit and skips them.
        await tx.db.update(taskRuns).set({ updatedAt: sql`now()` }).where(inArray(taskRuns.id, orphans.map((r) => r.id)));
      }
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
