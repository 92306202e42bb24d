import type { z } from 'zod';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  listOf,
  taskStartedSchema,
  writerTaskSchema,
  type WriterTask,
  type writerTaskListQuerySchema,
} from '@igny8/contracts';
import { api } from '../client';
import { idempotencyHeader, useTaskStartMutation } from './taskStart';
import { toSearch } from './keywords';
import { siteKeys, sitePath } from './sites';

const writerTaskListSchema = listOf(writerTaskSchema);

/** How often lists are refetched while something on them is still being generated. */
export const GENERATING_POLL_MS = 2000;

/** Poll interval for a list: on while any item is in one of the `busy` statuses, off otherwise. */
export function pollWhileBusy<S extends string>(
  items: readonly { status: S }[] | undefined,
  busy: readonly S[],
): number | false {
  return items?.some((i) => busy.includes(i.status)) ? GENERATING_POLL_MS : false;
}

export type WriterTaskListQuery = Partial<z.infer<typeof writerTaskListQuerySchema>>;

export const writerKeys = {
  tasks: (accountId: string, siteId: string) => [...siteKeys.one(accountId, siteId), 'writer-tasks'] as const,
  taskList: (accountId: string, siteId: string, query: WriterTaskListQuery) =>
    [...siteKeys.one(accountId, siteId), 'writer-tasks', query] as const,
};

/** `.../sites/:siteId/<sub>` for the writer's collections (writer/tasks, contents, images, …). */
export function siteDataPath(accountId: string, siteId: string, sub: string): string {
  return `${sitePath(accountId, siteId)}/${sub}`;
}

/**
 * Writer tasks wait as `queued` until someone generates them, so that status alone is no reason
 * to poll: poll while a content task of the site runs (`working`) or a task is being written.
 */
export function writerTasksPollInterval(
  items: readonly { status: WriterTask['status'] }[] | undefined,
  working: boolean,
): number | false {
  return working ? GENERATING_POLL_MS : pollWhileBusy(items, ['generating']);
}

export function useWriterTasks(accountId: string, siteId: string, query: WriterTaskListQuery, working = false) {
  return useQuery({
    queryKey: writerKeys.taskList(accountId, siteId, query),
    queryFn: ({ signal }) =>
      api(siteDataPath(accountId, siteId, `writer/tasks${toSearch(query)}`), { schema: writerTaskListSchema, signal }),
    placeholderData: keepPreviousData,
    refetchInterval: (q) => writerTasksPollInterval(q.state.data?.items, working),
  });
}

/** Starts writing articles for writer tasks; answers the background task's id. */
export function useGenerateContent(accountId: string, siteId: string) {
  const qc = useQueryClient();
  return useTaskStartMutation({
    accountId,
    mutationFn: ({ writerTaskIds, faq = false }: { writerTaskIds: string[]; faq?: boolean }, key) =>
      api(siteDataPath(accountId, siteId, 'contents/generate'), {
        method: 'POST',
        body: { writerTaskIds, faq },
        schema: taskStartedSchema,
        headers: idempotencyHeader(key),
      }),
    errorTitle: 'Could not start writing',
    // The server marks the tasks queued before answering: show that, and the list starts polling.
    onSuccess: () => qc.invalidateQueries({ queryKey: writerKeys.tasks(accountId, siteId) }),
  });
}
