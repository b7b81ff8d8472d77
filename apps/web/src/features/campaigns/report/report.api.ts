import { useQueries, useQuery } from '@tanstack/react-query';
import { campaignReportSchema, type CampaignReport } from '@kiana/contracts';
import { api } from '../../../api/client';

/** The report refreshes with the rollups (every 15 seconds). */
const REFRESH_MS = 15_000;

const reportPath = (id: string) => `/campaigns/${encodeURIComponent(id)}/report`;

/** One campaign's report, read from the rollups. */
export function useCampaignReport(id: string) {
  return useQuery({
    queryKey: ['campaign-report', id],
    queryFn: () => api.get(reportPath(id), campaignReportSchema),
    refetchInterval: REFRESH_MS,
  });
}

/** Several campaigns' reports at once, for the comparison. */
export function useCampaignReports(ids: readonly string[]) {
  return useQueries({
    queries: ids.map((id) => ({
      queryKey: ['campaign-report', id],
      queryFn: () => api.get(reportPath(id), campaignReportSchema),
    })),
  });
}

/** Where the browser downloads the report as CSV (a plain link: the session cookie goes along). */
export function reportCsvUrl(id: string): string {
  return `/api/v1${reportPath(id)}.csv`;
}

/** A share in percent, or null when there is nothing to divide by. */
export function share(part: number, whole: number): number | null {
  return whole === 0 ? null : (part / whole) * 100;
}

/** The hourly counts summed up to each hour: how far each curve had climbed by then. */
export function cumulative(hours: CampaignReport['hours']) {
  const run = { sent: 0, delivered: 0, read: 0, replied: 0 };
  return hours.map((h) => {
    run.sent += h.sent;
    run.delivered += h.delivered;
    run.read += h.read;
    run.replied += h.replied;
    return { start: h.start, ...run };
  });
}

/** The funnel's steps in order. */
export const FUNNEL_STEPS = [
  'targeted',
  'sent',
  'delivered',
  'read',
  'replied',
  'optedOut',
] as const;
