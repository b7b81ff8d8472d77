import { useState } from 'react';
import { parseHidden, type ColumnVisibility } from './columns';

const storageKey = (table: string) => `kiana.columns.${table}`;

function readStored(table: string): string | null {
  try {
    return window.localStorage.getItem(storageKey(table));
  } catch {
    // Storage refused (private mode, a policy): the defaults still work.
    return null;
  }
}

/** The columns a user hid in table `table`, remembered in this browser. */
export function useColumnVisibility(table: string, columns: readonly ColumnVisibility[]) {
  const [hidden, setHiddenState] = useState(() => parseHidden(readStored(table), columns));
  const setHidden = (next: Set<string>) => {
    setHiddenState(next);
    try {
      window.localStorage.setItem(storageKey(table), JSON.stringify([...next]));
    } catch {
      // Not remembered, but applied for this visit.
    }
  };
  return { hidden, setHidden };
}
