import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Group } from '@mantine/core';

/**
 * The row of filters above a table. `onClear` (shown while `isFiltered`) empties them all;
 * `end` holds tools such as the column chooser, pushed to the far side.
 */
export function FilterBar({
  children,
  isFiltered = false,
  onClear,
  end,
}: {
  children: ReactNode;
  isFiltered?: boolean;
  onClear?: () => void;
  end?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Group align="flex-end" justify="space-between" wrap="wrap">
      <Group align="flex-end" wrap="wrap">
        {children}
        {isFiltered && onClear !== undefined && (
          <Button variant="subtle" onClick={onClear} data-testid="clear-filters">
            {t('dataTable.clearFilters')}
          </Button>
        )}
      </Group>
      {end}
    </Group>
  );
}
