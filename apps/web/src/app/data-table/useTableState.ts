import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import {
  nextSort,
  readTableState,
  withFilter,
  writeTableState,
  type TableState,
  type TableStateSpec,
} from './table-state';

/**
 * A table's page, sort and filters, kept in the URL. Typing in a filter replaces the
 * history entry rather than adding one per keystroke. `spec` must be a module constant: a
 * new object each render would re-read the state each render.
 */
export function useTableState(spec: TableStateSpec) {
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => readTableState(params, spec), [params, spec]);
  const update = useCallback(
    (change: (current: TableState) => TableState) =>
      setParams(
        (current) => writeTableState(current, change(readTableState(current, spec)), spec),
        {
          replace: true,
        },
      ),
    [setParams, spec],
  );
  return {
    ...state,
    setFilter: (name: string, value: string | null) => update((s) => withFilter(s, name, value)),
    clearFilters: () => update((s) => ({ ...s, filters: {}, page: 1 })),
    setPage: (page: number) => update((s) => ({ ...s, page })),
    toggleSort: (column: string) =>
      update((s) => ({ ...s, sort: nextSort(s.sort, column), page: 1 })),
  };
}

export type TableStateControls = ReturnType<typeof useTableState>;
