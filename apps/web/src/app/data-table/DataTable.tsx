import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Checkbox, Group, Loader, Stack, Table, Text, UnstyledButton } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconArrowsSort } from '@tabler/icons-react';
import { ScrollTable } from '../ScrollTable';
import { ApiErrorAlert } from '../ApiErrorAlert';
import type { ColumnVisibility } from './columns';
import { visibleColumns } from './columns';
import { pageSelectionState, togglePage, toggleRow } from './selection';
import type { TableSort } from './table-state';

/** One column: its header (translated), how a row's cell renders, and what it allows. */
export interface DataColumn<Row> extends ColumnVisibility {
  header: string;
  cell: (row: Row) => ReactNode;
  /** The server can sort by this column (its id is the sort key). */
  sortable?: boolean;
}

export interface RowSelection<Row> {
  selected: ReadonlySet<string>;
  onChange: (next: Set<string>) => void;
  /** The row's name for its checkbox ("Select Ana Souza"). */
  rowLabel: (row: Row) => string;
}

export interface DataTableProps<Row> {
  /** What the table lists, translated: the scroll region's name. */
  label: string;
  columns: readonly DataColumn<Row>[];
  rows: readonly Row[] | undefined;
  rowKey: (row: Row) => string;
  isLoading: boolean;
  error: unknown;
  onRetry?: () => void;
  /** Shown when there is no row: say whether filters are why. */
  empty: string;
  minWidth?: number;
  hidden?: ReadonlySet<string>;
  sort?: TableSort | null;
  onSort?: (column: string) => void;
  selection?: RowSelection<Row>;
  onRowClick?: (row: Row) => void;
  testId?: string;
  rowTestId?: string;
  striped?: boolean;
}

function SortIcon({ sort, column }: { sort: TableSort | null | undefined; column: string }) {
  if (sort?.column !== column) return <IconArrowsSort size={14} aria-hidden />;
  return sort.direction === 'asc' ? (
    <IconArrowUp size={14} aria-hidden />
  ) : (
    <IconArrowDown size={14} aria-hidden />
  );
}

const ariaSort = (sort: TableSort | null | undefined, column: string) =>
  sort?.column !== column ? undefined : sort.direction === 'asc' ? 'ascending' : 'descending';

/**
 * The list every page builds on: sortable headers (server-side), hidden columns, row
 * checkboxes for bulk actions, and the loading, empty and error states. Paging, filters and
 * the bulk bar sit around it (TablePager, FilterBar, BulkBar).
 */
export function DataTable<Row>(props: DataTableProps<Row>) {
  const { t } = useTranslation();
  const { columns, rows, rowKey, selection, sort, onSort, onRowClick } = props;
  const shown = visibleColumns(columns, props.hidden ?? new Set());
  const list = rows ?? [];
  const pageIds = list.map(rowKey);
  const pageState =
    selection === undefined ? 'none' : pageSelectionState(selection.selected, pageIds);
  return (
    <Stack gap="xs">
      <ScrollTable minWidth={props.minWidth ?? 900} label={props.label}>
        <Table striped={props.striped ?? true} highlightOnHover data-testid={props.testId}>
          <Table.Thead>
            <Table.Tr>
              {selection !== undefined && (
                <Table.Th w={40}>
                  <Checkbox
                    aria-label={t('dataTable.selectPage')}
                    checked={pageState === 'all' && pageIds.length > 0}
                    indeterminate={pageState === 'some'}
                    disabled={pageIds.length === 0}
                    onChange={() => selection.onChange(togglePage(selection.selected, pageIds))}
                    data-testid="select-page"
                  />
                </Table.Th>
              )}
              {shown.map((c) => (
                <Table.Th
                  key={c.id}
                  aria-sort={c.sortable === true ? ariaSort(sort, c.id) : undefined}
                >
                  {c.sortable === true && onSort !== undefined ? (
                    <UnstyledButton
                      fz="sm"
                      fw={700}
                      onClick={() => onSort(c.id)}
                      data-testid={`sort-${c.id}`}
                    >
                      <Group gap={4} wrap="nowrap">
                        {c.header}
                        <SortIcon sort={sort} column={c.id} />
                      </Group>
                    </UnstyledButton>
                  ) : (
                    c.header
                  )}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.map((row) => {
              const id = rowKey(row);
              return (
                <Table.Tr
                  key={id}
                  data-testid={props.rowTestId}
                  onClick={onRowClick === undefined ? undefined : () => onRowClick(row)}
                  style={onRowClick === undefined ? undefined : { cursor: 'pointer' }}
                >
                  {selection !== undefined && (
                    // The checkbox must not open the row.
                    <Table.Td onClick={(e) => e.stopPropagation()}>
                      <Checkbox
                        aria-label={selection.rowLabel(row)}
                        checked={selection.selected.has(id)}
                        onChange={() => selection.onChange(toggleRow(selection.selected, id))}
                        data-testid="select-row"
                      />
                    </Table.Td>
                  )}
                  {shown.map((c) => (
                    <Table.Td key={c.id}>{c.cell(row)}</Table.Td>
                  ))}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </ScrollTable>
      <TableStatus {...props} count={list.length} />
    </Stack>
  );
}

/** Below the rows: a loader, the error with a retry, or the empty message. */
function TableStatus({
  isLoading,
  error,
  onRetry,
  empty,
  count,
}: Pick<DataTableProps<unknown>, 'isLoading' | 'error' | 'onRetry' | 'empty'> & { count: number }) {
  const { t } = useTranslation();
  if (error !== null && error !== undefined)
    return (
      <Stack gap="xs" data-testid="table-error">
        <ApiErrorAlert error={error} />
        {onRetry !== undefined && (
          <Group>
            <Button variant="default" onClick={onRetry}>
              {t('common.tryAgain')}
            </Button>
          </Group>
        )}
      </Stack>
    );
  if (isLoading && count === 0) return <Loader size="sm" aria-label={t('common.loading')} />;
  if (count === 0)
    return (
      <Text c="dimmed" size="sm" data-testid="table-empty">
        {empty}
      </Text>
    );
  return null;
}
