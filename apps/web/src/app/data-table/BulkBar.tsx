import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Group, Paper, Text } from '@mantine/core';

/** Shown while rows are selected: how many, the actions on them, and a way to unselect. */
export function BulkBar({
  count,
  onClear,
  children,
}: {
  count: number;
  onClear: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  if (count === 0) return null;
  return (
    <Paper withBorder p="xs" data-testid="bulk-bar">
      <Group justify="space-between" wrap="wrap">
        <Group wrap="wrap">
          <Text size="sm" fw={600} aria-live="polite">
            {t('dataTable.selected', { count })}
          </Text>
          {children}
        </Group>
        <Button variant="subtle" onClick={onClear}>
          {t('dataTable.clearSelection')}
        </Button>
      </Group>
    </Paper>
  );
}
