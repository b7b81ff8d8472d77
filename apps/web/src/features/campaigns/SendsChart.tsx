import { useTranslation } from 'react-i18next';
import { LineChart } from '../../app/charts/LineChart';
import { useFormat } from '../../i18n/locale-context';

/** The chart shows the last two minutes, one point per second. */
const SPAN_S = 120;

/**
 * Sends per second on the app's shared line chart, seconds without sends at zero (loaded
 * lazily with the campaign page's progress).
 */
export default function SendsChart({ series }: { series: readonly (readonly [number, number])[] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const last = series.at(-1)?.[0];
  if (last === undefined) return null;
  const from = last - SPAN_S + 1;
  const sent = new Map(series.filter(([s]) => s >= from));
  const max = Math.max(1, ...sent.values());
  const points = Array.from({ length: SPAN_S }, (_, i) => ({
    label: fmt.time((from + i) * 1000),
    values: { sent: sent.get(from + i) ?? 0 },
  }));
  return (
    <LineChart
      testId="sends-chart"
      title={t('campaigns.chartLabel', { max })}
      summary={t('campaigns.perSecond', { rate: max })}
      series={[
        {
          key: 'sent',
          label: t('campaigns.recipientStatus.sent'),
          color: 'var(--mantine-color-blue-6)',
        },
      ]}
      points={points}
    />
  );
}
