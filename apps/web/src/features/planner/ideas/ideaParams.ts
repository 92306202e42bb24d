import { ideaSortFields, ideaStatuses, type Idea } from '@igny8/contracts';
import type { IdeaListQuery } from '../../../api/queries/ideas';
import {
  readEnum,
  readInt,
  readPageSize,
  readSort,
  readString,
  writeParams,
  type SortOrder,
} from '../../../components/table/urlState';

export type IdeaSort = (typeof ideaSortFields)[number];

export interface IdeaListState {
  q: string;
  clusterId: string | null;
  status: Idea['status'] | null;
  sort: IdeaSort;
  order: SortOrder;
  page: number;
  pageSize: number;
  /** the idea shown in the drawer */
  open: string | null;
}

export const defaultIdeaState: IdeaListState = {
  q: '',
  clusterId: null,
  status: null,
  sort: 'createdAt',
  order: 'desc',
  page: 1,
  pageSize: 50,
  open: null,
};

export function ideaStateFromParams(params: URLSearchParams): IdeaListState {
  return {
    ...readSort(params, ideaSortFields, defaultIdeaState),
    q: readString(params, 'q').slice(0, 200),
    clusterId: readString(params, 'cluster') || null,
    status: readEnum(params, 'status', ideaStatuses),
    page: readInt(params, 'page', 1, 1, 1_000_000),
    pageSize: readPageSize(params, defaultIdeaState.pageSize),
    open: readString(params, 'open') || null,
  };
}

export function ideaStateToParams(s: IdeaListState): URLSearchParams {
  return writeParams(
    {
      q: s.q.trim(),
      cluster: s.clusterId,
      status: s.status,
      sort: s.sort,
      order: s.order,
      page: s.page,
      size: s.pageSize,
      open: s.open,
    },
    { sort: defaultIdeaState.sort, order: defaultIdeaState.order, page: 1, size: defaultIdeaState.pageSize },
  );
}

export function ideaListQuery(s: IdeaListState): IdeaListQuery {
  return {
    q: s.q.trim() || undefined,
    clusterId: s.clusterId ?? undefined,
    status: s.status ?? undefined,
    sort: s.sort,
    order: s.order,
    limit: s.pageSize,
    offset: (s.page - 1) * s.pageSize,
  };
}
