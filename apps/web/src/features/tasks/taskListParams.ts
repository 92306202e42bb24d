import { taskRunSortFields } from '@igny8/contracts';
import type { TaskListParams } from '../../api/queries/tasks';
import {
  readEnum,
  readInt,
  readPageSize,
  readSort,
  readString,
  writeParams,
  type SortOrder,
} from '../../components/table/urlState';
import { statusFilterParam, type StatusFilter } from './TaskFilters';

export type TaskRunSort = (typeof taskRunSortFields)[number];

export interface TaskListState {
  kind: string;
  status: StatusFilter;
  sort: TaskRunSort;
  order: SortOrder;
  page: number;
  pageSize: number;
  /** the task shown in the drawer */
  task: string | null;
}

export const defaultTaskListState: TaskListState = {
  kind: '',
  status: 'all',
  sort: 'createdAt',
  order: 'desc',
  page: 1,
  pageSize: 25,
  task: null,
};

export function taskListStateFromParams(params: URLSearchParams): TaskListState {
  const d = defaultTaskListState;
  return {
    kind: readString(params, 'kind').slice(0, 100),
    status: readEnum(params, 'status', ['active', 'finished'] as const) ?? 'all',
    ...readSort(params, taskRunSortFields, d),
    page: readInt(params, 'page', 1, 1, 1_000_000),
    pageSize: readPageSize(params, d.pageSize),
    task: readString(params, 'task') || null,
  };
}

export function taskListStateToParams(s: TaskListState): URLSearchParams {
  const d = defaultTaskListState;
  return writeParams(
    {
      kind: s.kind,
      status: s.status === 'all' ? null : s.status,
      sort: s.sort,
      order: s.order,
      page: s.page,
      size: s.pageSize,
      task: s.task,
    },
    { sort: d.sort, order: d.order, page: 1, size: d.pageSize },
  );
}

export function taskListQuery(s: TaskListState): TaskListParams {
  return {
    active: statusFilterParam[s.status],
    kind: s.kind || undefined,
    sort: s.sort,
    order: s.order,
    limit: s.pageSize,
    offset: (s.page - 1) * s.pageSize,
  };
}
