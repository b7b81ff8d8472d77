import { lazy, Suspense } from 'react';
import { Group, Paper, Progress, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { recipientStatuses, type CampaignProgress } from '@kiana/contracts';
import { useLocale } from '../../i18n/locale-context';
import { doneStatuses } from './campaigns.format';

const SendsChart = lazy(() => import('./SendsChart'));

/** Live progress: counts per status, the rate now, when it should finish, sends per second. */
export function ProgressPanel({ progress }: { progress: CampaignProgress | undefined }) {
  const { t } = useTranslation();
  const { fmt } = useLocale();
  if (progress === undefined) return null;
  const { counts } = progress;
  const done = doneStatuses.reduce((n, s) => n + (counts.byStatus[s] ?? 0), 0);
  const pct = counts.total === 0 ? 0 : (done / counts.total) * 100;
  return (
    <Paper withBorder p="md" data-testid="campaign-progress">
      <Stack>
        <Group justify="space-between">
          <Title order={4}>{t('campaigns.progress')}</Title>
          <Text size="sm" data-testid="campaign-rate">
            {t('campaigns.currentRate', { rate: fmt.number(Math.round(progress.currentRate)) })}
            {progress.estimatedFinishAt !== null &&
              ` · ${t('campaigns.estimatedFinish', { at: fmt.dateTime(progress.estimatedFinishAt) })}`}
          </Text>
        </Group>
        <Progress.Root size="lg">
          <Progress.Section value={pct} aria-label={t('campaigns.progress')} />
        </Progress.Root>
        <SimpleGrid cols={{ base: 3, md: 9 }} spacing="xs">
          {recipientStatuses.map((s) => (
            <Stack key={s} gap={0} data-testid={`count-${s}`}>
              <Text size="xs" c="dimmed">
                {t(`campaigns.recipientStatus.${s}`)}
              </Text>
              <Text fw={700}>{fmt.number(counts.byStatus[s] ?? 0)}</Text>
            </Stack>
          ))}
        </SimpleGrid>
        <Suspense fallback={null}>
          <SendsChart series={progress.series} />
        </Suspense>
      </Stack>
    </Paper>
  );
}
