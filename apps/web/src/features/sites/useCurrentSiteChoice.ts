import { useSyncExternalStore } from 'react';
import { useSites } from '../../api/queries/sites';
import { lastSiteId, onRememberedSite, pickSite } from './sitePaths';

/**
 * The account's current site outside a site's pages (overview, account pages): the one last worked in or
 * chosen, else the first site in use. The side nav and the overview read it, so they always agree.
 */
export function useCurrentSiteChoice(accountId: string) {
  const sites = useSites(accountId, { archived: false });
  const remembered = useSyncExternalStore(onRememberedSite, () => lastSiteId(accountId));
  const items = sites.data?.items ?? [];
  return {
    sites,
    siteId: pickSite(
      items.map((s) => s.id),
      remembered,
    ),
  };
}
