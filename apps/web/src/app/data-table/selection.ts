/** Bulk selection of rows by id. Pure, so the header checkbox's three states are tested. */

export type SelectionState = 'none' | 'some' | 'all';

/** The header checkbox: are all, some or none of this page's rows selected? */
export function pageSelectionState(
  selected: ReadonlySet<string>,
  pageIds: readonly string[],
): SelectionState {
  const count = pageIds.filter((id) => selected.has(id)).length;
  if (count === 0) return 'none';
  return count === pageIds.length ? 'all' : 'some';
}

/** Adds or removes one row. */
export function toggleRow(selected: ReadonlySet<string>, id: string): Set<string> {
  const next = new Set(selected);
  if (next.has(id)) next.delete(id);
  else next.add(id);
  return next;
}

/**
 * The header checkbox was clicked: select the whole page unless it is all selected
 * already, then unselect it. Rows of other pages stay as they were.
 */
export function togglePage(selected: ReadonlySet<string>, pageIds: readonly string[]): Set<string> {
  const next = new Set(selected);
  const all = pageSelectionState(selected, pageIds) === 'all';
  for (const id of pageIds) {
    if (all) next.delete(id);
    else next.add(id);
  }
  return next;
}
