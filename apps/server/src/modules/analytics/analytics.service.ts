import type {
  AnalyticsCounters,
  AnalyticsQuery,
  AnalyticsSummary,
  MessageLogDetail,
  MessageLogEntry,
  MessageLogFilter,
  MessageLogPage,
  MessageLogQuery,
} from '@kiana/contracts';
import type { Executor } from '../../db/executor';
import { NotFoundError } from '../../errors';
import { toCsv, toCsvRows } from '../../platform/csv';
import { DAY_MS, HOUR_MS, ZERO } from './analytics.contribution';
import * as q from './analytics.query.repo';
import * as log from './analytics.log.repo';
import { campaignReport, campaignReportCsv } from './analytics.report';
import { readCursor, readWatermark } from './analytics.rollup.repo';

const TOP = 10;
/** Rows read per page while the CSV export streams (keyset paging, newest first). */
const EXPORT_PAGE = 500;
const CSV_COLUMNS = [
  'createdAt',
  'direction',
  'status',
  'phoneNumberId',
  'contactPhone',
  'contactName',
  'templateName',
  'campaignId',
  'errorCode',
  'wamid',
  'text',
] as const;

function csvRow(e: MessageLogEntry): Record<string, unknown> {
  return { ...e, createdAt: new Date(e.createdAt).toISOString() };
}

/** The finest grain that answers [from, to): days when both ends fall on UTC midnight. */
function grainFor(from: number, to: number, step: 'hour' | 'day'): 'hour' | 'day' {
  return step === 'day' && from % DAY_MS === 0 && to % DAY_MS === 0 ? 'day' : 'hour';
}

function templateOf(row: log.MessageListRow): string | null {
  if (row.campaignTemplate !== null) return row.campaignTemplate;
  if (row.type !== 'template') return null;
  try {
    const name = (JSON.parse(row.payload) as { template?: { name?: unknown } }).template?.name;
    return typeof name === 'string' ? name : null;
  } catch {
    return null;
  }
}

function entryOf(row: log.MessageListRow): MessageLogEntry {
  return {
    id: row.id,
    createdAt: Number(row.createdAt),
    direction: row.direction,
    type: row.type,
    status: row.status,
    phoneNumberId: row.phoneNumberId,
    contactId: row.contactId,
    contactPhone: row.contactPhone ?? null,
    contactName: row.contactName ?? row.contactProfileName ?? null,
    text: row.text,
    templateName: templateOf(row),
    campaignId: row.campaignId,
    errorCode: row.errorCode,
    wamid: row.wamid,
  };
}

/** Reads for the dashboard, the reports and the messages log; rollups only, except the log. */
export function createAnalyticsService(deps: { db: Executor }) {
  const { db } = deps;
  return {
    campaignReport: (id: string) => campaignReport(db, id),
    async campaignReportCsv(id: string): Promise<string> {
      return campaignReportCsv(await campaignReport(db, id));
    },

    async summary(query: AnalyticsQuery): Promise<AnalyticsSummary> {
      const { from, to, step, ...dims } = query;
      const grain = grainFor(from, to, step);
      const filter: q.RollupFilter = { grain, from, to, ...dims };
      const length = to - from;
      const stepMs = step === 'day' ? DAY_MS : HOUR_MS;
      const prevFrom = from - length;
      const [totals, previous, points, failures, cursor, watermark] = await Promise.all([
        q.totals(db, filter),
        q.totals(db, {
          ...filter,
          grain: grainFor(prevFrom, from, step),
          from: prevFrom,
          to: from,
        }),
        q.series(db, { ...filter, grain: step === 'hour' ? 'hour' : grain }, stepMs),
        q.failuresByCode(db, filter, 20),
        readCursor(db, 'messages'),
        readWatermark(db),
      ]);
      const by = async (d: q.Dimension) =>
        (await q.byDimension(db, filter, d, TOP)).map((r) => ({ key: r.key, ...r.counts }));
      const [byTemplate, byCampaign, byCategory, byCountry, byNumber] = await Promise.all([
        by('templateName'),
        by('campaignId'),
        by('category'),
        by('country'),
        by('phoneNumberId'),
      ]);
      const count = Math.ceil(length / stepMs);
      const series: (AnalyticsCounters & { start: number })[] = Array.from(
        { length: count },
        (_, i) => ({ start: from + i * stepMs, ...ZERO }),
      );
      for (const p of points) {
        const slot = series[p.index];
        if (slot !== undefined) Object.assign(slot, p.counts);
      }
      const currency = await db
        .selectFrom('rateCard')
        .select('currency')
        .limit(1)
        .executeTakeFirst();
      return {
        from,
        to,
        step,
        totals,
        previous,
        series,
        failures,
        byTemplate,
        byCampaign,
        byCategory,
        byCountry,
        byNumber,
        currency: currency?.currency ?? 'USD',
        foldedAt: cursor.updatedAt < 0 ? null : cursor.updatedAt,
        watermark,
      };
    },

    async messages(query: MessageLogQuery): Promise<MessageLogPage> {
      const { limit, ...filter } = query;
      const rows = await log.listMessages(db, filter, limit + 1);
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        messages: page.map(entryOf),
        nextCursor:
          rows.length > limit && last !== undefined ? `${Number(last.createdAt)}.${last.id}` : null,
      };
    },

    /**
     * The filtered log as CSV, yielded page by page so the download streams: memory stays
     * one page whatever the log's size, and the first bytes leave before the last are read.
     */
    async *messagesCsv(filter: MessageLogFilter): AsyncGenerator<string> {
      let cursor: string | undefined;
      let first = true;
      for (;;) {
        const rows = await log.listMessages(db, { ...filter, cursor }, EXPORT_PAGE);
        const entries = rows.map((r) => csvRow(entryOf(r)));
        yield first ? toCsv(CSV_COLUMNS, entries) : toCsvRows(CSV_COLUMNS, entries);
        first = false;
        const last = rows.at(-1);
        if (rows.length < EXPORT_PAGE || last === undefined) return;
        cursor = `${Number(last.createdAt)}.${last.id}`;
      }
    },

    async message(id: string): Promise<MessageLogDetail> {
      const row = await log.findMessage(db, id);
      if (row === undefined) throw new NotFoundError('message');
      const steps: [string, number | null][] = [
        ['sent', row.sentAt],
        ['delivered', row.deliveredAt],
        ['read', row.readAt],
        ['played', row.playedAt],
        ['failed', row.failedAt],
      ];
      const history = [
        { status: row.direction === 'in' ? 'received' : 'accepted', at: Number(row.createdAt) },
        ...steps
          .filter((s): s is [string, number] => s[1] !== null)
          .map(([status, at]) => ({ status, at: Number(at) })),
      ].sort((a, b) => a.at - b.at);
      let payload: unknown;
      try {
        payload = JSON.parse(row.payload);
      } catch {
        payload = row.payload;
      }
      return {
        ...entryOf(row),
        conversationId: row.conversationId,
        history,
        errorTitle: row.errorTitle,
        errorMessage: row.errorMessage,
        errorDetails: row.errorDetails,
        pricingCategory: row.pricingCategory,
        pricingType: row.pricingType,
        pricingBillable: row.pricingBillable === null ? null : row.pricingBillable === 1,
        payload,
      };
    },
  };
}

export type AnalyticsService = ReturnType<typeof createAnalyticsService>;
