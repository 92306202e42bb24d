import type { z } from 'zod';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import {
  ideaSchema,
  listOf,
  type ideaListQuerySchema,
  queueIdeasResultSchema,
  taskStartedSchema,
  type Idea,
} from '@igny8/contracts';
import { api } from '../client';
import { idempotencyHeader, useTaskStartMutation } from './taskStart';
import { toSearch } from './keywords';
import { siteKeys, sitePath, useInvalidateSite } from './sites';

const ideaListSchema = listOf(ideaSchema);

export type IdeaListQuery = Partial<z.infer<typeof ideaListQuerySchema>>;

export type IdeaUpdate = Partial<
  Pick<
    Idea,
    | 'title'
    | 'summary'
    | 'contentType'
    | 'outline'
    | 'primaryKeyword'
    | 'secondaryKeywords'
    | 'targetWordCount'
    | 'status'
  >
>;

export const ideaKeys = {
  list: (accountId: string, siteId: string, query: IdeaListQuery) =>
    [...siteKeys.one(accountId, siteId), 'ideas', 'list', query] as const,
};

function ideasPath(accountId: string, siteId: string, sub = ''): string {
  return `${sitePath(accountId, siteId)}/ideas${sub}`;
}

export function useIdeas(accountId: string, siteId: string, query: IdeaListQuery) {
  return useQuery({
    queryKey: ideaKeys.list(accountId, siteId, query),
    queryFn: ({ signal }) => api(ideasPath(accountId, siteId, toSearch(query)), { schema: ideaListSchema, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useIdea(accountId: string, siteId: string, ideaId: string | null) {
  return useQuery({
    queryKey: [...siteKeys.one(accountId, siteId), 'ideas', 'one', ideaId ?? ''],
    queryFn: ({ signal }) =>
      api(ideasPath(accountId, siteId, `/${encodeURIComponent(ideaId!)}`), { schema: ideaSchema, signal }),
    enabled: ideaId !== null,
  });
}

export function useGenerateIdeas(accountId: string, siteId: string) {
  return useTaskStartMutation({
    accountId,
    mutationFn: (body: { clusterIds: string[]; perCluster: number }, key) =>
      api(ideasPath(accountId, siteId, '/generate'), {
        method: 'POST',
        body,
        schema: taskStartedSchema,
        headers: idempotencyHeader(key),
      }),
    errorTitle: 'Could not start generating ideas',
  });
}

export function useUpdateIdea(accountId: string, siteId: string) {
  const invalidate = useInvalidateSite(accountId, siteId);
  return useMutation({
    mutationFn: ({ ideaId, ...body }: IdeaUpdate & { ideaId: string }) =>
      api(ideasPath(accountId, siteId, `/${encodeURIComponent(ideaId)}`), {
        method: 'PATCH',
        body,
        schema: ideaSchema,
      }),
    meta: { errorTitle: 'Could not save the idea' },
    onSuccess: invalidate,
  });
}

export function useDeleteIdea(accountId: string, siteId: string) {
  const invalidate = useInvalidateSite(accountId, siteId);
  return useMutation({
    mutationFn: (ideaId: string) =>
      api<void>(ideasPath(accountId, siteId, `/${encodeURIComponent(ideaId)}`), { method: 'DELETE' }),
    meta: { errorTitle: 'Could not delete the idea' },
    // Not awaited: the drawer closes first, so the removed idea is not refetched into a 404.
    onSuccess: () => void invalidate(),
  });
}

/** Creates one writer task per idea; ideas that already have one are counted as `existing`. */
export function useQueueIdeasToWriter(accountId: string, siteId: string) {
  const invalidate = useInvalidateSite(accountId, siteId);
  return useMutation({
    mutationFn: (ideaIds: string[]) =>
      api(`${sitePath(accountId, siteId)}/writer/tasks`, {
        method: 'POST',
        body: { ideaIds },
        schema: queueIdeasResultSchema,
      }),
    meta: { errorTitle: 'Could not queue the ideas' },
    onSuccess: invalidate,
  });
}
