import { Alert, Anchor, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { PageHeader } from '../../app/PageHeader';
import { ApiErrorAlert } from '../../app/ApiErrorAlert';
import { Ltr } from '../../app/Ltr';
import { LiveBadge, useLiveRefresh } from '../../app/data-table';
import { useLocale } from '../../i18n/locale-context';
import { useCampaign, useProgress } from './campaigns.api';
import { liveStatuses } from './campaigns.format';
import { CampaignStatusBadge } from './CampaignStatusBadge';
import { ProgressPanel } from './ProgressPanel';
import { RecipientsTable } from './RecipientsTable';
import { RunControls } from './RunControls';

/** One campaign: its state in plain words, run control, approval, live progress, recipients. */
export function CampaignPage() {
  const { t } = useTranslation();
  const { fmt } = useLocale();
  const { id = '' } = useParams();
  const campaign = useCampaign(id);
  const live = campaign.data !== undefined && liveStatuses.includes(campaign.data.status);
  const progress = useProgress(id, live);
  // Events refresh the page at once; the poll above covers a dropped stream.
  const { connected } = useLiveRefresh(
    ['campaigns.changed', 'campaigns.progress'],
    ['campaign', id],
  );
  const c = campaign.data;
  if (c === undefined) return <ApiErrorAlert error={campaign.error} />;
  return (
    <>
      <PageHeader
        title={c.name}
        actions={
          <Group>
            <LiveBadge connected={connected} />
            <CampaignStatusBadge status={c.status} />
          </Group>
        }
      />
      <Stack>
        <Text size="sm" c="dimmed">
          <Ltr>
            {c.templateName} · {c.templateLanguage}
          </Ltr>{' '}
          · <Ltr>{c.phoneNumberId}</Ltr> · {t('campaigns.created')} {fmt.dateTime(c.createdAt)}
          {c.scheduleAt !== null &&
            ` · ${t('campaigns.scheduledFor', { at: fmt.dateTime(c.scheduleAt), zone: c.scheduleTimeZone ?? '' })}`}
        </Text>
        <Text data-testid="campaign-state">{t(`campaigns.statusText.${c.status}`)}</Text>
        {c.status === 'paused' && c.pauseReason !== null && (
          <Alert color="orange" title={t('campaigns.pausedBecause')} data-testid="pause-reason">
            {t(`campaigns.pauseReasons.${c.pauseReason}`)}
            {c.pauseDetail !== null && ` — ${c.pauseDetail}`}
          </Alert>
        )}
        <RunControls campaign={c} />
        {c.status !== 'draft' && (
          <Anchor
            component={Link}
            to={`/campaigns/${encodeURIComponent(c.id)}/report`}
            data-testid="campaign-report-link"
          >
            {t('campaignReport.open')}
          </Anchor>
        )}
        <ProgressPanel progress={progress.data} />
        <Title order={3}>{t('campaigns.recipients')}</Title>
        <RecipientsTable campaignId={c.id} campaignStatus={c.status} />
        <Anchor component={Link} to="/campaigns" size="sm">
          {t('campaigns.backToList')}
        </Anchor>
      </Stack>
    </>
  );
}
