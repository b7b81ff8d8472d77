import { useTranslation } from 'react-i18next';

/**
 * Sends per second as bars in a small SVG (no chart library in the bundle for one chart;
 * this file is loaded lazily with the campaign page's progress).
 */
export default function SendsChart({ series }: { series: readonly (readonly [number, number])[] }) {
  const { t } = useTranslation();
  const width = 600;
  const height = 120;
  if (series.length === 0) return null;
  const last = series[series.length - 1]?.[0] ?? 0;
  // The last two minutes, one slot per second (seconds without sends are gaps).
  const span = 120;
  const from = last - span + 1;
  const points = series.filter(([s]) => s >= from);
  const max = Math.max(1, ...points.map(([, n]) => n));
  const bar = width / span;
  return (
    <svg
      viewBox={`0 0 ${width} ${height + 14}`}
      width="100%"
      role="img"
      aria-label={t('campaigns.chartLabel', { max })}
      data-testid="sends-chart"
    >
      <line x1={0} y1={height} x2={width} y2={height} stroke="var(--mantine-color-gray-4)" />
      {points.map(([s, n]) => {
        const h = (n / max) * (height - 4);
        return (
          <rect
            key={s}
            x={(s - from) * bar}
            y={height - h}
            width={Math.max(1, bar - 1)}
            height={h}
            fill="var(--mantine-color-blue-6)"
          />
        );
      })}
      <text x={0} y={10} fontSize={10} fill="currentColor">
        {t('campaigns.perSecond', { rate: max })}
      </text>
    </svg>
  );
}
