import { createContext, useContext } from 'react';
import { roleAtLeast, type Membership, type Site } from '@igny8/contracts';

export interface SiteContextValue {
  accountId: string;
  siteId: string;
  site: Site;
  membership: Membership;
  /** Editors and above change planner data; viewers only read. */
  canEdit: boolean;
}

export const SiteContext = createContext<SiteContextValue | null>(null);

/** The site of the current `/a/:accountId/sites/:siteId` route. */
export function useSite(): SiteContextValue {
  const value = useContext(SiteContext);
  if (!value) throw new Error('useSite used outside a /a/:accountId/sites/:siteId route');
  return value;
}

export function canEditSites(membership: Membership): boolean {
  return roleAtLeast(membership.role, 'editor');
}
