import { Card, Group, Progress, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { AnalyticsCounters, AnalyticsSummary } from '@kiana/contracts';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { IconArrowDownRight, IconArrowUpRight } from '@tabler/icons-react';
import { FailureReason } from '../../app/FailureReason';
import { ScrollTable } from '../../app/ScrollTable';
import { Ltr } from '../../app/Ltr';
import { useFormat } from '../../i18n/locale-context';
import { change, rate } from './dashboard.api';

type Figure = keyof AnalyticsCounters;

const FIGURES: Figure[] = ['sent', 'delivered', 'read', 'failed', 'replied', 'conversationsOpened'];

function usePercent() {
  const fmt = useFormat();
  return (value: number | null) =>
    value === null ? '—' : `${fmt.number(Math.round(value * 10) / 10)}%`;
}

/** One figure of the period with its change against the previous period. */
function StatCard({ figure, summary }: { figure: Figure; summary: AnalyticsSummary }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const percent = usePercent();
  const delta = change(summary.totals[figure], summary.previous[figure]);
  return (
    <Card withBorder data-testid={`figure-${figure}`}>
      <Text size="sm" c="dimmed">
        {t(`dashboard.${figure}`)}
      </Text>
      <Text fw={700} size="xl" data-testid={`figure-${figure}-value`}>
        {fmt.number(summary.totals[figure])}
      </Text>
      {/* The sign says the direction; the arrow only repeats it, so the text keeps the
          readable dimmed colour in both schemes. */}
      <Group gap={4} wrap="nowrap">
        {delta !== null &&
          (delta >= 0 ? (
            <IconArrowUpRight size={14} aria-hidden color="var(--mantine-color-teal-filled)" />
          ) : (
            <IconArrowDownRight size={14} aria-hidden color="var(--mantine-color-red-filled)" />
          ))}
        <Text size="xs" c="dimmed">
          {delta === null
            ? t('dashboard.noPrevious')
            : t('dashboard.vsPrevious', { change: `${delta >= 0 ? '+' : ''}${percent(delta)}` })}
        </Text>
      </Group>
    </Card>
  );
}

/** The period's figures: sent, delivered, read, failed, replied, conversations. */
export function FigureCards({ summary }: { summary: AnalyticsSummary }) {
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }}>
      {FIGURES.map((f) => (
        <StatCard key={f} figure={f} summary={summary} />
      ))}
    </SimpleGrid>
  );
}

/** Sent → delivered → read → replied, each as a share of the sent. */
export function Funnel({ summary }: { summary: AnalyticsSummary }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const percent = usePercent();
  const { totals } = summary;
  const steps: Figure[] = ['sent', 'delivered', 'read', 'replied'];
  return (
    <Card withBorder>
      <Title order={3} size="h4" mb="sm">
        {t('dashboard.funnel')}
      </Title>
      <Stack gap="xs">
        {steps.map((s) => {
          const share = rate(totals[s], totals.sent);
          return (
            <div key={s}>
              <Group justify="space-between">
                <Text size="sm">{t(`dashboard.${s}`)}</Text>
                <Text size="sm">
                  {fmt.number(totals[s])} · {percent(share)}
                </Text>
              </Group>
              <Progress value={share ?? 0} aria-label={t(`dashboard.${s}`)} />
            </div>
          );
        })}
      </Stack>
    </Card>
  );
}

/** The most frequent failure codes with their plain-language reason and action. */
export function Failures({ summary }: { summary: AnalyticsSummary }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <Card withBorder data-testid="failures">
      <Title order={3} size="h4" mb="sm">
        {t('dashboard.failures')}
      </Title>
      {summary.failures.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('dashboard.noFailures')}
        </Text>
      ) : (
        <Stack gap="sm">
          {summary.failures.slice(0, 5).map((f) => (
            <Group key={f.code} justify="space-between" align="flex-start" wrap="nowrap">
              <FailureReason code={f.code} compact />
              <Text fw={600}>{fmt.number(f.count)}</Text>
            </Group>
          ))}
        </Stack>
      )}
    </Card>
  );
}

/** Meta's pricing categories the catalogues name; anything else reads as "other". */
const pricingCategories = ['marketing', 'utility', 'authentication', 'service'] as const;
type PricingCategory = (typeof pricingCategories)[number];
const isPricingCategory = (key: string): key is PricingCategory =>
  (pricingCategories as readonly string[]).includes(key);

/** Spend of the period by pricing category, free messages counted apart. */
export function Spend({ summary }: { summary: AnalyticsSummary }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const money = (micros: number) => fmt.currency(micros / 1_000_000, summary.currency);
  return (
    <Card withBorder data-testid="spend">
      <Title order={3} size="h4" mb="sm">
        {t('dashboard.spend')}
      </Title>
      <Text fw={700} size="xl">
        {money(summary.totals.costMicros)}
      </Text>
      <Text size="xs" c="dimmed" mb="sm">
        {t('dashboard.freeMessages', { n: fmt.number(summary.totals.free) })}
      </Text>
      <Table>
        <Table.Tbody>
          {summary.byCategory
            .filter((c) => c.key !== '')
            .map((c) => (
              <Table.Tr key={c.key}>
                <Table.Td>
                  {isPricingCategory(c.key)
                    ? t(`campaigns.pricing.${c.key}`)
                    : t('dashboard.otherCategory')}
                </Table.Td>
                <Table.Td>{money(c.costMicros)}</Table.Td>
              </Table.Tr>
            ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}

/** Counters per value of a dimension (templates, countries...), as a table. */
export function Breakdown({
  title,
  rows,
  testId,
  nameOf = (key) => <Ltr>{key}</Ltr>,
}: {
  title: string;
  rows: AnalyticsSummary['byTemplate'];
  testId: string;
  /** How a row's key reads (a country code as the country's name). */
  nameOf?: (key: string) => ReactNode;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const percent = usePercent();
  const named = rows.filter((r) => r.key !== '');
  return (
    <Card withBorder data-testid={testId}>
      <Title order={3} size="h4" mb="sm">
        {title}
      </Title>
      {named.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('dashboard.noData')}
        </Text>
      ) : (
        <ScrollTable minWidth={420} label={title}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('dashboard.name')}</Table.Th>
                <Table.Th>{t('dashboard.sent')}</Table.Th>
                <Table.Th>{t('dashboard.deliveredRate')}</Table.Th>
                <Table.Th>{t('dashboard.readRate')}</Table.Th>
                <Table.Th>{t('dashboard.failed')}</Table.Th>
                <Table.Th>{t('dashboard.replied')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {named.map((r) => (
                <Table.Tr key={r.key}>
                  <Table.Td>{nameOf(r.key)}</Table.Td>
                  <Table.Td>{fmt.number(r.sent)}</Table.Td>
                  <Table.Td>{percent(rate(r.delivered, r.sent))}</Table.Td>
                  <Table.Td>{percent(rate(r.read, r.sent))}</Table.Td>
                  <Table.Td>{fmt.number(r.failed)}</Table.Td>
                  <Table.Td>{fmt.number(r.replied)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
    </Card>
  );
}
