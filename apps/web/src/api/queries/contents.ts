import type { z } from 'zod';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  contentSchema,
  contentSummarySchema,
  listOf,
  taskStartedSchema,
  type Content,
  type contentListQuerySchema,
} from '@igny8/contracts';
import { api, apiBlob } from '../client';
import { idempotencyHeader, useTaskStartMutation } from './taskStart';
import { toSearch } from './keywords';
import { siteKeys } from './sites';
import { GENERATING_POLL_MS, siteDataPath } from './writer';

const contentListSchema = listOf(contentSummarySchema);

export type ContentListQuery = Partial<z.infer<typeof contentListQuerySchema>>;

export type ContentUpdate = Partial<
  Pick<Content, 'title' | 'slug' | 'bodyHtml' | 'metaTitle' | 'metaDescription' | 'excerpt' | 'status'>
>;

export type ExportFormat = 'markdown' | 'html';

export const contentKeys = {
  all: (accountId: string, siteId: string) => [...siteKeys.one(accountId, siteId), 'contents'] as const,
  list: (accountId: string, siteId: string, query: ContentListQuery) =>
    [...siteKeys.one(accountId, siteId), 'contents', 'list', query] as const,
  one: (accountId: string, siteId: string, contentId: string) =>
    [...siteKeys.one(accountId, siteId), 'contents', 'one', contentId] as const,
};

function contentsPath(accountId: string, siteId: string, sub = ''): string {
  return siteDataPath(accountId, siteId, `contents${sub}`);
}

/** `poll`: refetch every couple of seconds (while a task of the site is writing or adding images). */
export function useContents(accountId: string, siteId: string, query: ContentListQuery, poll = false) {
  return useQuery({
    queryKey: contentKeys.list(accountId, siteId, query),
    queryFn: ({ signal }) =>
      api(contentsPath(accountId, siteId, toSearch(query)), { schema: contentListSchema, signal }),
    placeholderData: keepPreviousData,
    refetchInterval: poll ? GENERATING_POLL_MS : false,
  });
}

export function useContent(accountId: string, siteId: string, contentId: string) {
  return useQuery({
    queryKey: contentKeys.one(accountId, siteId, contentId),
    queryFn: ({ signal }) =>
      api(contentsPath(accountId, siteId, `/${encodeURIComponent(contentId)}`), { schema: contentSchema, signal }),
  });
}

export function useUpdateContent(accountId: string, siteId: string, contentId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ContentUpdate) =>
      api(contentsPath(accountId, siteId, `/${encodeURIComponent(contentId)}`), {
        method: 'PATCH',
        body,
        schema: contentSchema,
      }),
    meta: { errorTitle: 'Could not save the article' },
    onSuccess: async (saved) => {
      qc.setQueryData(contentKeys.one(accountId, siteId, contentId), saved);
      await qc.invalidateQueries({ queryKey: [...contentKeys.all(accountId, siteId), 'list'] });
    },
  });
}

/** `settings`: in-article images (most, and one per how many words) and style; the API's defaults when absent. */
export function useGenerateImagePrompts(accountId: string, siteId: string) {
  return useTaskStartMutation({
    accountId,
    mutationFn: (body: { contentIds: string[]; wordsPerImage?: number; maxInline?: number; style?: string }, key) =>
      api(siteDataPath(accountId, siteId, 'image-prompts/generate'), {
        method: 'POST',
        body,
        schema: taskStartedSchema,
        headers: idempotencyHeader(key),
      }),
    errorTitle: 'Could not start writing image prompts',
  });
}

/** Exported files of one article (.md/.html) or several (.zip), fetched with the session's token. */
export async function exportContents(
  accountId: string,
  siteId: string,
  ids: readonly string[],
  format: ExportFormat,
): Promise<{ blob: Blob; filename: string }> {
  const path = contentsPath(accountId, siteId, `/export?ids=${ids.map(encodeURIComponent).join(',')}&format=${format}`);
  const { blob, filename } = await apiBlob(path);
  return { blob, filename: filename ?? fallbackExportName(ids.length, format) };
}

export function fallbackExportName(count: number, format: ExportFormat): string {
  if (count > 1) return `articles-${format}.zip`;
  return format === 'html' ? 'article.html' : 'article.md';
}
