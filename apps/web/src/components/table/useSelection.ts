import { useCallback, useMemo, useState } from 'react';
import { headerCheck, setIds, toggleAll, toggleId } from '../../lib/selection';

const NO_ROWS: readonly string[] = [];

/**
 * Row selection of a list table, kept across pages so a bulk action can span them. `visibleIds`
 * (the rows on screen) drives `check` and `toggleVisible`; tables that work out the header
 * checkbox themselves may leave it out.
 */
export function useSelection(visibleIds: readonly string[] = NO_ROWS) {
  const [selected, setSelected] = useState<string[]>([]);
  const check = useMemo(() => headerCheck(selected, visibleIds), [selected, visibleIds]);
  /** Flips `id`, or with `on` puts it in or out. */
  const toggle = useCallback((id: string, on?: boolean) => {
    setSelected((s) => (on === undefined ? toggleId(s, id) : setIds(s, [id], on)));
  }, []);
  const setMany = useCallback((ids: readonly string[], on: boolean) => setSelected((s) => setIds(s, ids, on)), []);
  const toggleVisible = useCallback(() => setSelected((s) => toggleAll(s, visibleIds)), [visibleIds]);
  const clear = useCallback(() => setSelected([]), []);
  const selectedSet = useMemo(() => new Set(selected), [selected]);
  const isSelected = useCallback((id: string) => selectedSet.has(id), [selectedSet]);
  return { selected, count: selected.length, check, isSelected, toggle, setMany, toggleVisible, clear };
}

export type Selection = ReturnType<typeof useSelection>;
