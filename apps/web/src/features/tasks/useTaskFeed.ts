import { useEffect } from 'react';
import { useQueries, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { TaskRun } from '@igny8/contracts';
import { fetchTaskList, taskKeys, type TaskListParams } from '../../api/queries/tasks';
import { onTaskStarted } from './channel';
import { handleFinished } from './finished';
import { ingestRuns, taskStore, trackTaskId, useAccountTasks } from './store';
import { taskRunOptions } from './taskRunQuery';
import { ACTIVE_POLL_MS, IDLE_POLL_MS, idsToWatch, isActive } from './trayState';

export const ACTIVE_PARAMS: TaskListParams = { active: true, limit: 50 };
export const RECENT_PARAMS: TaskListParams = { limit: 10 };

function ingest(qc: QueryClient, accountId: string, runs: readonly TaskRun[]): void {
  handleFinished(qc, accountId, ingestRuns(accountId, runs));
}

/**
 * The account's latest runs, fetched into the store. The feed polls nothing here (it refreshes on
 * load and after each task ends); other components may observe it for its loading or error state.
 */
export function recentTasksOptions(qc: QueryClient, accountId: string) {
  return {
    queryKey: taskKeys.list(accountId, RECENT_PARAMS),
    queryFn: async ({ signal }: { signal: AbortSignal }) => {
      const list = await fetchTaskList(accountId, RECENT_PARAMS, signal);
      ingest(qc, accountId, list.items);
      return list;
    },
  };
}

/** Anything running or just started in this account, as far as this tab knows. */
function hasWork(accountId: string): boolean {
  const state = taskStore.getState().accounts[accountId];
  return !!state && (state.tracked.length > 0 || Object.values(state.runs).some(isActive));
}

/**
 * Keeps the tray's store filled from the server (so it survives reloads and sees tasks started in
 * other tabs or by colleagues): the active list every second while anything runs and every 5 s
 * otherwise, the recent list on load and after each end, and each running task's detail until it ends.
 * Mount once per account (the shell does).
 */
export function useTaskFeed(accountId: string): void {
  const qc = useQueryClient();
  const { runs, tracked } = useAccountTasks(accountId);

  const active = useQuery({
    queryKey: taskKeys.list(accountId, ACTIVE_PARAMS),
    queryFn: async ({ signal }) => {
      const list = await fetchTaskList(accountId, ACTIVE_PARAMS, signal);
      ingest(qc, accountId, list.items);
      return list;
    },
    refetchInterval: () => (hasWork(accountId) ? ACTIVE_POLL_MS : IDLE_POLL_MS),
    staleTime: 0,
  });

  useQuery(recentTasksOptions(qc, accountId));

  useQueries({
    queries: idsToWatch(runs, tracked).map((taskId) => taskRunOptions(qc, accountId, taskId)),
  });

  // Another tab of this browser started a task: show it now rather than on the next idle poll.
  const { refetch } = active;
  useEffect(
    () =>
      onTaskStarted((m) => {
        if (m.accountId !== accountId) return;
        trackTaskId(accountId, m.taskId);
        void refetch();
      }),
    [accountId, refetch],
  );
}
