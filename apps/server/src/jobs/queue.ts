import PgBoss from 'pg-boss';
import { z } from 'zod';
import type { ExecuteSql } from '../db/client';

/** What travels through the queue: only the task run's id; its input lives in task_runs. */
export const jobPayloadSchema = z.object({ taskRunId: z.uuid() });
export type JobPayload = z.infer<typeof jobPayloadSchema>;

export interface QueueLogger {
  error(obj: object, msg: string): void;
}

/**
 * pg-boss on either backend: PGlite through its executeSql adapter, PostgreSQL
 * through the same pool as the app. Any number of worker processes may share one
 * PostgreSQL database.
 */
export class TaskQueue {
  private readonly boss: PgBoss;
  private readonly created = new Set<string>();

  constructor(executeSql: ExecuteSql, log: QueueLogger, opts: { supervise: boolean }) {
    this.boss = new PgBoss({
      db: { executeSql: executeSql as never },
      schema: 'pgboss',
      supervise: opts.supervise,
      schedule: false,
      migrate: true,
    });
    this.boss.on('error', (err) => log.error({ err }, 'queue error'));
  }

  async start(): Promise<void> {
    await this.boss.start();
  }

  private async ensureQueue(name: string): Promise<void> {
    if (this.created.has(name)) return;
    await this.boss.createQueue(name, {
      name,
      // A crashed or stopped worker's job is retried; the runner skips finished items.
      retryLimit: 5,
      retryDelay: 2,
      retryBackoff: true,
      expireInSeconds: 30 * 60,
    });
    this.created.add(name);
  }

  async send(kind: string, payload: JobPayload): Promise<void> {
    await this.ensureQueue(kind);
    const id = await this.boss.send(kind, jobPayloadSchema.parse(payload));
    if (!id) throw new Error(`queue refused a ${kind} job`);
  }

  async work(kind: string, handler: (payload: JobPayload) => Promise<void>): Promise<void> {
    await this.ensureQueue(kind);
    await this.boss.work<unknown>(kind, { batchSize: 1, pollingIntervalSeconds: 0.5 }, async ([job]) => {
      if (!job) return;
      // Validated again when taken: a payload from an older version fails loudly here.
      await handler(jobPayloadSchema.parse(job.data));
    });
  }

  /** Waits up to `timeoutMs` for running jobs; the rest are failed so another worker retries them. */
  async stop(timeoutMs: number): Promise<void> {
    await this.boss.stop({ graceful: true, timeout: timeoutMs, wait: true, close: false });
  }
}
