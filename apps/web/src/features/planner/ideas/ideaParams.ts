import { ideaStatuses, type Idea } from '@igny8/contracts';
import type { IdeaListQuery } from '../../../api/queries/ideas';
import { pageSizes, readEnum, readInt, readString, writeParams } from '../urlState';

export interface IdeaListState {
  q: string;
  clusterId: string | null;
  status: Idea['status'] | null;
  page: number;
  pageSize: number;
  /** the idea shown in the drawer */
  open: string | null;
}

export const defaultIdeaState: IdeaListState = { q: '', clusterId: null, status: null, page: 1, pageSize: 50, open: null };

export function ideaStateFromParams(params: URLSearchParams): IdeaListState {
  const size = readInt(params, 'size', defaultIdeaState.pageSize, 1, 500);
  return {
    q: readString(params, 'q').slice(0, 200),
    clusterId: readString(params, 'cluster') || null,
    status: readEnum(params, 'status', ideaStatuses),
    page: readInt(params, 'page', 1, 1, 1_000_000),
    pageSize: (pageSizes as readonly number[]).includes(size) ? size : defaultIdeaState.pageSize,
    open: readString(params, 'open') || null,
  };
}

export function ideaStateToParams(s: IdeaListState): URLSearchParams {
  return writeParams(
    { q: s.q.trim(), cluster: s.clusterId, status: s.status, page: s.page, size: s.pageSize, open: s.open },
    { page: 1, size: defaultIdeaState.pageSize },
  );
}

export function ideaListQuery(s: IdeaListState): IdeaListQuery {
  return {
    q: s.q.trim() || undefined,
    clusterId: s.clusterId ?? undefined,
    status: s.status ?? undefined,
    limit: s.pageSize,
    offset: (s.page - 1) * s.pageSize,
  };
}
