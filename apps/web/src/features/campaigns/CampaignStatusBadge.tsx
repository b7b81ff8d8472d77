import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CampaignStatus } from '@kiana/contracts';
import { statusColor } from './campaigns.format';

export function CampaignStatusBadge({ status }: { status: CampaignStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={statusColor[status]} variant="light" data-testid="campaign-status">
      {t(`campaigns.status.${status}`)}
    </Badge>
  );
}
