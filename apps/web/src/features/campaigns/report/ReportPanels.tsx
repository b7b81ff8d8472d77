import { Card, Group, Progress, Stack, Table, Text, Title } from '@mantine/core';
import type { CampaignReport } from '@kiana/contracts';
import { useTranslation } from 'react-i18next';
import { FailureReason } from '../../../app/FailureReason';
import { LineChart } from '../../../app/charts/LineChart';
import { Ltr } from '../../../app/Ltr';
import { ScrollTable } from '../../../app/ScrollTable';
import { useFormat } from '../../../i18n/locale-context';
import { cumulative, FUNNEL_STEPS, share } from './report.api';

/** A percentage in the user's locale, or a dash. */
export function usePercent() {
  const fmt = useFormat();
  return (value: number | null) =>
    value === null ? '—' : `${fmt.number(Math.round(value * 10) / 10)}%`;
}

/** Targeted → sent → delivered → read → replied → opted out, each as a share of the targeted. */
export function ReportFunnel({ report }: { report: CampaignReport }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const percent = usePercent();
  const { funnel } = report;
  return (
    <Card withBorder data-testid="report-funnel">
      <Title order={2} size="h4" mb="sm">
        {t('campaignReport.funnel')}
      </Title>
      <Stack gap="xs">
        {FUNNEL_STEPS.map((step) => {
          const value = share(funnel[step], funnel.targeted);
          return (
            <div key={step} data-testid={`funnel-${step}`}>
              <Group justify="space-between">
                <Text size="sm">{t(`campaignReport.steps.${step}`)}</Text>
                <Text size="sm" data-testid={`funnel-${step}-value`}>
                  {fmt.number(funnel[step])} · {percent(value)}
                </Text>
              </Group>
              <Progress
                value={Math.min(100, value ?? 0)}
                aria-label={t(`campaignReport.steps.${step}`)}
              />
            </div>
          );
        })}
        <Text size="xs" c="dimmed">
          {t('campaignReport.besideFunnel', {
            failed: fmt.number(funnel.failed),
            skipped: fmt.number(funnel.skipped),
          })}
        </Text>
      </Stack>
    </Card>
  );
}

/** Read and reply curves since launch, cumulative per hour. */
export function ReportCurves({ report }: { report: CampaignReport }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const points = cumulative(report.hours).map((h) => ({
    label: fmt.dateTime(h.start),
    values: { delivered: h.delivered, read: h.read, replied: h.replied },
  }));
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="sm">
        {t('campaignReport.curves')}
      </Title>
      {points.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('campaignReport.noCurves')}
        </Text>
      ) : (
        <LineChart
          testId="report-curves"
          title={t('campaignReport.curves')}
          points={points}
          series={[
            {
              key: 'delivered',
              label: t('campaignReport.steps.delivered'),
              color: 'var(--mantine-color-teal-7)',
            },
            {
              key: 'read',
              label: t('campaignReport.steps.read'),
              color: 'var(--mantine-color-blue-7)',
            },
            {
              key: 'replied',
              label: t('campaignReport.steps.replied'),
              color: 'var(--mantine-color-grape-7)',
            },
          ]}
        />
      )}
    </Card>
  );
}

/** Failed messages per Meta code, with the catalogue's explanation and action. */
export function ReportFailures({ report }: { report: CampaignReport }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <Card withBorder data-testid="report-failures">
      <Title order={2} size="h4" mb="sm">
        {t('campaignReport.failures')}
      </Title>
      {report.failures.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('campaignReport.noFailures')}
        </Text>
      ) : (
        <Stack gap="sm">
          {report.failures.map((f) => (
            <Group key={f.code} justify="space-between" align="flex-start" wrap="nowrap">
              <FailureReason code={f.code} />
              <Text fw={600}>{fmt.number(f.count)}</Text>
            </Group>
          ))}
        </Stack>
      )}
    </Card>
  );
}

/** Sent, delivered, read, replied, failed and spend per country of the recipients. */
export function ReportCountries({ report }: { report: CampaignReport }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const money = (micros: number) => fmt.currency(micros / 1_000_000, report.cost.currency);
  const columns = ['sent', 'delivered', 'read', 'replied', 'failed'] as const;
  return (
    <Card withBorder data-testid="report-countries">
      <Title order={2} size="h4" mb="sm">
        {t('campaignReport.countries')}
      </Title>
      <ScrollTable minWidth={520} label={t('campaignReport.countries')}>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('campaignReport.country')}</Table.Th>
              {columns.map((c) => (
                <Table.Th key={c}>{t(`campaignReport.steps.${c}`)}</Table.Th>
              ))}
              <Table.Th>{t('campaignReport.cost')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {report.byCountry.map((c) => (
              <Table.Tr key={c.key}>
                <Table.Td>
                  <Ltr>{c.key === '' ? '—' : c.key}</Ltr>
                </Table.Td>
                {columns.map((k) => (
                  <Table.Td key={k}>{fmt.number(c[k])}</Table.Td>
                ))}
                <Table.Td>{money(c.costMicros)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollTable>
    </Card>
  );
}

/** Estimated cost: billed messages by pricing category, free-window messages as free. */
export function ReportCost({ report }: { report: CampaignReport }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { cost } = report;
  const money = (micros: number) => fmt.currency(micros / 1_000_000, cost.currency);
  return (
    <Card withBorder data-testid="report-cost">
      <Title order={2} size="h4" mb="sm">
        {t('campaignReport.cost')}
      </Title>
      <Text fw={700} size="xl" data-testid="report-cost-total">
        {money(cost.costMicros)}
      </Text>
      <Text size="xs" c="dimmed" mb="sm">
        {t('campaignReport.billableFree', {
          billable: fmt.number(cost.billable),
          free: fmt.number(cost.free),
        })}
      </Text>
      <Table>
        <Table.Tbody>
          {cost.byCategory.map((c) => (
            <Table.Tr key={c.key}>
              <Table.Td>
                <Ltr>{c.key}</Ltr>
              </Table.Td>
              <Table.Td>{fmt.number(c.sent)}</Table.Td>
              <Table.Td>{money(c.costMicros)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}
