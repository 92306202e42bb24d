import { pageSizes, readEnum, readInt, readString, writeParams } from '../../../components/table/urlState';

export const clusterSorts = ['name', 'keywordCount', 'totalVolume', 'avgDifficulty', 'createdAt'] as const;
export type ClusterSortField = (typeof clusterSorts)[number];

export interface ClusterListState {
  q: string;
  sort: ClusterSortField;
  order: 'asc' | 'desc';
  page: number;
  pageSize: number;
  /** the cluster shown in the drawer */
  open: string | null;
}

export const defaultClusterState: ClusterListState = {
  q: '',
  sort: 'totalVolume',
  order: 'desc',
  page: 1,
  pageSize: 50,
  open: null,
};

export function clusterStateFromParams(params: URLSearchParams): ClusterListState {
  const d = defaultClusterState;
  const size = readInt(params, 'size', d.pageSize, 1, 500);
  return {
    q: readString(params, 'q').slice(0, 200),
    sort: readEnum(params, 'sort', clusterSorts) ?? d.sort,
    order: readEnum(params, 'order', ['asc', 'desc'] as const) ?? d.order,
    page: readInt(params, 'page', 1, 1, 1_000_000),
    pageSize: (pageSizes as readonly number[]).includes(size) ? size : d.pageSize,
    open: readString(params, 'open') || null,
  };
}

export function clusterStateToParams(s: ClusterListState): URLSearchParams {
  const d = defaultClusterState;
  return writeParams(
    { q: s.q.trim(), sort: s.sort, order: s.order, page: s.page, size: s.pageSize, open: s.open },
    { sort: d.sort, order: d.order, page: 1, size: d.pageSize },
  );
}

export function clusterListQuery(s: ClusterListState) {
  return {
    q: s.q.trim() || undefined,
    sort: s.sort,
    order: s.order,
    limit: s.pageSize,
    offset: (s.page - 1) * s.pageSize,
  };
}
