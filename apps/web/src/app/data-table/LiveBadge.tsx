import { useTranslation } from 'react-i18next';
import { Badge } from '@mantine/core';

/** Whether the live event stream is open: the list updates itself only while it is. */
export function LiveBadge({ connected }: { connected: boolean }) {
  const { t } = useTranslation();
  return (
    <Badge color={connected ? 'green' : 'gray'} variant="dot" data-testid="live-indicator">
      {connected ? t('dataTable.live') : t('dataTable.offline')}
    </Badge>
  );
}
