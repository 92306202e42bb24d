import { useQuery, useQueryClient } from '@tanstack/react-query';
import { imagePromptSchema, imageSchema, listOf, taskStartedSchema } from '@igny8/contracts';
import { api } from '../client';
import { idempotencyHeader, useTaskStartMutation } from './taskStart';
import { toSearch } from './keywords';
import { siteKeys } from './sites';
import { GENERATING_POLL_MS, pollWhileBusy, siteDataPath } from './writer';

const imageListSchema = listOf(imageSchema);
const imagePromptListSchema = listOf(imagePromptSchema);

/** The server's page limit for images; a site with more shows the first page and says so. */
const IMAGE_PAGE = 500;

export const imageKeys = {
  all: (accountId: string, siteId: string) => [...siteKeys.one(accountId, siteId), 'images'] as const,
  list: (accountId: string, siteId: string, contentId?: string) =>
    [...siteKeys.one(accountId, siteId), 'images', 'list', contentId ?? 'all'] as const,
  prompts: (accountId: string, siteId: string, contentId?: string) =>
    [...siteKeys.one(accountId, siteId), 'images', 'prompts', contentId ?? 'all'] as const,
};

/**
 * Images of the site (or of one article), polled while any is queued or generating, and while
 * `poll` says a task of the site is still at work (its images appear only once it reaches them).
 */
export function useImages(accountId: string, siteId: string, contentId?: string, poll = false) {
  return useQuery({
    queryKey: imageKeys.list(accountId, siteId, contentId),
    queryFn: ({ signal }) =>
      api(siteDataPath(accountId, siteId, `images${toSearch({ contentId, limit: IMAGE_PAGE })}`), {
        schema: imageListSchema,
        signal,
      }),
    refetchInterval: (q) => (poll ? GENERATING_POLL_MS : pollWhileBusy(q.state.data?.items, ['queued', 'generating'])),
  });
}

/** `poll`: while prompts are being written, so each article's prompts show as they are saved. */
export function useImagePrompts(accountId: string, siteId: string, contentId?: string, poll = false) {
  return useQuery({
    queryKey: imageKeys.prompts(accountId, siteId, contentId),
    queryFn: ({ signal }) =>
      api(siteDataPath(accountId, siteId, `image-prompts${toSearch({ contentId })}`), {
        schema: imagePromptListSchema,
        signal,
      }),
    refetchInterval: poll ? GENERATING_POLL_MS : false,
  });
}

/** After a 202 the server has only queued the work: refetch so statuses show, then polling takes over. */
function useRefreshImages(accountId: string, siteId: string) {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: imageKeys.all(accountId, siteId) });
}

export function useGenerateImages(accountId: string, siteId: string) {
  const refresh = useRefreshImages(accountId, siteId);
  return useTaskStartMutation({
    accountId,
    mutationFn: (body: { contentIds?: string[]; imagePromptIds?: string[]; quality?: string }, key) =>
      api(siteDataPath(accountId, siteId, 'images/generate'), {
        method: 'POST',
        body,
        schema: taskStartedSchema,
        headers: idempotencyHeader(key),
      }),
    errorTitle: 'Could not start generating images',
    onSuccess: refresh,
  });
}

/** `regenerate` tries the same prompt again; `rewrite` softens a prompt the provider refused first. */
export function useRetryImage(accountId: string, siteId: string) {
  const refresh = useRefreshImages(accountId, siteId);
  return useTaskStartMutation({
    accountId,
    mutationFn: ({ imageId, mode }: { imageId: string; mode: 'regenerate' | 'rewrite' }, key) =>
      api(
        siteDataPath(
          accountId,
          siteId,
          `images/${encodeURIComponent(imageId)}/${mode === 'rewrite' ? 'rewrite-and-retry' : 'regenerate'}`,
        ),
        { method: 'POST', schema: taskStartedSchema, headers: idempotencyHeader(key) },
      ),
    errorTitle: 'Could not retry the image',
    onSuccess: refresh,
  });
}
