import { useTranslation } from 'react-i18next';
import { Badge } from '@mantine/core';
import type { ContactImport } from '@kiana/contracts';

const colour = { queued: 'gray', running: 'blue', done: 'green', failed: 'red' } as const;

/** The state of an import in words and colour. */
export function ImportStatusBadge({ status }: { status: ContactImport['status'] }) {
  const { t } = useTranslation();
  return (
    <Badge color={colour[status]} variant="light" data-testid="import-status">
      {t(`imports.statuses.${status}`)}
    </Badge>
  );
}
