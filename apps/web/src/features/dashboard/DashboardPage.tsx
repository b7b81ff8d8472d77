import { databaseNames } from '../../app/literals';
import { Card, Group, SegmentedControl, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { serverInfoSchema } from '@kiana/contracts';
import { api } from '../../api/client';
import { ApiErrorAlert } from '../../app/ApiErrorAlert';
import { PageHeader } from '../../app/PageHeader';
import { Ltr } from '../../app/Ltr';
import { useLocale } from '../../i18n/locale-context';
import { countryName } from '../contacts/contacts.format';
import { DailyChart } from './DailyChart';
import { LiveStrip } from './LiveStrip';
import { NumbersPanel } from './NumbersPanel';
import { Breakdown, Failures, FigureCards, Funnel, Spend } from './AnalyticsPanels';
import { periodOf, useAnalyticsSummary } from './dashboard.api';

const PERIODS = ['1', '7', '30'] as const;

/** The landing page: the period's messaging at a glance, from the rollups, refreshed live. */
export function DashboardPage() {
  const { t } = useTranslation();
  const { fmt, settings } = useLocale();
  const [days, setDays] = useState<(typeof PERIODS)[number]>('7');
  const period = useMemo(() => periodOf(Number(days)), [days]);
  const summary = useAnalyticsSummary({ ...period, step: days === '1' ? 'hour' : 'day' });
  const info = useQuery({ queryKey: ['meta'], queryFn: () => api.get('/meta', serverInfoSchema) });
  const pending = '…';
  const s = summary.data;
  return (
    <>
      <PageHeader
        title={t('nav.dashboard')}
        description={t('dashboard.description')}
        actions={
          <SegmentedControl
            aria-label={t('dashboard.period')}
            value={days}
            onChange={(v) => setDays(v as (typeof PERIODS)[number])}
            data={PERIODS.map((p) => ({
              value: p,
              label:
                p === '1' ? t('dashboard.today') : t('dashboard.lastDays', { days: Number(p) }),
            }))}
            data-testid="period"
          />
        }
      />
      <Stack>
        <LiveStrip />
        {summary.error !== null && <ApiErrorAlert error={summary.error} />}
        {s !== undefined && (
          <>
            <FigureCards summary={s} />
            <Card withBorder>
              <Group justify="space-between" mb="sm">
                <Title order={3} size="h4">
                  {t('dashboard.dailyChart')}
                </Title>
                <Text size="xs" c="dimmed" data-testid="rollup-watermark">
                  {s.watermark === null
                    ? t('dashboard.notFoldedYet')
                    : t('dashboard.updated', { time: fmt.dateTime(s.watermark) })}
                </Text>
              </Group>
              <DailyChart summary={s} />
            </Card>
            <SimpleGrid cols={{ base: 1, md: 3 }}>
              <Funnel summary={s} />
              <Failures summary={s} />
              <Spend summary={s} />
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, lg: 2 }}>
              <Breakdown
                title={t('dashboard.topTemplates')}
                rows={s.byTemplate}
                testId="top-templates"
              />
              <Breakdown
                title={t('dashboard.byCountry')}
                rows={s.byCountry}
                testId="by-country"
                nameOf={(code) => countryName(code, settings.language)}
              />
            </SimpleGrid>
          </>
        )}
        <NumbersPanel since={period.from} />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Card withBorder>
            <Text size="sm" c="dimmed">
              {t('dashboard.mode')}
            </Text>
            <Text fw={600} size="lg" data-testid="mode">
              {info.data === undefined
                ? pending
                : info.data.demo
                  ? t('dashboard.demoMode')
                  : t('dashboard.liveMode')}
            </Text>
          </Card>
          <Card withBorder>
            <Text size="sm" c="dimmed">
              {t('dashboard.database')}
            </Text>
            <Text fw={600} size="lg">
              <Ltr>{info.data === undefined ? pending : databaseNames[info.data.database]}</Ltr>
            </Text>
          </Card>
          <Card withBorder>
            <Text size="sm" c="dimmed">
              {t('dashboard.version')}
            </Text>
            <Text fw={600} size="lg">
              <Ltr>{info.data?.version ?? pending}</Ltr>
            </Text>
          </Card>
        </SimpleGrid>
      </Stack>
    </>
  );
}
