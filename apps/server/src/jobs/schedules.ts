import PgBoss from 'pg-boss';
import type { ExecuteSql } from '../db/client';
import { QUEUE_SCHEMA, type QueueLogger } from './queue';

export interface CronJob {
  /** the pg-boss queue the schedule sends to */
  name: string;
  /** a cron expression (pg-boss resolves to the minute) */
  cron: string;
  handler: () => Promise<void>;
}

/**
 * pg-boss cron schedules, for work that belongs to no task run (the publishing dispatcher; later
 * automation). pg-boss sends one job per schedule per minute across every process that runs it
 * (its clock monitor takes a database lock, and the job carries a singleton key for the minute), so
 * a schedule fires once however many workers there are. Its own pg-boss instance over the task
 * queue's schema: the task queue keeps `schedule: false` and nothing of it changes.
 */
export class CronSchedules {
  private readonly boss: PgBoss;

  constructor(executeSql: ExecuteSql, log: QueueLogger) {
    this.boss = new PgBoss({
      db: { executeSql: executeSql as never },
      schema: QUEUE_SCHEMA,
      // The task queue installs the schema and supervises (maintenance) for both.
      migrate: false,
      supervise: false,
      schedule: true,
    });
    this.boss.on('error', (err) => log.error({ err }, 'schedule error'));
  }

  /** Creates the queues and schedules; the caller holds the queue's advisory lock (queue DDL races). */
  async install(jobs: readonly CronJob[]): Promise<void> {
    await this.boss.start();
    for (const job of jobs) {
      await this.boss.createQueue(job.name, { name: job.name, retryLimit: 0, expireInSeconds: 5 * 60 });
      await this.boss.schedule(job.name, job.cron);
    }
  }

  async work(jobs: readonly CronJob[]): Promise<void> {
    for (const job of jobs) {
      await this.boss.work(job.name, { batchSize: 1, pollingIntervalSeconds: 1 }, async () => {
        await job.handler();
      });
    }
  }

  async stop(): Promise<void> {
    await this.boss.stop({ graceful: true, timeout: 10_000, wait: true, close: false });
  }
}
