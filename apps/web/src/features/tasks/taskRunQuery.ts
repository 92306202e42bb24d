import { queryOptions, type QueryClient } from '@tanstack/react-query';
import type { TaskRun } from '@igny8/contracts';
import { fetchTask, taskKeys } from '../../api/queries/tasks';
import { isApiError } from '../../api/errors';
import { handleFinished } from './finished';
import { forgetTracked, ingestRuns } from './store';
import { detailPollInterval } from './trayState';

/**
 * The one set of options for a task's detail query, polled until the task ends. Every observer of
 * `taskKeys.one` (the feed and the detail drawer) must use it: TanStack Query runs the queryFn of
 * whichever observer starts a fetch, and the tray only learns that a task ended through this one,
 * which merges each answer into the task store.
 */
export function taskRunOptions(qc: QueryClient, accountId: string, taskId: string) {
  return queryOptions({
    queryKey: taskKeys.one(accountId, taskId),
    queryFn: async ({ signal }): Promise<TaskRun> => {
      let run: TaskRun;
      try {
        run = await fetchTask(accountId, taskId, signal);
      } catch (err) {
        if (isApiError(err) && err.status === 404) forgetTracked(accountId, taskId);
        throw err;
      }
      handleFinished(qc, accountId, ingestRuns(accountId, [run]));
      return run;
    },
    refetchInterval: (q) => detailPollInterval(q.state.data),
    staleTime: 0,
  });
}

/** The detail drawer's query: the same options, idle while no task is open. */
export function taskDetailOptions(qc: QueryClient, accountId: string, taskId: string | null) {
  return queryOptions({ ...taskRunOptions(qc, accountId, taskId ?? ''), enabled: taskId !== null });
}
