import type { QueryClient } from '@tanstack/react-query';
import { notifications } from '@mantine/notifications';
import { type TaskRun, plural } from '@igny8/contracts';
import { isTaskKey, taskKeys } from '../../api/queries/tasks';
import { statusMeta, summarizeResult } from './labels';

/** What a notification says about a task that just ended. */
export function finishedMessage(run: TaskRun): string {
  const status = statusMeta[run.status].label;
  const failedItems = run.itemErrors.length;
  if (run.status === 'failed') return run.error?.message ?? 'The task failed.';
  if (run.status === 'cancelled') return run.progress.message || 'Cancelled.';
  const summary = summarizeResult(run.result);
  const failures = failedItems ? `${plural(failedItems, 'item')} failed` : null;
  return [summary ?? status, failures].filter(Boolean).join(' · ');
}

/**
 * A task ended: tell the user and refresh every page's data, since the task changed it (clusters,
 * ideas, contents…). Deferred, because this runs inside the poll that noticed the end.
 */
export function handleFinished(qc: QueryClient, accountId: string, runs: readonly TaskRun[]): void {
  if (runs.length === 0) return;
  for (const run of runs) {
    const meta = statusMeta[run.status];
    notifications.show({
      id: `task-finished-${run.id}`,
      color: meta.color === 'gray' ? 'gray' : meta.color,
      title: `${run.title}: ${meta.label.toLowerCase()}`,
      message: finishedMessage(run),
      autoClose: run.status === 'failed' ? 10_000 : 6_000,
    });
  }
  setTimeout(() => {
    void qc.invalidateQueries({ predicate: (q) => !isTaskKey(q.queryKey) });
    void qc.invalidateQueries({ queryKey: taskKeys.all(accountId) });
  }, 0);
}
