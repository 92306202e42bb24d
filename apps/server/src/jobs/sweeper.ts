import type { FastifyBaseLogger } from 'fastify';
import { and, eq, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { taskRuns } from '../db/schema/index';
import type { TaskQueue } from './queue';

/**
 * Finds task runs whose worker stopped beating (killed, machine lost) and hands
 * them to the queue again. Claiming puts the run back to queued in the same statement,
 * so two sweepers never resume it twice; finished items are skipped on resume.
 */
export class OrphanSweeper {
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly db: Db,
    private readonly queue: TaskQueue,
    private readonly log: FastifyBaseLogger,
    private readonly staleSeconds: number,
  ) {}

  async sweep(): Promise<string[]> {
    const claimed = await this.db
      .update(taskRuns)
      .set({ status: 'queued', heartbeatAt: null })
      .where(and(eq(taskRuns.status, 'running'), lt(taskRuns.heartbeatAt, sql`now() - make_interval(secs => ${this.staleSeconds})`)))
      .returning({ id: taskRuns.id, kind: taskRuns.kind });
    for (const run of claimed) {
      this.log.warn({ taskRunId: run.id, kind: run.kind }, 'task run lost its worker; queued again');
      await this.queue.send(run.kind, { taskRunId: run.id });
    }
    return claimed.map((r) => r.id);
  }

  start(): void {
    const tick = () =>
      this.sweep().catch((err: unknown) => this.log.error({ err }, 'orphan sweep failed'));
    void tick();
    this.timer = setInterval(tick, Math.max(1000, (this.staleSeconds * 1000) / 2));
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
