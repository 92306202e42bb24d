import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { cpuJobs, type CpuJobName, type CpuJobs, type CpuTask } from './jobs';

/**
 * The thread entry. The server bundle (dist/main.js, or a chunk beside it) finds dist/cpu/worker.js
 * next to it; from sources (tsx, vitest) a bootstrap registers tsx and loads worker.ts.
 */
function workerFile(): string {
  const here = import.meta.url;
  return fileURLToPath(here.endsWith('.ts') ? new URL('./worker-source.mjs', here) : new URL('./cpu/worker.js', here));
}

/**
 * A pool of worker threads for CPU-heavy jobs (the clustering engine), so that the event loop
 * keeps answering HTTP requests and the worker's database I/O while a 100k-keyword job runs.
 * One thread fewer than the cores (at least one); threads start on first use and exit when idle,
 * and run at a lower OS priority so the API's thread wins the CPU when both want it.
 */
export class CpuPool {
  private pool: Piscina | null = null;

  private threads(): Piscina {
    this.pool ??= new Piscina({
      filename: workerFile(),
      minThreads: 0,
      maxThreads: Math.max(1, availableParallelism() - 1),
      idleTimeout: 30_000,
      niceIncrement: 10,
    });
    return this.pool;
  }

  /** Runs `job` on a pool thread: its input and output are structured-cloned across. */
  run<K extends CpuJobName>(job: K, input: Parameters<CpuJobs[K]>[0]): Promise<ReturnType<CpuJobs[K]>> {
    const task: CpuTask<K> = { job, input };
    return this.threads().run(task) as Promise<ReturnType<CpuJobs[K]>>;
  }

  /** Ends the threads (a later `run` starts new ones). */
  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = null;
    await pool?.destroy();
  }
}

/** The process's pool: threads are a process resource, shared by every task run in it. */
export const cpuPool = new CpuPool();

/**
 * Runs `job` on the pool when the input is large, on this thread when it is small: a pool thread
 * costs its start-up and the copies, which only pay off once the work takes longer than a request should.
 */
export async function runCpuJob<K extends CpuJobName>(
  job: K,
  input: Parameters<CpuJobs[K]>[0],
  offThread: boolean,
): Promise<ReturnType<CpuJobs[K]>> {
  if (offThread) return cpuPool.run(job, input);
  return (cpuJobs[job] as (i: typeof input) => ReturnType<CpuJobs[K]>)(input);
}
