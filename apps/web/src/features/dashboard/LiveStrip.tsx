import { Anchor, Card, Group, Progress, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { LiveBadge, useLiveRefresh } from '../../app/data-table';
import { useLocale } from '../../i18n/locale-context';
import { useCampaigns } from '../campaigns/campaigns.api';
import { progressOf } from '../campaigns/campaigns.format';
import { CampaignStatusBadge } from '../campaigns/CampaignStatusBadge';

/** What is running now: the campaigns sending or paused, with their progress, live. */
export function LiveStrip() {
  const { t } = useTranslation();
  const { fmt } = useLocale();
  const running = useCampaigns({ status: 'running', pageSize: 5 });
  const paused = useCampaigns({ status: 'paused', pageSize: 5 });
  const { connected } = useLiveRefresh(['campaigns.progress', 'campaigns.changed'], ['campaigns']);
  const campaigns = [...(running.data?.campaigns ?? []), ...(paused.data?.campaigns ?? [])];
  return (
    <Card withBorder data-testid="live-strip">
      <Group justify="space-between" mb="xs">
        <Title order={3} size="h4">
          {t('dashboard.runningNow')}
        </Title>
        <LiveBadge connected={connected} />
      </Group>
      {campaigns.length === 0 ? (
        <Text size="sm" c="dimmed">
          {running.isPending ? '…' : t('dashboard.nothingRunning')}
        </Text>
      ) : (
        <Stack gap="xs">
          {campaigns.map((c) => (
            <Group key={c.id} wrap="nowrap" gap="md" data-testid="running-campaign">
              <Anchor component={Link} to={`/campaigns/${c.id}`} miw={160} size="sm">
                {c.name}
              </Anchor>
              <CampaignStatusBadge status={c.status} />
              <Progress.Root size="sm" style={{ flex: 1 }}>
                <Progress.Section value={progressOf(c)} aria-label={c.name} />
              </Progress.Root>
              <Text size="xs" c="dimmed">
                {t('campaigns.ofRecipients', {
                  done: fmt.number(Math.round((progressOf(c) * c.counts.total) / 100)),
                  total: fmt.number(c.counts.total),
                })}
              </Text>
            </Group>
          ))}
        </Stack>
      )}
    </Card>
  );
}
