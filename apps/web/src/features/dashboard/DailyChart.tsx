import type { AnalyticsSummary } from '@kiana/contracts';
import { useTranslation } from 'react-i18next';
import { LineChart } from '../../app/charts/LineChart';
import { useFormat } from '../../i18n/locale-context';

const SERIES = [
  { key: 'sent', color: 'var(--mantine-color-blue-6)' },
  { key: 'delivered', color: 'var(--mantine-color-teal-6)' },
  { key: 'read', color: 'var(--mantine-color-green-7)' },
  { key: 'failed', color: 'var(--mantine-color-red-6)' },
] as const;

/** Sent, delivered, read and failed per day (or hour), on the app's shared line chart. */
export function DailyChart({ summary }: { summary: AnalyticsSummary }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const at = summary.step === 'hour' ? fmt.dateTime : fmt.date;
  const points = summary.series.map((p) => ({
    label: at(p.start),
    values: Object.fromEntries(SERIES.map((s) => [s.key, p[s.key]])),
  }));
  const series = SERIES.map((s) => ({ ...s, label: t(`dashboard.${s.key}`) }));
  // The period's totals say more to a screen reader than the last day's values.
  const totals = series.map((s) => `${s.label} ${fmt.number(summary.totals[s.key])}`).join(', ');
  return (
    <LineChart
      testId="daily-chart"
      title={t('dashboard.dailyChart')}
      summary={totals}
      series={series}
      points={points}
    />
  );
}
