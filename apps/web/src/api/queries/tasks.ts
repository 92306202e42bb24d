import { useMutation, useQuery, type QueryKey } from '@tanstack/react-query';
import { listOf, taskRunSchema, taskStartedSchema, type TaskRun, type taskRunSortFields } from '@igny8/contracts';
import { api } from '../client';
import { accountPath } from './accounts';
import { idempotencyHeader, useTaskStartMutation } from './taskStart';

export const taskListSchema = listOf(taskRunSchema);
export type TaskList = { items: TaskRun[]; total: number };

export interface TaskListParams {
  /** true: queued/running only; false: finished only; undefined: all. */
  active?: boolean;
  kind?: string;
  sort?: (typeof taskRunSortFields)[number];
  order?: 'asc' | 'desc';
  limit: number;
  offset?: number;
}

export const taskKeys = {
  all: (accountId: string) => ['accounts', accountId, 'tasks'] as const,
  list: (accountId: string, params: TaskListParams) => ['accounts', accountId, 'tasks', 'list', params] as const,
  one: (accountId: string, taskId: string) => ['accounts', accountId, 'tasks', 'run', taskId] as const,
};

/** Whether a query key belongs to the task feed (polled on its own, never refreshed by a finished task). */
export function isTaskKey(key: QueryKey): boolean {
  return key[0] === 'accounts' && key[2] === 'tasks';
}

export function tasksPath(accountId: string, taskId?: string): string {
  const base = `${accountPath(accountId)}/tasks`;
  return taskId ? `${base}/${encodeURIComponent(taskId)}` : base;
}

export function taskListQuery(params: TaskListParams): string {
  const q = new URLSearchParams();
  if (params.active !== undefined) q.set('active', params.active ? '1' : '0');
  if (params.kind) q.set('kind', params.kind);
  if (params.sort) q.set('sort', params.sort);
  if (params.order) q.set('order', params.order);
  q.set('limit', String(params.limit));
  if (params.offset) q.set('offset', String(params.offset));
  return q.toString();
}

export function fetchTaskList(accountId: string, params: TaskListParams, signal?: AbortSignal): Promise<TaskList> {
  return api(`${tasksPath(accountId)}?${taskListQuery(params)}`, { schema: taskListSchema, signal });
}

export function fetchTask(accountId: string, taskId: string, signal?: AbortSignal): Promise<TaskRun> {
  return api(tasksPath(accountId, taskId), { schema: taskRunSchema, signal });
}

/** A page of the task history; polled while any task on it is still running. */
export function useTaskList(
  accountId: string,
  params: TaskListParams,
  refetchInterval: (data: TaskList | undefined) => number | false,
) {
  return useQuery({
    queryKey: taskKeys.list(accountId, params),
    queryFn: ({ signal }) => fetchTaskList(accountId, params, signal),
    placeholderData: (prev) => prev,
    refetchInterval: (q) => refetchInterval(q.state.data),
  });
}

export function useCancelTask(accountId: string, onCancelled?: (run: TaskRun) => void) {
  return useMutation({
    mutationFn: (taskId: string) =>
      api(`${tasksPath(accountId, taskId)}/cancel`, { method: 'POST', schema: taskRunSchema }),
    meta: { errorTitle: 'Could not cancel the task' },
    onSuccess: (run) => onCancelled?.(run),
  });
}

/** "Retry failed items": a new run of the same kind with only the items that failed. */
export function useRetryFailedItems(accountId: string, onStarted?: (taskId: string) => void) {
  return useTaskStartMutation({
    accountId,
    mutationFn: (taskId: string, key) =>
      api(`${tasksPath(accountId, taskId)}/retry-failed`, {
        method: 'POST',
        schema: taskStartedSchema,
        headers: idempotencyHeader(key),
      }),
    errorTitle: 'Could not retry the failed items',
    onSuccess: (started) => onStarted?.(started.taskId),
  });
}
