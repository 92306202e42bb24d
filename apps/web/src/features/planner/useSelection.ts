import { useCallback, useState } from 'react';

/** Row selection of a paged list; kept across pages so a bulk action can span them. */
export function useSelection() {
  const [selected, setSelected] = useState<ReadonlySet<string>>(() => new Set());
  const toggle = useCallback((id: string, on: boolean) => {
    setSelected((prev) => {
      const next = new Set(prev);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }, []);
  const setMany = useCallback((ids: string[], on: boolean) => {
    setSelected((prev) => {
      const next = new Set(prev);
      for (const id of ids) {
        if (on) next.add(id);
        else next.delete(id);
      }
      return next;
    });
  }, []);
  const clear = useCallback(() => setSelected(new Set()), []);
  return { selected, ids: [...selected], count: selected.size, toggle, setMany, clear };
}

export type Selection = ReturnType<typeof useSelection>;

/** State of a "select all on this page" checkbox. */
export function pageSelectionState(pageIds: string[], selected: ReadonlySet<string>): { checked: boolean; indeterminate: boolean } {
  const n = pageIds.filter((id) => selected.has(id)).length;
  return { checked: pageIds.length > 0 && n === pageIds.length, indeterminate: n > 0 && n < pageIds.length };
}
