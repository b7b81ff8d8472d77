import { useTranslation } from 'react-i18next';
import { Button, Checkbox, Popover, Stack } from '@mantine/core';
import { IconColumns } from '@tabler/icons-react';

/** A button that opens the list of hideable columns, each with a checkbox. */
export function ColumnChooser({
  columns,
  hidden,
  onChange,
}: {
  columns: readonly { id: string; header: string; hideable?: boolean }[];
  hidden: ReadonlySet<string>;
  onChange: (next: Set<string>) => void;
}) {
  const { t } = useTranslation();
  const hideable = columns.filter((c) => c.hideable !== false);
  return (
    <Popover position="bottom-end" shadow="md" withinPortal>
      <Popover.Target>
        <Button
          variant="default"
          leftSection={<IconColumns size={16} aria-hidden />}
          data-testid="column-chooser"
        >
          {t('dataTable.columns')}
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="xs" role="group" aria-label={t('dataTable.columns')}>
          {hideable.map((c) => (
            <Checkbox
              key={c.id}
              label={c.header}
              checked={!hidden.has(c.id)}
              onChange={(e) => {
                const next = new Set(hidden);
                if (e.currentTarget.checked) next.delete(c.id);
                else next.add(c.id);
                onChange(next);
              }}
              data-testid={`column-${c.id}`}
            />
          ))}
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
