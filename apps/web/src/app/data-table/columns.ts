/** Which columns a user hid, remembered per table in the browser. */

export interface ColumnVisibility {
  id: string;
  /** False for a column that identifies the row and cannot be hidden. */
  hideable?: boolean;
  /** Hidden until the user asks for it. */
  defaultHidden?: boolean;
}

/** The hidden set from its stored JSON; anything unreadable means "the defaults". */
export function parseHidden(raw: string | null, columns: readonly ColumnVisibility[]): Set<string> {
  const defaults = new Set(columns.filter((c) => c.defaultHidden === true).map((c) => c.id));
  if (raw === null) return defaults;
  try {
    const value: unknown = JSON.parse(raw);
    if (!Array.isArray(value)) return defaults;
    // Only columns that still exist and may be hidden: a renamed column reappears.
    const hideable = new Set(columns.filter((c) => c.hideable !== false).map((c) => c.id));
    return new Set(value.filter((v): v is string => typeof v === 'string' && hideable.has(v)));
  } catch {
    return defaults;
  }
}

/** The ids of the columns to show, in their declared order. */
export function visibleColumns<C extends ColumnVisibility>(
  columns: readonly C[],
  hidden: ReadonlySet<string>,
): C[] {
  return columns.filter((c) => c.hideable === false || !hidden.has(c.id));
}
