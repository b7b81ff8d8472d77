import { useTranslation } from 'react-i18next';
import { Button, Group, Pagination } from '@mantine/core';
import { pageCount } from './table-state';

/** Numbered pages for an offset-paged list; nothing when everything fits on one page. */
export function TablePager({
  total,
  pageSize,
  page,
  onChange,
}: {
  total: number;
  pageSize: number;
  page: number;
  onChange: (page: number) => void;
}) {
  const { t } = useTranslation();
  if (total <= pageSize) return null;
  // Mantine's arrows are icons only: each control and page gets a spoken name.
  return (
    <Pagination
      total={pageCount(total, pageSize)}
      value={page}
      onChange={onChange}
      getControlProps={(control) => ({ 'aria-label': t(`dataTable.pager.${control}`) })}
      getItemProps={(n) => ({ 'aria-label': t('dataTable.pager.page', { page: n }) })}
    />
  );
}

/** Newer / older for a cursor-paged log, where the total is not known. */
export function CursorPager({
  hasNewer,
  hasOlder,
  onNewer,
  onOlder,
}: {
  hasNewer: boolean;
  hasOlder: boolean;
  onNewer: () => void;
  onOlder: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Group>
      <Button variant="default" disabled={!hasNewer} onClick={onNewer}>
        {t('dataTable.newer')}
      </Button>
      <Button variant="default" disabled={!hasOlder} onClick={onOlder}>
        {t('dataTable.older')}
      </Button>
    </Group>
  );
}
