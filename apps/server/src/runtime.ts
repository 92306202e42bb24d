import type { FastifyBaseLogger } from 'fastify';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { LocalFileStorage, type FileStorage } from './storage/files';
import { ProviderGates } from './ai/limits/gate';
import { defaultRetryPolicy, type RetryPolicy } from './ai/retry';
import type { Config } from './config';
import type { Database } from './db/client';
import { sharedPerMinuteLimiter } from './db/rate-limits';
import { TaskQueue } from './jobs/queue';
import { TaskRegistry } from './jobs/registry';
import { CronSchedules } from './jobs/schedules';
import { Worker } from './jobs/worker';
import { registerTaskKinds } from './modules/task-kinds';
import { serpProviderFrom } from './modules/keywords/serp-provider';
import { Mailer } from './modules/email/service';
import { Billing } from './modules/billing/service';
import { Prices } from './modules/billing/prices';
import { Automation } from './modules/automation/service';
import { Integrations } from './modules/integrations/service';
import type { PlatformDefaults } from './modules/platform/repo';
import { Publishing } from './modules/publishing/module';
import { Tasks } from './modules/tasks/service';

export interface RuntimeOptions {
  /** take jobs in this process (modes serve and worker) */
  worker: boolean;
  /** tests inject their own kinds; the product registers every module's kinds */
  registry?: TaskRegistry;
  retryPolicy?: RetryPolicy;
  /** how long running tasks get to reach an item boundary on shutdown */
  stopTimeoutMs?: number;
  /** generated files; default DATA_DIR/files */
  storage?: FileStorage;
}

/** The queue, task kinds, providers and (optionally) a worker: shared by the API and worker processes. */
export class Runtime {
  readonly queue: TaskQueue;
  readonly registry: TaskRegistry;
  readonly integrations: Integrations;
  readonly tasks: Tasks;
  readonly platformDefaults: PlatformDefaults;
  readonly storage: FileStorage;
  readonly publishing: Publishing;
  /** AI provider keys' limits, counted in the database so every worker process shares them */
  readonly gates: ProviderGates;
  /** credits: reservations, charges, plans and limits */
  readonly billing: Billing;
  /** dollars per call, from the operators' price table */
  readonly prices: Prices;
  /** Email has its own queue; in worker mode this process also sends it. */
  readonly mailer: Mailer;
  /** automation runs: started here, moved on by the worker's step jobs */
  readonly automation: Automation;
  private readonly worker?: Worker;
  /** pg-boss cron schedules (the publishing dispatcher), run by worker processes */
  private readonly schedules?: CronSchedules;
  private started = false;

  constructor(
    config: Config,
    readonly database: Database,
    log: FastifyBaseLogger,
    private readonly opts: RuntimeOptions,
  ) {
    this.platformDefaults = {
      signupEnabled: config.signupEnabledDefault,
      allowAccountKeys: config.allowAccountKeysDefault,
      emailVerification: config.emailVerificationDefault,
    };
    this.queue = new TaskQueue(database.executeSql, log, { supervise: true });
    this.integrations = new Integrations({ db: database.db, config, platformDefaults: this.platformDefaults });
    this.billing = new Billing(database, this.integrations);
    this.integrations.setOwnKeysRule((accountId) => this.billing.hasFeature(accountId, 'ownAiKeys'));
    this.prices = new Prices(database);
    this.tasks = new Tasks(database, this.queue, config.TASK_STALE_SECONDS * 1000, this.billing);
    this.storage = opts.storage ?? new LocalFileStorage(join(config.DATA_DIR, 'files'));
    // Publishing reaches account-configured sites, so it shares the AI calls' outbound policy and pool.
    this.publishing = new Publishing({
      config,
      database,
      tasks: this.tasks,
      storage: this.storage,
      outbound: this.integrations.outbound,
      log,
    });
    this.registry =
      opts.registry ??
      registerTaskKinds(new TaskRegistry(), {
        publishing: this.publishing,
        serp: serpProviderFrom(config, this.integrations.outbound),
      });
    this.gates = new ProviderGates((prefix, points) => sharedPerMinuteLimiter(database.db, prefix, points));
    this.mailer = new Mailer(config, database.db, this.queue, log);
    this.automation = new Automation({
      database,
      tasks: this.tasks,
      billing: this.billing,
      integrations: this.integrations,
      publishing: this.publishing,
      queue: this.queue,
      log,
    });
    // A stage's task ended (finished, failed, or cancelled before it started): its automation run steps on.
    this.tasks.onEnded((run) => this.automation.taskEnded(run));
    if (opts.worker) {
      this.worker = new Worker(this.queue, this.registry, database, config.WORKER_CONCURRENCY, {
        gates: this.gates,
        billing: this.billing,
        prices: this.prices,
        maxRunningPerAccount: config.TASK_MAX_RUNNING_PER_ACCOUNT,
        failFastAfter: config.TASK_FAIL_FAST_AFTER,
        integrations: this.integrations,
        onEnded: (run) => this.automation.taskEnded(run),
        log,
        retryPolicy: opts.retryPolicy ?? defaultRetryPolicy,
        storage: this.storage,
        staleMs: config.TASK_STALE_SECONDS * 1000,
        heartbeatMs: config.TASK_HEARTBEAT_SECONDS * 1000,
        workerId: `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`,
      });
      // The embedded database's vacuum waits for this process's tasks to end (PGlite has one process).
      const worker = this.worker;
      database.vacuum?.deferWhile(() => worker.busy);
      this.schedules = new CronSchedules(database.executeSql, log);
      // Fail before touching the queue when a kind has no handler.
      this.registry.assertComplete();
    }
  }

  async start(): Promise<void> {
    // Any number of api and worker processes may start at once against one PostgreSQL.
    await this.database.withAdvisoryLock('igny8.queue', async () => {
      await this.queue.start();
      await this.mailer.prepare();
      await this.automation.driver.prepare();
      await this.schedules?.install(this.cronJobs());
    });
    this.started = true;
    if (this.worker) {
      await this.worker.start();
      await this.mailer.work();
      await this.automation.driver.work();
    }
    await this.schedules?.work(this.cronJobs());
  }

  /** Work on a clock, once per tick whatever the number of workers (pg-boss cron). */
  private cronJobs() {
    return [
      this.publishing.dispatcher.cron,
      this.automation.cron,
      // Credits of the plan pool come back each period; every few minutes catches every account's period end.
      {
        name: 'billing.period-reset',
        cron: '*/5 * * * *',
        handler: async () => void (await this.billing.resetDuePeriods()),
      },
    ];
  }

  async stop(): Promise<void> {
    if (!this.started) return;
    this.worker?.beginStop();
    await this.schedules?.stop();
    await this.queue.stop(this.opts.stopTimeoutMs ?? 20_000);
    await this.integrations.outbound.close();
    this.mailer.close();
    this.started = false;
  }
}
