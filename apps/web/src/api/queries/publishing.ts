import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  calendarSchema,
  contentSchema,
  destinationListSchema,
  destinationSchema,
  destinationTestSchema,
  maybeTaskStartedSchema,
  publicationListSchema,
  publishingSettingsSchema,
  publishResultSchema,
  type ContentSummary,
  type CreateDestinationBody,
  type PublishingSettings,
  type PublishWhen,
  type UpdateDestinationBody,
} from '@igny8/contracts';
import { api } from '../client';
import { siteKeys } from './sites';
import { idempotencyHeader, useTaskStartMutation } from './taskStart';
import { GENERATING_POLL_MS, siteDataPath } from './writer';

export const publishingKeys = {
  all: (accountId: string, siteId: string) => [...siteKeys.one(accountId, siteId), 'publishing'] as const,
  destinations: (accountId: string, siteId: string) =>
    [...siteKeys.one(accountId, siteId), 'publishing', 'destinations'] as const,
  settings: (accountId: string, siteId: string) =>
    [...siteKeys.one(accountId, siteId), 'publishing', 'settings'] as const,
  publications: (accountId: string, siteId: string, contentId?: string) =>
    [...siteKeys.one(accountId, siteId), 'publishing', 'publications', contentId ?? 'all'] as const,
  calendar: (accountId: string, siteId: string, from: string, to: string) =>
    [...siteKeys.one(accountId, siteId), 'publishing', 'calendar', from, to] as const,
};

const path = (accountId: string, siteId: string, sub: string) => siteDataPath(accountId, siteId, `publishing/${sub}`);

export function useDestinations(accountId: string, siteId: string) {
  return useQuery({
    queryKey: publishingKeys.destinations(accountId, siteId),
    queryFn: ({ signal }) => api(path(accountId, siteId, 'destinations'), { schema: destinationListSchema, signal }),
  });
}

export function useCreateDestination(accountId: string, siteId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateDestinationBody) =>
      api(path(accountId, siteId, 'destinations'), { method: 'POST', body, schema: destinationSchema }),
    meta: { errorTitle: 'Could not add the destination' },
    onSuccess: () => qc.invalidateQueries({ queryKey: publishingKeys.destinations(accountId, siteId) }),
  });
}

export function useUpdateDestination(accountId: string, siteId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateDestinationBody }) =>
      api(path(accountId, siteId, `destinations/${encodeURIComponent(id)}`), {
        method: 'PATCH',
        body,
        schema: destinationSchema,
      }),
    meta: { errorTitle: 'Could not save the destination' },
    onSuccess: () => qc.invalidateQueries({ queryKey: publishingKeys.destinations(accountId, siteId) }),
  });
}

export function useDeleteDestination(accountId: string, siteId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api(path(accountId, siteId, `destinations/${encodeURIComponent(id)}`), { method: 'DELETE' }),
    meta: { errorTitle: 'Could not remove the destination' },
    onSuccess: () => qc.invalidateQueries({ queryKey: publishingKeys.all(accountId, siteId) }),
  });
}

export function useTestDestination(accountId: string, siteId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api(path(accountId, siteId, `destinations/${encodeURIComponent(id)}/test`), {
        method: 'POST',
        schema: destinationTestSchema,
      }),
    meta: { errorTitle: 'Could not test the connection' },
    onSuccess: () => qc.invalidateQueries({ queryKey: publishingKeys.destinations(accountId, siteId) }),
  });
}

export function usePublishingSettings(accountId: string, siteId: string) {
  return useQuery({
    queryKey: publishingKeys.settings(accountId, siteId),
    queryFn: ({ signal }) => api(path(accountId, siteId, 'settings'), { schema: publishingSettingsSchema, signal }),
  });
}

export function useSavePublishingSettings(accountId: string, siteId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: PublishingSettings) =>
      api(path(accountId, siteId, 'settings'), { method: 'PUT', body, schema: publishingSettingsSchema }),
    meta: { errorTitle: 'Could not save the publishing settings' },
    onSuccess: (saved) => qc.setQueryData(publishingKeys.settings(accountId, siteId), saved),
  });
}

/** Refreshes everything publishing shows, and the articles (their editorial state moves with it). */
function invalidateAll(qc: ReturnType<typeof useQueryClient>, accountId: string, siteId: string) {
  return Promise.all([
    qc.invalidateQueries({ queryKey: publishingKeys.all(accountId, siteId) }),
    qc.invalidateQueries({ queryKey: [...siteKeys.one(accountId, siteId), 'contents'] }),
  ]);
}

export function useTransition(accountId: string, siteId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ contentId, to }: { contentId: string; to: ContentSummary['status'] }) =>
      api(siteDataPath(accountId, siteId, `contents/${encodeURIComponent(contentId)}/transition`), {
        method: 'POST',
        body: { to },
        schema: contentSchema,
      }),
    meta: { errorTitle: 'Could not change the status' },
    onSuccess: () => invalidateAll(qc, accountId, siteId),
  });
}

/** One publish task per intended publish: a double click sends the same Idempotency-Key. */
export function usePublish(accountId: string, siteId: string) {
  const qc = useQueryClient();
  return useTaskStartMutation({
    accountId,
    mutationFn: (body: { contentIds: string[]; when: PublishWhen; destinationIds?: string[] }, key) =>
      api(path(accountId, siteId, 'publish'), {
        method: 'POST',
        body,
        schema: publishResultSchema,
        headers: idempotencyHeader(key),
      }),
    errorTitle: 'Could not publish',
    onSuccess: () => invalidateAll(qc, accountId, siteId),
  });
}

export function useUnpublish(accountId: string, siteId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { contentIds: string[]; to: 'draft' | 'trash' }) =>
      api(path(accountId, siteId, 'unpublish'), { method: 'POST', body, schema: publishResultSchema }),
    meta: { errorTitle: 'Could not unpublish' },
    onSuccess: () => invalidateAll(qc, accountId, siteId),
  });
}

export function useReschedule(accountId: string, siteId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { contentId: string; at: string }) =>
      api(path(accountId, siteId, 'reschedule'), { method: 'POST', body, schema: publishResultSchema }),
    meta: { errorTitle: 'Could not reschedule' },
    onSuccess: () => invalidateAll(qc, accountId, siteId),
  });
}

export function useSyncPublications(accountId: string, siteId: string) {
  return useMutation({
    mutationFn: (contentIds?: string[]) =>
      api(path(accountId, siteId, 'sync'), {
        method: 'POST',
        body: contentIds ? { contentIds } : {},
        schema: maybeTaskStartedSchema,
      }),
    meta: { errorTitle: 'Could not check the posts' },
  });
}

/** Polls while something is on its way out. */
export function usePublications(accountId: string, siteId: string, contentId?: string) {
  return useQuery({
    queryKey: publishingKeys.publications(accountId, siteId, contentId),
    queryFn: ({ signal }) =>
      api(path(accountId, siteId, `publications${contentId ? `?contentId=${encodeURIComponent(contentId)}` : ''}`), {
        schema: publicationListSchema,
        signal,
      }),
    refetchInterval: (q) => (q.state.data?.items.some((p) => p.status === 'publishing') ? GENERATING_POLL_MS : false),
  });
}

export function useCalendar(accountId: string, siteId: string, from: string, to: string) {
  return useQuery({
    queryKey: publishingKeys.calendar(accountId, siteId, from, to),
    queryFn: ({ signal }) =>
      api(path(accountId, siteId, `calendar?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`), {
        schema: calendarSchema,
        signal,
      }),
    refetchInterval: (q) => (q.state.data?.items.some((i) => i.status === 'publishing') ? GENERATING_POLL_MS : false),
  });
}
