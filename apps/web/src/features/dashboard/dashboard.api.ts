import { useQuery } from '@tanstack/react-query';
import { analyticsSummarySchema, type AnalyticsQuery } from '@kiana/contracts';
import { api } from '../../api/client';

/** How often the figures refresh (the rollup job runs every 15 seconds). */
export const REFRESH_MS = 15_000;

/** The rollups' summary for a period and filters; refreshed while the page is open. */
export function useAnalyticsSummary(query: AnalyticsQuery) {
  return useQuery({
    queryKey: ['analytics-summary', query],
    queryFn: () => api.get('/analytics/summary', analyticsSummarySchema, { ...query }),
    placeholderData: (previous) => previous,
    refetchInterval: REFRESH_MS,
  });
}

/** Local midnight `days - 1` days ago to next local midnight: the last `days` calendar days. */
export function periodOf(days: number, now = new Date()): { from: number; to: number } {
  const start = new Date(now.getFullYear(), now.getMonth(), now.getDate() - (days - 1));
  const end = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
  return { from: start.getTime(), to: end.getTime() };
}

/** A share in percent, or null when there is nothing to divide by. */
export function rate(part: number, whole: number): number | null {
  return whole === 0 ? null : (part / whole) * 100;
}

/** The change against the previous period in percent, or null when it had nothing. */
export function change(now: number, before: number): number | null {
  return before === 0 ? null : ((now - before) / before) * 100;
}
