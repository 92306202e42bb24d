import type { Database } from '../db/client';
import type { TaskQueue } from './queue';
import type { TaskRegistry } from './registry';
import { TaskRunner, type RunnerDeps } from './runner';
import { OrphanSweeper } from './sweeper';

/** Takes up to `slots` task runs at once, of any kind and account, and runs them; stops gracefully. */
export class Worker {
  private stopping = false;
  /** task runs this process is running now */
  private active = 0;
  private readonly runner: TaskRunner;
  private readonly sweeper: OrphanSweeper;

  constructor(
    private readonly queue: TaskQueue,
    private readonly registry: TaskRegistry,
    database: Database,
    /** WORKER_CONCURRENCY */
    private readonly slots: number,
    deps: Omit<RunnerDeps, 'registry' | 'isStopping' | 'database' | 'queue'>,
  ) {
    this.runner = new TaskRunner({ ...deps, database, queue, registry, isStopping: () => this.stopping });
    this.sweeper = new OrphanSweeper(database, queue, deps.log, deps.staleMs / 1000, registry.names());
  }

  async start(): Promise<void> {
    await this.queue.work(this.slots, async (payload) => {
      this.active++;
      try {
        return await this.runner.execute(payload.taskRunId);
      } finally {
        this.active--;
      }
    });
    this.sweeper.start();
  }

  /** Whether this process is running a task now. */
  get busy(): boolean {
    return this.active > 0;
  }

  /** Running tasks stop at their next item boundary and go back to the queue for another worker. */
  beginStop(): void {
    this.stopping = true;
    this.sweeper.stop();
  }
}
