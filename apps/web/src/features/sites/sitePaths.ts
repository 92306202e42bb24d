const KEY_PREFIX = 'igny8.lastSiteId.';

export function sitesPagePath(accountId: string): string {
  return `/a/${accountId}/sites`;
}

/** The pages of a site, under `/a/:accountId/sites/:siteId/`. */
export type SitePage =
  | 'keywords'
  | 'clusters'
  | 'ideas'
  | 'cannibalisation'
  | 'writer'
  | 'content'
  | 'images'
  | 'calendar'
  | 'publishing'
  | 'links'
  | 'automation'
  | 'sectors';
/** A site page, with a query string if it filters (`keywords?clustered=1`). */
export type SiteSub = SitePage | `${SitePage}?${string}`;

/** The one way to link to a page of a site; its keywords page by default. */
export function siteHomePath(accountId: string, siteId: string, sub: SiteSub = 'keywords'): string {
  return `/a/${accountId}/sites/${siteId}/${sub}`;
}

/** The site in a pathname, if the URL is inside `/a/:accountId/sites/:siteId`. */
export function siteIdFromPath(pathname: string): string | null {
  return /^\/a\/[^/]+\/sites\/([^/]+)/.exec(pathname)?.[1] ?? null;
}

/**
 * Where switching to another site leads: the same page of the other site (keywords of A →
 * keywords of B). Only the first segment is kept; anything deeper names records of the old site.
 */
export function switchSitePath(pathname: string, accountId: string, siteId: string): string {
  const sub = /^\/a\/[^/]+\/sites\/[^/]+\/([^/?#]+)/.exec(pathname)?.[1];
  // Whatever page the URL names carries over, as it is (an unknown one shows the not-found page).
  return siteHomePath(accountId, siteId, (sub ?? 'keywords') as SiteSub);
}

/** Which of `siteIds` is current: the remembered one if it is still there (not archived), else the first. */
export function pickSite(siteIds: readonly string[], chosen: string | null): string | null {
  if (chosen && siteIds.includes(chosen)) return chosen;
  return siteIds[0] ?? null;
}

const rememberedListeners = new Set<() => void>();

/**
 * The site a user last worked in or chose on the overview, per account: the side nav and the overview show
 * the same site (useRememberedSite re-renders both when it changes).
 */
export function rememberSite(
  accountId: string,
  siteId: string,
  storage: Pick<Storage, 'setItem'> | undefined = globalThis.localStorage,
): void {
  try {
    storage?.setItem(KEY_PREFIX + accountId, siteId);
  } catch {
    // Storage can be disabled; the Sites page is the fallback.
  }
  for (const listener of rememberedListeners) listener();
}

export function onRememberedSite(listener: () => void): () => void {
  rememberedListeners.add(listener);
  return () => rememberedListeners.delete(listener);
}

export function lastSiteId(
  accountId: string,
  storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage,
): string | null {
  try {
    return storage?.getItem(KEY_PREFIX + accountId) ?? null;
  } catch {
    return null;
  }
}
