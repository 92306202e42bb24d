import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { listOf, siteSchema, type CreateSiteBody, type Site, type UpdateSiteBody } from '@igny8/contracts';
import { api } from '../client';
import { accountPath } from './accounts';

const siteListSchema = listOf(siteSchema);

export const siteKeys = {
  all: (accountId: string) => ['accounts', accountId, 'sites'] as const,
  list: (accountId: string, archived?: boolean) => ['accounts', accountId, 'sites', 'list', archived ?? 'all'] as const,
  /** Everything under one site (planner and writer data) starts with this key. */
  one: (accountId: string, siteId: string) => ['accounts', accountId, 'sites', siteId] as const,
};

export function sitePath(accountId: string, siteId?: string): string {
  const base = `${accountPath(accountId)}/sites`;
  return siteId ? `${base}/${encodeURIComponent(siteId)}` : base;
}

/** `archived` undefined lists every site; `false` only the ones in use. */
export function useSites(accountId: string, opts: { archived?: boolean; enabled?: boolean } = {}) {
  const archived = opts.archived === undefined ? '' : `&archived=${opts.archived ? '1' : '0'}`;
  return useQuery({
    queryKey: siteKeys.list(accountId, opts.archived),
    queryFn: ({ signal }) => api(`${sitePath(accountId)}?limit=200${archived}`, { schema: siteListSchema, signal }),
    enabled: opts.enabled ?? true,
  });
}

export function useSiteQuery(accountId: string, siteId: string, enabled = true) {
  return useQuery({
    queryKey: [...siteKeys.one(accountId, siteId), 'site'],
    queryFn: ({ signal }) => api(sitePath(accountId, siteId), { schema: siteSchema, signal }),
    enabled,
  });
}

function useAfterSiteChange(accountId: string) {
  const qc = useQueryClient();
  return async (site: Site) => {
    qc.setQueryData([...siteKeys.one(accountId, site.id), 'site'], site);
    await qc.invalidateQueries({ queryKey: [...siteKeys.all(accountId), 'list'] });
  };
}

export function useCreateSite(accountId: string) {
  const after = useAfterSiteChange(accountId);
  return useMutation({
    mutationFn: (body: CreateSiteBody) => api(sitePath(accountId), { method: 'POST', body, schema: siteSchema }),
    meta: { errorTitle: 'Could not create the site' },
    onSuccess: after,
  });
}

export function useUpdateSite(accountId: string) {
  const after = useAfterSiteChange(accountId);
  return useMutation({
    mutationFn: ({ siteId, ...body }: UpdateSiteBody & { siteId: string }) =>
      api(sitePath(accountId, siteId), { method: 'PATCH', body, schema: siteSchema }),
    meta: { errorTitle: 'Could not save the site' },
    onSuccess: after,
  });
}

/** Planner changes move counts across keywords, clusters and ideas, so the whole site's data is refreshed. */
export function useInvalidateSite(accountId: string, siteId: string) {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: siteKeys.one(accountId, siteId) });
}
