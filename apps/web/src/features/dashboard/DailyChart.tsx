import { Group, Stack, Text } from '@mantine/core';
import type { AnalyticsSummary } from '@kiana/contracts';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/locale-context';

const SERIES = [
  { key: 'sent', color: 'var(--mantine-color-blue-6)' },
  { key: 'delivered', color: 'var(--mantine-color-teal-6)' },
  { key: 'read', color: 'var(--mantine-color-green-7)' },
  { key: 'failed', color: 'var(--mantine-color-red-6)' },
] as const;

/** Sent, delivered, read and failed per day (or hour), as grouped bars drawn in SVG. */
export function DailyChart({ summary }: { summary: AnalyticsSummary }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const points = summary.series;
  const max = Math.max(1, ...points.flatMap((p) => SERIES.map((s) => p[s.key])));
  const width = 100 / Math.max(1, points.length);
  const bar = width / (SERIES.length + 1);
  const totals = SERIES.map(
    (s) => `${t(`dashboard.${s.key}`)} ${fmt.number(summary.totals[s.key])}`,
  );
  return (
    <Stack gap="xs">
      <svg
        viewBox="0 0 100 40"
        preserveAspectRatio="none"
        width="100%"
        height={160}
        role="img"
        aria-label={`${t('dashboard.dailyChart')}: ${totals.join(', ')}`}
        data-testid="daily-chart"
      >
        {points.map((p, i) =>
          SERIES.map((s, j) => {
            const h = (p[s.key] / max) * 38;
            return (
              <rect
                key={`${p.start}-${s.key}`}
                x={i * width + j * bar + bar / 2}
                y={40 - h}
                width={bar}
                height={h}
                fill={s.color}
              >
                <title>{`${fmt.date(p.start)} · ${t(`dashboard.${s.key}`)}: ${fmt.number(p[s.key])}`}</title>
              </rect>
            );
          }),
        )}
      </svg>
      <Group gap="md">
        {SERIES.map((s) => (
          <Group key={s.key} gap={4}>
            <svg width={10} height={10} aria-hidden>
              <rect width={10} height={10} fill={s.color} />
            </svg>
            <Text size="xs">{t(`dashboard.${s.key}`)}</Text>
          </Group>
        ))}
      </Group>
    </Stack>
  );
}
