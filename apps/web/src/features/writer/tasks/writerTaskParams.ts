import { writerTaskSortFields, writerTaskStatuses, type WriterTask } from '@igny8/contracts';
import type { WriterTaskListQuery } from '../../../api/queries/writer';
import {
  readEnum,
  readInt,
  readPageSize,
  readSort,
  writeParams,
  type SortOrder,
} from '../../../components/table/urlState';

export type WriterTaskSort = (typeof writerTaskSortFields)[number];

export interface WriterTaskListState {
  status: WriterTask['status'] | null;
  sort: WriterTaskSort;
  order: SortOrder;
  page: number;
  pageSize: number;
}

export const defaultWriterTaskState: WriterTaskListState = {
  status: null,
  sort: 'createdAt',
  order: 'desc',
  page: 1,
  pageSize: 50,
};

export function writerTaskStateFromParams(params: URLSearchParams): WriterTaskListState {
  const d = defaultWriterTaskState;
  return {
    status: readEnum(params, 'status', writerTaskStatuses),
    ...readSort(params, writerTaskSortFields, d),
    page: readInt(params, 'page', 1, 1, 1_000_000),
    pageSize: readPageSize(params, d.pageSize),
  };
}

export function writerTaskStateToParams(s: WriterTaskListState): URLSearchParams {
  const d = defaultWriterTaskState;
  return writeParams(
    { status: s.status, sort: s.sort, order: s.order, page: s.page, size: s.pageSize },
    { sort: d.sort, order: d.order, page: 1, size: d.pageSize },
  );
}

export function writerTaskListQuery(s: WriterTaskListState): WriterTaskListQuery {
  return {
    status: s.status ?? undefined,
    sort: s.sort,
    order: s.order,
    limit: s.pageSize,
    offset: (s.page - 1) * s.pageSize,
  };
}
