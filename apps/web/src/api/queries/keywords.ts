import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import {
  addKeywordsResultSchema,
  bulkResultSchema,
  cannibalKeywordSchema,
  importPreviewSchema,
  importResultSchema,
  keywordSchema,
  listOf,
  type ImportPreview,
  type ImportResult,
  type KeywordBulkBody,
  type KeywordInput,
  type KeywordListQuery,
  serpImportResultSchema,
  taskStartedSchema,
} from '@igny8/contracts';
import { idempotencyHeader, useTaskStartMutation } from './taskStart';
import { api, apiBlob, apiUpload, RawBody } from '../client';
import { siteKeys, sitePath, useInvalidateSite } from './sites';

const keywordListSchema = listOf(keywordSchema);

export const keywordKeys = {
  all: (accountId: string, siteId: string) => [...siteKeys.one(accountId, siteId), 'keywords'] as const,
  list: (accountId: string, siteId: string, query: KeywordListQuery) =>
    [...siteKeys.one(accountId, siteId), 'keywords', query] as const,
};

export function keywordsPath(accountId: string, siteId: string, sub = ''): string {
  return `${sitePath(accountId, siteId)}/keywords${sub}`;
}

/** `?a=1&b=x` from a query object; empty and undefined values are left out. */
export function toSearch(query: object): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    params.set(k, typeof v === 'boolean' ? (v ? '1' : '0') : String(v));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

export function useKeywords(accountId: string, siteId: string, query: KeywordListQuery, enabled = true) {
  return useQuery({
    queryKey: keywordKeys.list(accountId, siteId, query),
    queryFn: ({ signal }) =>
      api(keywordsPath(accountId, siteId, toSearch(query)), { schema: keywordListSchema, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useAddKeywords(accountId: string, siteId: string) {
  const invalidate = useInvalidateSite(accountId, siteId);
  return useMutation({
    mutationFn: (keywords: KeywordInput[]) =>
      api(keywordsPath(accountId, siteId), { method: 'POST', body: { keywords }, schema: addKeywordsResultSchema }),
    meta: { errorTitle: 'Could not add keywords' },
    onSuccess: invalidate,
  });
}

export function useKeywordBulk(accountId: string, siteId: string) {
  const invalidate = useInvalidateSite(accountId, siteId);
  return useMutation({
    mutationFn: (body: KeywordBulkBody) =>
      api(keywordsPath(accountId, siteId, '/bulk'), { method: 'POST', body, schema: bulkResultSchema }),
    meta: { errorTitle: 'Could not change the keywords' },
    onSuccess: invalidate,
  });
}

export interface ImportRequest {
  file: Blob;
  dryRun?: boolean;
  mode?: 'strict' | 'valid';
  /** where new keywords go; absent: the site's first sector */
  sectorId?: string;
}

/** Preview (`dryRun`) answers an ImportPreview; a real import an ImportResult (taskId set when it runs in the background). */
export function useImportKeywords(accountId: string, siteId: string) {
  const invalidate = useInvalidateSite(accountId, siteId);
  return useTaskStartMutation({
    accountId,
    mutationFn: async ({ file, dryRun, mode, sectorId }: ImportRequest, key): Promise<ImportPreview | ImportResult> => {
      const path = keywordsPath(
        accountId,
        siteId,
        `/import${toSearch({ dryRun: dryRun ? '1' : undefined, mode, sectorId })}`,
      );
      // A large import runs as a task: the same file sent twice under one key imports once.
      const json = await apiUpload(path, new RawBody(file, 'text/csv'), { headers: idempotencyHeader(key) });
      return dryRun ? importPreviewSchema.parse(json) : importResultSchema.parse(json);
    },
    requestId: ({ file, dryRun, mode, sectorId }) => {
      const f = file as Partial<File>;
      return JSON.stringify([
        f.name ?? '',
        file.size,
        f.lastModified ?? 0,
        dryRun ?? false,
        mode ?? 'strict',
        sectorId ?? '',
      ]);
    },
    errorTitle: false,
    onSuccess: (_data, vars) => (vars.dryRun ? undefined : invalidate()),
  });
}

/** Fetches the selected keywords' top search results from the platform's SERP provider (a task). */
export function useFetchSerps(accountId: string, siteId: string) {
  return useTaskStartMutation({
    accountId,
    mutationFn: (keywordIds: string[], key) =>
      api(keywordsPath(accountId, siteId, '/serps/fetch'), {
        method: 'POST',
        body: { keywordIds },
        schema: taskStartedSchema,
        headers: idempotencyHeader(key),
      }),
    errorTitle: 'Could not fetch search results',
  });
}

/** Imports a SERP export: the site's keywords get their top search results (used by auto-cluster). */
export function useImportSerps(accountId: string, siteId: string) {
  const invalidate = useInvalidateSite(accountId, siteId);
  return useMutation({
    mutationFn: async (file: File) =>
      serpImportResultSchema.parse(
        await apiUpload(keywordsPath(accountId, siteId, '/serps/import'), new RawBody(file, 'text/csv')),
      ),
    meta: { errorTitle: false },
    onSuccess: invalidate,
  });
}

/** The CSV of every keyword matching the filter, fetched with the session's token. */
export async function downloadKeywordsCsv(
  accountId: string,
  siteId: string,
  filter: KeywordListQuery,
): Promise<{ blob: Blob; filename: string }> {
  const { sort: _s, order: _o, limit: _l, offset: _off, ...rest } = filter;
  const { blob, filename } = await apiBlob(keywordsPath(accountId, siteId, `/export${toSearch(rest)}`));
  return { blob, filename: filename ?? 'keywords.csv' };
}

const cannibalListSchema = listOf(cannibalKeywordSchema);

/** Keywords more than one idea or article targets. */
export function useCannibalisedKeywords(accountId: string, siteId: string, page: { limit: number; offset: number }) {
  return useQuery({
    queryKey: [...keywordKeys.all(accountId, siteId), 'cannibalisation', page] as const,
    queryFn: ({ signal }) =>
      api(keywordsPath(accountId, siteId, `/cannibalisation${toSearch(page)}`), { schema: cannibalListSchema, signal }),
    placeholderData: keepPreviousData,
  });
}
