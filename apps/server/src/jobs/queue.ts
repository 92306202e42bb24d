import PgBoss from 'pg-boss';
import { z } from 'zod';
import type { ExecuteSql } from '../db/client';

/** What travels through the queue: only the task run's id; its kind, input and tenant live in task_runs. */
export const jobPayloadSchema = z.object({ taskRunId: z.uuid() });
export type JobPayload = z.infer<typeof jobPayloadSchema>;

/** pg-boss's tables live here (the sweeper looks up jobs by task run). */
export const QUEUE_SCHEMA = 'pgboss';
/**
 * One queue for every task kind: a worker process takes WORKER_CONCURRENCY runs of any kind at once
 * (per-kind queues would need a poller per kind and slot). The run row says which handler runs.
 */
export const TASK_QUEUE = 'task-runs';

export interface QueueLogger {
  error(obj: object, msg: string): void;
}

export interface SendOptions {
  /** inside the caller's transaction: the job exists exactly when the rows written with it do */
  tx?: { executeSql: ExecuteSql };
  /** not before this many seconds (a run whose account is at its running cap waits its turn) */
  startAfterSeconds?: number;
  /** higher first; accounts with many live runs send theirs lower, so one backlog does not go first */
  priority?: number;
}

/**
 * pg-boss on either backend: PGlite through its executeSql adapter, PostgreSQL
 * through the same pool as the app. Any number of worker processes may share one
 * PostgreSQL database.
 */
export class TaskQueue {
  private readonly boss: PgBoss;
  private created = false;
  private readonly moduleQueues = new Set<string>();
  /** This process's pollers (none in an API-only process). */
  private readonly workerIds: string[] = [];

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
   * Installs pg-boss's schema and creates the task queue. Both are DDL that races between processes
   * starting together (duplicate pg_type rows, deadlocks attaching partitions), so the caller runs
   * this under an advisory lock (Runtime.start).
   */
  async start(): Promise<void> {
    await this.boss.start();
    await this.ensureQueue();
  }

  /** Creates the task queue (once); before a transaction that sends to it (no DDL inside one). */
  async ensureQueue(): Promise<void> {
    if (this.created) return;
    await this.boss.createQueue(TASK_QUEUE, {
      name: TASK_QUEUE,
      // A crashed or stopped worker's job is retried; the runner skips finished items.
      retryLimit: 5,
      retryDelay: 2,
      retryBackoff: true,
      expireInSeconds: 30 * 60,
    });
    this.created = true;
  }

  async send(payload: JobPayload, opts: SendOptions = {}): Promise<void> {
    if (opts.tx && !this.created) throw new Error(`queue ${TASK_QUEUE} was not created before the transaction`);
    await this.ensureQueue();
    const data = jobPayloadSchema.parse(payload);
    const id = await this.boss.send(TASK_QUEUE, data, {
      ...(opts.tx ? { db: { executeSql: opts.tx.executeSql as never } } : {}),
      ...(opts.startAfterSeconds ? { startAfter: Math.max(1, Math.round(opts.startAfterSeconds)) } : {}),
      ...(opts.priority ? { priority: opts.priority } : {}),
    });
    if (!id) throw new Error(`queue refused a ${TASK_QUEUE} job`);
  }

  /** `slots` pollers, each running one job at a time: the process runs at most `slots` task runs at once. */
  async work(slots: number, handler: (payload: JobPayload) => Promise<void>): Promise<void> {
    await this.ensureQueue();
    for (let i = 0; i < slots; i++) {
      const id = await this.boss.work<unknown>(
        TASK_QUEUE,
        { batchSize: 1, pollingIntervalSeconds: 0.5 },
        async ([job]) => {
          if (!job) return;
          // Validated again when taken: a payload from an older version fails loudly here.
          await handler(jobPayloadSchema.parse(job.data));
        },
      );
      this.workerIds.push(id);
    }
  }

  /**
   * A module's own queue beside the task queue (email delivery), with its own retry policy. Created once, under
   * the same startup lock as the task queue, before any transaction sends to it.
   */
  async ensureModuleQueue(name: string, retry: { retryLimit: number; retryDelay: number }): Promise<void> {
    if (this.moduleQueues.has(name)) return;
    await this.boss.createQueue(name, { name, ...retry, retryBackoff: true, expireInSeconds: 30 * 60 });
    this.moduleQueues.add(name);
  }

  /** Sends to a module queue: the payload schema is checked here and again when taken; with `tx`, in that transaction. */
  async sendJob<T>(
    name: string,
    schema: z.ZodType<T>,
    data: T,
    tx?: { executeSql: ExecuteSql },
    opts: { startAfterSeconds?: number } = {},
  ): Promise<void> {
    if (!this.moduleQueues.has(name)) throw new Error(`queue ${name} was not created before sending to it`);
    const id = await this.boss.send(name, schema.parse(data) as object, {
      ...(tx ? { db: { executeSql: tx.executeSql as never } } : {}),
      ...(opts.startAfterSeconds ? { startAfter: opts.startAfterSeconds } : {}),
    });
    if (!id) throw new Error(`queue refused a ${name} job`);
  }

  async workJob<T>(name: string, schema: z.ZodType<T>, handler: (data: T) => Promise<void>): Promise<void> {
    await this.boss.work<unknown>(name, { batchSize: 1, pollingIntervalSeconds: 0.5 }, async ([job]) => {
      if (job) await handler(schema.parse(job.data));
    });
  }

  /**
   * A job was just committed: this process's idle pollers look now instead of at their next tick
   * (in `serve` mode a start is picked up at once; other processes still poll every half second).
   */
  wake(): void {
    for (const id of this.workerIds) this.boss.notifyWorker(id);
  }

  /** Waits up to `timeoutMs` for running jobs; the rest are failed so another worker retries them. */
  async stop(timeoutMs: number): Promise<void> {
    await this.boss.stop({ graceful: true, timeout: timeoutMs, wait: true, close: false });
  }
}
