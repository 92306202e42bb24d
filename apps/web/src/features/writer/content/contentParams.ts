import { contentSortFields, contentStatuses, type ContentSummary } from '@igny8/contracts';
import {
  readEnum,
  readInt,
  readPageSize,
  readSort,
  readString,
  writeParams,
  type SortOrder,
} from '../../../components/table/urlState';

export type ContentSort = (typeof contentSortFields)[number];
export type ScoreBand = 'low' | 'mid' | 'high';
export const scoreBands: Record<ScoreBand, { label: string; minScore?: number; maxScore?: number }> = {
  low: { label: 'Score below 50', maxScore: 49 },
  mid: { label: 'Score 50–79', minScore: 50, maxScore: 79 },
  high: { label: 'Score 80 and up', minScore: 80 },
};

export interface ContentListState {
  q: string;
  status: ContentSummary['status'] | null;
  band: ScoreBand | null;
  length: 'short' | 'long' | null;
  sort: ContentSort;
  order: SortOrder;
  page: number;
  pageSize: number;
}

export const defaultContentState: ContentListState = {
  q: '',
  status: null,
  band: null,
  length: null,
  sort: 'updatedAt',
  order: 'desc',
  page: 1,
  pageSize: 50,
};

export function contentStateFromParams(params: URLSearchParams): ContentListState {
  const d = defaultContentState;
  return {
    q: readString(params, 'q').slice(0, 200),
    status: readEnum(params, 'status', contentStatuses),
    band: readEnum(params, 'score', ['low', 'mid', 'high'] as const),
    length: readEnum(params, 'length', ['short', 'long'] as const),
    ...readSort(params, contentSortFields, d),
    page: readInt(params, 'page', 1, 1, 1_000_000),
    pageSize: readPageSize(params, d.pageSize),
  };
}

export function contentStateToParams(s: ContentListState): URLSearchParams {
  const d = defaultContentState;
  return writeParams(
    {
      q: s.q.trim(),
      status: s.status,
      score: s.band,
      length: s.length,
      sort: s.sort,
      order: s.order,
      page: s.page,
      size: s.pageSize,
    },
    { sort: d.sort, order: d.order, page: 1, size: d.pageSize },
  );
}

export function contentListQuery(s: ContentListState) {
  return {
    q: s.q.trim() || undefined,
    status: s.status ?? undefined,
    ...(s.band ? { minScore: scoreBands[s.band].minScore, maxScore: scoreBands[s.band].maxScore } : {}),
    lengthStatus: s.length ?? undefined,
    sort: s.sort,
    order: s.order,
    limit: s.pageSize,
    offset: (s.page - 1) * s.pageSize,
  };
}

export function hasContentFilters(s: ContentListState): boolean {
  return Boolean(s.q || s.status || s.band || s.length);
}
