import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { funnelSchema, siteSchema, type Site } from '@igny8/contracts';
import { api } from '../client';
import { accountPath } from './accounts';
import { siteKeys, sitePath } from './sites';

export const dashboardKeys = {
  /** Under the site's key, so anything that refreshes the site (a finished task) refreshes the funnel. */
  funnel: (accountId: string, siteId: string) => [...siteKeys.one(accountId, siteId), 'funnel'] as const,
};

/** How far a site's keywords have come through the pipeline (counts per stage). */
export function useFunnel(accountId: string, siteId: string | null) {
  return useQuery({
    queryKey: dashboardKeys.funnel(accountId, siteId ?? ''),
    queryFn: ({ signal }) => api(`${sitePath(accountId, siteId!)}/funnel`, { schema: funnelSchema, signal }),
    enabled: siteId !== null,
  });
}

/** "Load demo site": a site with 160 keywords, only on an account without sites (editor+). */
export function useLoadDemo(accountId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api(`${accountPath(accountId)}/demo`, { method: 'POST', body: {}, schema: siteSchema }),
    meta: { errorTitle: 'Could not load the demo site' },
    onSuccess: async (site: Site) => {
      qc.setQueryData([...siteKeys.one(accountId, site.id), 'site'], site);
      await qc.invalidateQueries({ queryKey: [...siteKeys.all(accountId), 'list'] });
    },
    // 409: someone created a site meanwhile; showing it beats offering the demo again.
    onError: () => qc.invalidateQueries({ queryKey: [...siteKeys.all(accountId), 'list'] }),
  });
}
