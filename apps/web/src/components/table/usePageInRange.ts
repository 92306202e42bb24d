import { useEffect, useEffectEvent } from 'react';
import { lastPage } from './pages';

type PagedQuery = { isSuccess: boolean; isPlaceholderData: boolean };

/**
 * Moves a server-paged list back to its last page when the page shown no longer exists, e.g.
 * after deleting or merging the last rows of the last page, so the list does not look empty
 * while rows remain. Waits for the current page's own answer (not the previous page still
 * shown meanwhile) before it decides.
 */
export function usePageInRange(
  query: PagedQuery,
  paging: { total: number; page: number; pageSize: number },
  onPage: (page: number) => void,
) {
  const last = lastPage(paging.total, paging.pageSize);
  const target = query.isSuccess && !query.isPlaceholderData && paging.page > last ? last : null;
  const move = useEffectEvent(onPage);
  useEffect(() => {
    if (target !== null) move(target);
  }, [target]);
}
