import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import {
  clusterNameSchema,
  clusterOutlierSchema,
  clusterPreviewSchema,
  clusterSchema,
  listOf,
  taskStartedSchema,
  type autoClusterBodySchema,
  type clusterListQuerySchema,
  type Cluster,
} from '@igny8/contracts';
import { api } from '../client';
import { idempotencyHeader, useTaskStartMutation } from './taskStart';
import { toSearch } from './keywords';
import { siteKeys, sitePath, useInvalidateSite } from './sites';

const clusterListSchema = listOf(clusterSchema);

export type ClusterListQuery = Partial<z.infer<typeof clusterListQuerySchema>>;
export type ClusterSort = NonNullable<ClusterListQuery['sort']>;

export const clusterKeys = {
  all: (accountId: string, siteId: string) => [...siteKeys.one(accountId, siteId), 'clusters'] as const,
  list: (accountId: string, siteId: string, query: ClusterListQuery) =>
    [...siteKeys.one(accountId, siteId), 'clusters', 'list', query] as const,
};

function clustersPath(accountId: string, siteId: string, sub = ''): string {
  return `${sitePath(accountId, siteId)}/clusters${sub}`;
}

export function useClusters(accountId: string, siteId: string, query: ClusterListQuery) {
  return useQuery({
    queryKey: clusterKeys.list(accountId, siteId, query),
    queryFn: ({ signal }) =>
      api(clustersPath(accountId, siteId, toSearch(query)), { schema: clusterListSchema, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useCluster(accountId: string, siteId: string, clusterId: string | null) {
  return useQuery({
    queryKey: [...clusterKeys.all(accountId, siteId), 'one', clusterId ?? ''],
    queryFn: ({ signal }) =>
      api(clustersPath(accountId, siteId, `/${encodeURIComponent(clusterId!)}`), { schema: clusterSchema, signal }),
    enabled: clusterId !== null,
  });
}

const clusterNamesSchema = listOf(clusterNameSchema);

/** Clusters picked from a list (ClusterSelect): this many by name, or of those matching what is typed. */
export const CLUSTER_OPTIONS = 100;

/** The site's clusters by name (names only, the first CLUSTER_OPTIONS), those whose name contains `q` when given. */
export function useClusterOptions(accountId: string, siteId: string, q = '') {
  const query = { sort: 'name', order: 'asc', limit: CLUSTER_OPTIONS, ...(q ? { q } : {}) } as const;
  const list = useQuery({
    queryKey: [...clusterKeys.all(accountId, siteId), 'names', query],
    queryFn: ({ signal }) =>
      api(clustersPath(accountId, siteId, `/names${toSearch(query)}`), { schema: clusterNamesSchema, signal }),
    placeholderData: keepPreviousData,
  });
  const options = (list.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }));
  return { ...list, options };
}

export type AutoClusterBody = z.infer<typeof autoClusterBodySchema>;

/**
 * Starts the auto-cluster task: the selected keywords (`keywordIds`), every unclustered one of a sector
 * (`sectorId`), or every unclustered one of the site when neither (each sector clustered on its own).
 */
export function useAutoCluster(accountId: string, siteId: string) {
  return useTaskStartMutation({
    accountId,
    mutationFn: (body: AutoClusterBody, key) =>
      api(clustersPath(accountId, siteId, '/auto'), {
        method: 'POST',
        body,
        schema: taskStartedSchema,
        headers: idempotencyHeader(key),
      }),
    errorTitle: 'Could not start auto-clustering',
  });
}

/**
 * What auto-cluster would save for `body`, nothing written (null: not asked). Its errors are shown
 * where it was asked for, in the dialog, not as a notice.
 */
export function useClusterPreview(accountId: string, siteId: string, body: AutoClusterBody | null) {
  return useQuery({
    queryKey: [...clusterKeys.all(accountId, siteId), 'preview', body],
    queryFn: ({ signal }) =>
      api(clustersPath(accountId, siteId, '/preview'), {
        method: 'POST',
        body: body!,
        schema: clusterPreviewSchema,
        signal,
      }),
    enabled: body !== null,
    placeholderData: keepPreviousData,
    retry: false,
    staleTime: 0,
    gcTime: 60_000,
  });
}

export function useUpdateCluster(accountId: string, siteId: string) {
  const invalidate = useInvalidateSite(accountId, siteId);
  return useMutation({
    mutationFn: ({ clusterId, ...body }: { clusterId: string; name?: string; description?: string }) =>
      api(clustersPath(accountId, siteId, `/${encodeURIComponent(clusterId)}`), {
        method: 'PATCH',
        body,
        schema: clusterSchema,
      }),
    meta: { errorTitle: 'Could not save the cluster' },
    onSuccess: invalidate,
  });
}

/** Moves the keywords of `sourceClusterId` into `targetClusterId` and removes the source. */
export function useMergeClusters(accountId: string, siteId: string) {
  const invalidate = useInvalidateSite(accountId, siteId);
  return useMutation({
    mutationFn: ({
      targetClusterId,
      sourceClusterId,
    }: {
      targetClusterId: string;
      sourceClusterId: string;
    }): Promise<Cluster> =>
      api(clustersPath(accountId, siteId, `/${encodeURIComponent(targetClusterId)}/merge`), {
        method: 'POST',
        body: { sourceClusterId },
        schema: clusterSchema,
      }),
    meta: { errorTitle: 'Could not merge the clusters' },
    // Not awaited: the page moves off the removed cluster first, so it is not refetched into a 404.
    onSuccess: () => void invalidate(),
  });
}

export function useDeleteCluster(accountId: string, siteId: string) {
  const invalidate = useInvalidateSite(accountId, siteId);
  return useMutation({
    mutationFn: (clusterId: string) =>
      api<void>(clustersPath(accountId, siteId, `/${encodeURIComponent(clusterId)}`), { method: 'DELETE' }),
    meta: { errorTitle: 'Could not delete the cluster' },
    onSuccess: () => void invalidate(),
  });
}

const outliersSchema = z.object({ items: z.array(clusterOutlierSchema) });

/** Keywords of the cluster the LLM flagged as not belonging there, with a better cluster when it gave one. */
export function useClusterOutliers(accountId: string, siteId: string, clusterId: string) {
  return useQuery({
    queryKey: [...clusterKeys.all(accountId, siteId), 'outliers', clusterId],
    queryFn: ({ signal }) =>
      api(clustersPath(accountId, siteId, `/${encodeURIComponent(clusterId)}/outliers`), {
        schema: outliersSchema,
        signal,
      }),
  });
}

/** "Keep it here": the keyword stays in the cluster and is no longer flagged. */
export function useKeepOutlier(accountId: string, siteId: string, clusterId: string) {
  const invalidate = useInvalidateSite(accountId, siteId);
  return useMutation({
    mutationFn: (keywordId: string) =>
      api<void>(
        clustersPath(accountId, siteId, `/${encodeURIComponent(clusterId)}/outliers/${encodeURIComponent(keywordId)}`),
        { method: 'DELETE' },
      ),
    meta: { errorTitle: 'Could not keep the keyword' },
    onSuccess: () => void invalidate(),
  });
}
