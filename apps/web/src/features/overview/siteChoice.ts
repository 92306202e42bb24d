/** The site the overview shows, remembered per account in this browser. */

const KEY_PREFIX = 'igny8.overviewSiteId.';

type Store = Pick<Storage, 'getItem' | 'setItem'>;

function storage(): Store | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

export function storedOverviewSite(accountId: string, store: Store | undefined = storage()): string | null {
  try {
    return store?.getItem(KEY_PREFIX + accountId) ?? null;
  } catch {
    return null;
  }
}

export function storeOverviewSite(accountId: string, siteId: string, store: Store | undefined = storage()): void {
  try {
    store?.setItem(KEY_PREFIX + accountId, siteId);
  } catch {
    // Storage can be disabled; the first site is the fallback.
  }
}

/** Which of `siteIds` to show: the one chosen before if it is still there (not archived), else the first. */
export function pickSite(siteIds: readonly string[], chosen: string | null): string | null {
  if (chosen && siteIds.includes(chosen)) return chosen;
  return siteIds[0] ?? null;
}
