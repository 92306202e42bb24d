/**
 * Row selection of the list tables, as pure functions over an array of ids (kept in the order
 * rows were picked). "Select all" works on the rows on screen; ids picked on other pages stay.
 */

export type HeaderCheck = 'none' | 'some' | 'all';

export function toggleId(selected: readonly string[], id: string): string[] {
  return selected.includes(id) ? selected.filter((s) => s !== id) : [...selected, id];
}

/** The header checkbox: every visible row picked, some, or none. */
export function headerCheck(selected: readonly string[], visible: readonly string[]): HeaderCheck {
  if (visible.length === 0) return 'none';
  const set = new Set(selected);
  const picked = visible.filter((id) => set.has(id)).length;
  if (picked === 0) return 'none';
  return picked === visible.length ? 'all' : 'some';
}

/** Header click: when every visible row is picked they are all dropped, otherwise all added. */
export function toggleAll(selected: readonly string[], visible: readonly string[]): string[] {
  if (headerCheck(selected, visible) === 'all') return setIds(selected, visible, false);
  return setIds(selected, visible, true);
}

/**
 * Puts every id of `ids` in (`on`) or out of the selection; ids already there keep their place.
 * Linear with sets: "select all matching" puts thousands of ids in at once.
 */
export function setIds(selected: readonly string[], ids: readonly string[], on: boolean): string[] {
  if (!on) {
    const drop = new Set(ids);
    return selected.filter((id) => !drop.has(id));
  }
  const seen = new Set(selected);
  const added: string[] = [];
  for (const id of ids) {
    if (seen.has(id)) continue;
    seen.add(id);
    added.push(id);
  }
  return [...selected, ...added];
}
