/**
 * The state of a server-side table (page, sort, filters) as it lives in the URL, so a
 * filtered page can be bookmarked, shared and survives a reload or the back button.
 * Pure functions: the hook `useTableState` only wires them to the router.
 */

export type SortDirection = 'asc' | 'desc';

export interface TableSort {
  column: string;
  direction: SortDirection;
}

export interface TableState {
  /** 1-based. */
  page: number;
  sort: TableSort | null;
  /** Only the declared filters; an empty value is no filter. */
  filters: Record<string, string>;
}

/** What a table keeps in the URL: its filter names and the sortable columns. */
export interface TableStateSpec {
  filters: readonly string[];
  sortable?: readonly string[];
  defaultSort?: TableSort | null;
}

// Names the kit itself uses; a filter may not take them.
const PAGE = 'page';
const SORT = 'sort';

/** `name` is ascending, `-name` descending; anything not sortable falls back to the default. */
function parseSort(raw: string | null, spec: TableStateSpec): TableSort | null {
  const fallback = spec.defaultSort ?? null;
  if (raw === null || raw === '') return fallback;
  const direction: SortDirection = raw.startsWith('-') ? 'desc' : 'asc';
  const column = raw.replace(/^-/, '');
  if (!(spec.sortable ?? []).includes(column)) return fallback;
  return { column, direction };
}

/** Reads a table's state from the query string; bad or missing values become defaults. */
export function readTableState(params: URLSearchParams, spec: TableStateSpec): TableState {
  const rawPage = Number(params.get(PAGE));
  const page = Number.isInteger(rawPage) && rawPage >= 1 ? rawPage : 1;
  const filters: Record<string, string> = {};
  for (const name of spec.filters) {
    const value = params.get(name);
    if (value !== null && value !== '') filters[name] = value;
  }
  return { page, sort: parseSort(params.get(SORT), spec), filters };
}

function sameSort(a: TableSort | null, b: TableSort | null): boolean {
  return a?.column === b?.column && a?.direction === b?.direction;
}

/**
 * Writes a table's state into a copy of the query string. Parameters that are not the
 * table's (e.g. `lang`) are kept; defaults (page 1, the default sort, empty filters) are
 * left out so the URL stays short.
 */
export function writeTableState(
  params: URLSearchParams,
  state: TableState,
  spec: TableStateSpec,
): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const name of spec.filters) {
    const value = state.filters[name];
    if (value === undefined || value === '') next.delete(name);
    else next.set(name, value);
  }
  if (state.page > 1) next.set(PAGE, String(state.page));
  else next.delete(PAGE);
  if (state.sort === null || sameSort(state.sort, spec.defaultSort ?? null)) next.delete(SORT);
  else next.set(SORT, `${state.sort.direction === 'desc' ? '-' : ''}${state.sort.column}`);
  return next;
}

/** A filter changed: set it and go back to the first page (the old page may not exist). */
export function withFilter(state: TableState, name: string, value: string | null): TableState {
  const filters = { ...state.filters };
  if (value === null || value === '') delete filters[name];
  else filters[name] = value;
  return { ...state, filters, page: 1 };
}

/** A click on a column header: ascending, then descending, then back to the default. */
export function nextSort(current: TableSort | null, column: string): TableSort | null {
  if (current?.column !== column) return { column, direction: 'asc' };
  if (current.direction === 'asc') return { column, direction: 'desc' };
  return null;
}

/** How many pages `total` rows make; at least one, so an empty table is on page 1 of 1. */
export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

/** The row offset of a 1-based page. */
export function offsetOf(page: number, pageSize: number): number {
  return (page - 1) * pageSize;
}

/** True when any declared filter has a value. */
export function hasFilters(state: TableState): boolean {
  return Object.keys(state.filters).length > 0;
}
