import type { TaskQueue } from './queue';
import type { TaskRegistry } from './registry';
import { TaskRunner, type RunnerDeps } from './runner';

/** Takes jobs for every declared task kind and runs them; stops gracefully. */
export class Worker {
  private stopping = false;
  private readonly runner: TaskRunner;

  constructor(
    private readonly queue: TaskQueue,
    private readonly registry: TaskRegistry,
    deps: Omit<RunnerDeps, 'registry' | 'isStopping'>,
  ) {
    this.runner = new TaskRunner({ ...deps, registry, isStopping: () => this.stopping });
  }

  async start(): Promise<void> {
    this.registry.assertComplete();
    for (const kind of this.registry.names()) {
      await this.queue.work(kind, (payload) => this.runner.execute(payload.taskRunId));
    }
  }

  /** Running tasks stop at their next item boundary and go back to the queue for another worker. */
  beginStop(): void {
    this.stopping = true;
  }
}
