import type { TaskRun } from '@igny8/contracts';

/** A task snapshot for unit tests; `at` is seconds after 2026-01-01T00:00:00Z. */
export function run(id: string, extra: Partial<TaskRun> & { percent?: number; at?: number } = {}): TaskRun {
  const { percent = 0, at = 0, ...rest } = extra;
  const iso = new Date(Date.UTC(2026, 0, 1, 0, 0, at)).toISOString();
  return {
    id,
    accountId: 'acc',
    siteId: null,
    userId: 'u',
    kind: 'clusters.auto',
    title: `Task ${id}`,
    status: 'running',
    progress: { phase: 'calling_ai', current: 0, total: 10, percent, message: '' },
    result: null,
    itemErrors: [],
    error: null,
    debugInfo: {},
    resultPath: null,
    automationRunId: null,
    cancelRequested: false,
    heartbeatAt: iso,
    stalled: false,
    createdAt: iso,
    startedAt: iso,
    finishedAt: null,
    updatedAt: iso,
    ...rest,
  };
}
