import { Group, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/locale-context';

/** One line of a chart: its key in the points, its visible name and its colour. */
export interface ChartSeries {
  key: string;
  label: string;
  color: string;
}

/** One point on the x axis: its label (a time, say) and a value per series key. */
export interface ChartPoint {
  label: string;
  values: Record<string, number>;
}

const W = 100;
const H = 40;

/**
 * Lines over time in plain SVG (no chart library: the sign-in page budget), with a label
 * that states each series' last value for screen readers and the full data as a table
 * behind a disclosure, so nothing the chart shows is only visual.
 */
export function LineChart({
  title,
  series,
  points,
  testId,
  summary,
}: {
  title: string;
  /** What the chart says to a screen reader; by default each series' last value. */
  summary?: string;
  series: readonly ChartSeries[];
  points: readonly ChartPoint[];
  testId?: string;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const max = Math.max(1, ...points.flatMap((p) => series.map((s) => p.values[s.key] ?? 0)));
  // A single point (everything in one hour) is drawn as a flat line across the chart.
  const drawn = points.length === 1 ? [points[0] as ChartPoint, points[0] as ChartPoint] : points;
  const step = drawn.length > 1 ? W / (drawn.length - 1) : 0;
  const y = (v: number) => H - (v / max) * (H - 2) - 1;
  const last = points.at(-1);
  const described =
    summary ?? series.map((s) => `${s.label} ${fmt.number(last?.values[s.key] ?? 0)}`).join(', ');
  return (
    <Stack gap="xs" data-testid={testId}>
      <svg
        viewBox={`0 0 ${W} ${H}`}
        preserveAspectRatio="none"
        width="100%"
        height={180}
        role="img"
        aria-label={`${title}: ${described}`}
      >
        <line
          x1={0}
          y1={H - 0.5}
          x2={W}
          y2={H - 0.5}
          stroke="var(--mantine-color-gray-5)"
          strokeWidth={0.3}
        />
        {series.map((s) => (
          <polyline
            key={s.key}
            fill="none"
            stroke={s.color}
            strokeWidth={1.5}
            vectorEffect="non-scaling-stroke"
            points={drawn.map((p, i) => `${i * step},${y(p.values[s.key] ?? 0)}`).join(' ')}
          />
        ))}
      </svg>
      {points.length > 0 && (
        <Group justify="space-between" aria-hidden>
          <Text size="xs" c="dimmed">
            {points[0]?.label}
          </Text>
          <Text size="xs" c="dimmed">
            {points.at(-1)?.label}
          </Text>
        </Group>
      )}
      <Group gap="md">
        {series.map((s) => (
          <Group key={s.key} gap={4}>
            <svg width={14} height={4} aria-hidden>
              <rect width={14} height={4} fill={s.color} />
            </svg>
            <Text size="xs">{s.label}</Text>
          </Group>
        ))}
      </Group>
      <details>
        <summary>
          <Text span size="xs">
            {t('charts.showTable')}
          </Text>
        </summary>
        <Table striped withTableBorder captionSide="top">
          <Table.Caption>{title}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('charts.when')}</Table.Th>
              {series.map((s) => (
                <Table.Th key={s.key}>{s.label}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {points.map((p) => (
              <Table.Tr key={p.label}>
                <Table.Td>{p.label}</Table.Td>
                {series.map((s) => (
                  <Table.Td key={s.key}>{fmt.number(p.values[s.key] ?? 0)}</Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </details>
    </Stack>
  );
}
