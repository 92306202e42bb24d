import PgBoss from 'pg-boss';
import { z } from 'zod';
import type { ExecuteSql } from '../db/client';

/** What travels through the queue: only the task run's id; its input lives in task_runs. */
export const jobPayloadSchema = z.object({ taskRunId: z.uuid() });
export type JobPayload = z.infer<typeof jobPayloadSchema>;

/** pg-boss's tables live here (the sweeper looks up jobs by task run). */
export const QUEUE_SCHEMA = 'pgboss';

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
      schema: QUEUE_SCHEMA,
      supervise: opts.supervise,
      schedule: false,
      migrate: true,
    });
    this.boss.on('error', (err) => log.error({ err }, 'queue error'));
  }

  /**
   * Installs pg-boss's schema and creates a queue per kind. Both are DDL that races between
   * processes starting together (duplicate pg_type rows, deadlocks attaching partitions), so the
   * caller runs this under an advisory lock (Runtime.start).
   */
  async start(kinds: readonly string[]): Promise<void> {
    await this.boss.start();
    for (const kind of kinds) await this.ensureQueue(kind);
  }

  /** Creates a kind's queue (once); run before a transaction that sends to it. `retry`: a module queue's own policy. */
  async ensureQueue(name: string, retry?: { retryLimit: number; retryDelay: number }): Promise<void> {
    if (this.created.has(name)) return;
    await this.boss.createQueue(name, {
      name,
      // A crashed or stopped worker's job is retried; the runner skips finished items.
      retryLimit: 5,
      retryDelay: 2,
      ...retry,
      retryBackoff: true,
      expireInSeconds: 30 * 60,
    });
    this.created.add(name);
  }

  /**
   * A module's own queue beside the task kinds (email delivery): its payload schema is checked when sent and
   * again when taken; with `tx`, sent inside the caller's transaction like `send`.
   */
  async sendJob<T>(name: string, schema: z.ZodType<T>, data: T, tx?: { executeSql: ExecuteSql }): Promise<void> {
    if (tx && !this.created.has(name)) throw new Error(`queue ${name} was not created before the transaction`);
    const id = await this.boss.send(name, schema.parse(data) as object, tx ? { db: { executeSql: tx.executeSql as never } } : {});
    if (!id) throw new Error(`queue refused a ${name} job`);
  }

  async workJob<T>(name: string, schema: z.ZodType<T>, handler: (data: T) => Promise<void>): Promise<void> {
    await this.boss.work<unknown>(name, { batchSize: 1, pollingIntervalSeconds: 0.5 }, async ([job]) => {
      if (job) await handler(schema.parse(job.data));
    });
  }

  /**
   * Enqueues a job; with `tx`, inside the caller's transaction, so the job exists exactly when
   * the rows written with it do. The queue must exist before (no DDL inside a transaction).
   */
  async send(kind: string, payload: JobPayload, tx?: { executeSql: ExecuteSql }): Promise<void> {
    if (tx && !this.created.has(kind)) throw new Error(`queue ${kind} was not created before the transaction`);
    await this.ensureQueue(kind);
    const data = jobPayloadSchema.parse(payload);
    const id = await this.boss.send(kind, data, tx ? { db: { executeSql: tx.executeSql as never } } : {});
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
