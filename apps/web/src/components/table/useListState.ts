import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';

/**
 * List state kept in the URL (reload and shared links keep it). `update` merges a patch; a patch
 * that does not set `page` starts again at page 1, since the old page may not exist any more.
 */
export function useListState<T extends { page: number }>(parse: (p: URLSearchParams) => T, serialize: (v: T) => URLSearchParams) {
  const [params, setParams] = useSearchParams();
  const value = useMemo(() => parse(params), [params, parse]);
  const update = useCallback(
    (patch: Partial<T>) =>
      setParams((prev) => serialize({ ...parse(prev), page: 1, ...patch }), { replace: true }),
    [setParams, parse, serialize],
  );
  return [value, update] as const;
}
