import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';

/** URL parameters kept across every list's own updates (the sector selector's `sector`). */
const sharedParams = ['sector'] as const;

/**
 * List state kept in the URL (reload and shared links keep it). `update` merges a patch; a patch
 * that does not set `page` starts again at page 1, since the old page may not exist any more.
 */
export function useListState<T extends { page: number }>(
  parse: (p: URLSearchParams) => T,
  serialize: (v: T) => URLSearchParams,
) {
  const [params, setParams] = useSearchParams();
  const value = useMemo(() => parse(params), [params, parse]);
  const update = useCallback(
    (patch: Partial<T>) =>
      setParams(
        (prev) => {
          const next = serialize({ ...parse(prev), page: 1, ...patch });
          // Filters every list shares (the sector) are kept by their own control, not by each list's state.
          for (const key of sharedParams) if (prev.has(key) && !next.has(key)) next.set(key, prev.get(key)!);
          return next;
        },
        { replace: true },
      ),
    [setParams, parse, serialize],
  );
  return [value, update] as const;
}
