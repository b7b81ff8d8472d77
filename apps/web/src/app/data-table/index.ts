// The data-table kit: one import for a list page.
export { DataTable, type DataColumn, type RowSelection } from './DataTable';
export { FilterBar } from './FilterBar';
export { ColumnChooser } from './ColumnChooser';
export { BulkBar } from './BulkBar';
export { TablePager, CursorPager } from './TablePager';
export { LiveBadge } from './LiveBadge';
export { useTableState, type TableStateControls } from './useTableState';
export { useColumnVisibility } from './useColumnVisibility';
export { useLiveEvents } from './useLiveEvents';
export { useLiveRefresh } from './useLiveRefresh';
export { offsetOf, type TableSort, type TableStateSpec } from './table-state';
