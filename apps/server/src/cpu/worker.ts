import { cpuJobs, type CpuTask } from './jobs';

/**
 * A pool thread's entry (piscina calls the default export once per task). Built as
 * dist/cpu/worker.js beside the server bundle; from sources, worker-source.mjs loads it through tsx.
 */
export default function runCpuTask(task: CpuTask): unknown {
  const run = cpuJobs[task.job] as (input: CpuTask['input']) => unknown;
  if (!run) throw new Error(`unknown CPU job "${String(task.job)}"`);
  return run(task.input);
}
