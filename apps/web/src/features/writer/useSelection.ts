import { useCallback, useMemo, useState } from 'react';
import { headerCheck, toggleAll, toggleId } from '../../lib/selection';

/** Selection state of a table whose visible rows are `visibleIds`. */
export function useSelection(visibleIds: readonly string[]) {
  const [selected, setSelected] = useState<string[]>([]);
  const check = useMemo(() => headerCheck(selected, visibleIds), [selected, visibleIds]);
  const toggle = useCallback((id: string) => setSelected((s) => toggleId(s, id)), []);
  const toggleVisible = useCallback(() => setSelected((s) => toggleAll(s, visibleIds)), [visibleIds]);
  const clear = useCallback(() => setSelected([]), []);
  return { selected, check, toggle, toggleVisible, clear, isSelected: (id: string) => selected.includes(id) };
}
