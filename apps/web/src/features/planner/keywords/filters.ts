import { intents, keywordStatuses, type Intent, type KeywordListQuery, type KeywordStatus } from '@igny8/contracts';
import { pageSizes, readBounded, readEnum, readInt, readString, writeParams } from '../../../components/table/urlState';
export { nextSort } from '../../../components/table/urlState';

export const keywordSorts = ['phrase', 'volume', 'difficulty', 'cpc', 'createdAt'] as const;
export type KeywordSort = (typeof keywordSorts)[number];

export interface KeywordFilters {
  q: string;
  intent: Intent | null;
  status: KeywordStatus | null;
  /** `yes`: only keywords in a cluster, `no`: only unclustered */
  clustered: 'yes' | 'no' | null;
  clusterId: string | null;
  volumeMin: number | null;
  volumeMax: number | null;
  difficultyMin: number | null;
  difficultyMax: number | null;
  sort: KeywordSort;
  order: 'asc' | 'desc';
  /** 1-based */
  page: number;
  pageSize: number;
}

export const defaultKeywordFilters: KeywordFilters = {
  q: '',
  intent: null,
  status: null,
  clustered: null,
  clusterId: null,
  volumeMin: null,
  volumeMax: null,
  difficultyMin: null,
  difficultyMax: null,
  sort: 'volume',
  order: 'desc',
  page: 1,
  pageSize: 50,
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function keywordFiltersFromParams(params: URLSearchParams): KeywordFilters {
  const d = defaultKeywordFilters;
  const cluster = readString(params, 'cluster');
  const clustered = params.get('clustered');
  const size = readInt(params, 'size', d.pageSize, 1, 500);
  return {
    q: readString(params, 'q').slice(0, 200),
    intent: readEnum(params, 'intent', intents),
    status: readEnum(params, 'status', keywordStatuses),
    clustered: clustered === '1' ? 'yes' : clustered === '0' ? 'no' : null,
    clusterId: UUID.test(cluster) ? cluster : null,
    volumeMin: readBounded(params, 'volumeMin', 1_000_000_000, true),
    volumeMax: readBounded(params, 'volumeMax', 1_000_000_000, true),
    difficultyMin: readBounded(params, 'difficultyMin', 100),
    difficultyMax: readBounded(params, 'difficultyMax', 100),
    sort: readEnum(params, 'sort', keywordSorts) ?? d.sort,
    order: readEnum(params, 'order', ['asc', 'desc'] as const) ?? d.order,
    page: readInt(params, 'page', 1, 1, 1_000_000),
    pageSize: (pageSizes as readonly number[]).includes(size) ? size : d.pageSize,
  };
}

export function keywordFiltersToParams(f: KeywordFilters): URLSearchParams {
  const d = defaultKeywordFilters;
  return writeParams(
    {
      q: f.q.trim(),
      intent: f.intent,
      status: f.status,
      clustered: f.clustered === 'yes' ? '1' : f.clustered === 'no' ? '0' : null,
      cluster: f.clusterId,
      volumeMin: f.volumeMin,
      volumeMax: f.volumeMax,
      difficultyMin: f.difficultyMin,
      difficultyMax: f.difficultyMax,
      sort: f.sort,
      order: f.order,
      page: f.page,
      size: f.pageSize,
    },
    { sort: d.sort, order: d.order, page: 1, size: d.pageSize },
  );
}

/** The filter part alone: what the list, the export and "select all matching" share. */
export function keywordFilterQuery(f: KeywordFilters): KeywordListQuery {
  const q: KeywordListQuery = {};
  if (f.q.trim()) q.q = f.q.trim();
  if (f.intent) q.intent = f.intent;
  if (f.status) q.status = f.status;
  if (f.clustered) q.clustered = f.clustered === 'yes' ? '1' : '0';
  if (f.clusterId) q.clusterId = f.clusterId;
  if (f.volumeMin !== null) q.volumeMin = f.volumeMin;
  if (f.volumeMax !== null) q.volumeMax = f.volumeMax;
  if (f.difficultyMin !== null) q.difficultyMin = f.difficultyMin;
  if (f.difficultyMax !== null) q.difficultyMax = f.difficultyMax;
  return q;
}

/** The API query of the page on screen. */
export function keywordListQuery(f: KeywordFilters): KeywordListQuery {
  return {
    ...keywordFilterQuery(f),
    sort: f.sort,
    order: f.order,
    limit: f.pageSize,
    offset: (f.page - 1) * f.pageSize,
  };
}

export function hasKeywordFilters(f: KeywordFilters): boolean {
  return Object.keys(keywordFilterQuery(f)).length > 0;
}
