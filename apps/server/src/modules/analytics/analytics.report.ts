import {
  campaignStatusSchema,
  type CampaignReport,
  type CampaignReportHour,
} from '@kiana/contracts';
import type { Executor } from '../../db/executor';
import { NotFoundError } from '../../errors';
import { toCsv } from '../../platform/csv';
import { HOUR_MS } from './analytics.contribution';
import * as q from './analytics.query.repo';
import * as r from './analytics.report.repo';
import { readCursor, readWatermark } from './analytics.rollup.repo';

/** The curves stop after this many hours (30 days): a report, not an archive. */
const MAX_HOURS = 30 * 24;
/** Rollup rows span all time: the campaign filter is what narrows them. */
const ALL_TIME = { grain: 'day' as const, from: 0, to: 8_640_000_000_000_000 };

/** Hourly points from `from`, zeros where nothing happened, up to the last hour with data. */
function fillHours(from: number, rows: readonly CampaignReportHour[]): CampaignReportHour[] {
  const last = rows.at(-1);
  if (last === undefined) return [];
  const count = Math.min(MAX_HOURS, Math.floor((last.start - from) / HOUR_MS) + 1);
  const out = Array.from({ length: count }, (_, i) => ({
    start: from + i * HOUR_MS,
    sent: 0,
    delivered: 0,
    read: 0,
    replied: 0,
  }));
  for (const row of rows) {
    const slot = out[Math.floor((row.start - from) / HOUR_MS)];
    if (slot !== undefined) Object.assign(slot, row);
  }
  return out;
}

/** A campaign's report: funnel, failures, curves, countries and cost, from counters only. */
export async function campaignReport(db: Executor, id: string): Promise<CampaignReport> {
  const campaign = await r.findCampaignForReport(db, id);
  if (campaign === undefined) throw new NotFoundError('Campaign', id);
  const filter: q.RollupFilter = { ...ALL_TIME, campaignId: id };
  const launched = campaign.startedAt ?? campaign.launchedAt ?? (await r.firstCampaignHour(db, id));
  const from = launched === null ? 0 : Math.floor(Number(launched) / HOUR_MS) * HOUR_MS;
  const [counters, totals, failures, byCountry, byCategory, hours, currency, cursor, watermark] =
    await Promise.all([
      r.campaignCounters(db, id),
      q.totals(db, filter),
      q.failuresByCode(db, filter, 50),
      q.byDimension(db, filter, 'country', 250),
      q.byDimension(db, filter, 'category', 20),
      r.campaignHours(db, id, from, from + MAX_HOURS * HOUR_MS),
      r.rateCardCurrency(db),
      readCursor(db, 'messages'),
      readWatermark(db),
    ]);
  let audience = 0;
  for (const [status, n] of counters) if (status !== 'opted_out') audience += n;
  const skipped = counters.get('skipped') ?? 0;
  return {
    campaign: {
      id: campaign.id,
      name: campaign.name,
      status: campaignStatusSchema.parse(campaign.status),
      templateName: campaign.templateName,
      templateCategory: campaign.templateCategory,
      launchedAt: launched === null ? null : Number(launched),
      finishedAt: campaign.finishedAt === null ? null : Number(campaign.finishedAt),
    },
    funnel: {
      targeted: audience - skipped,
      skipped,
      sent: totals.sent,
      delivered: totals.delivered,
      read: totals.read,
      replied: totals.replied,
      optedOut: counters.get('opted_out') ?? 0,
      failed: totals.failed,
    },
    failures,
    hours: launched === null ? [] : fillHours(from, hours),
    byCountry: byCountry.map((c) => ({ key: c.key, ...c.counts })),
    cost: {
      currency,
      costMicros: totals.costMicros,
      free: totals.free,
      billable: totals.sent - totals.free,
      byCategory: byCategory
        .filter((c) => c.key !== '')
        .map((c) => ({
          key: c.key,
          sent: c.counts.sent,
          free: c.counts.free,
          costMicros: c.counts.costMicros,
        })),
    },
    foldedAt: cursor.updatedAt < 0 ? null : cursor.updatedAt,
    watermark,
  };
}

/** The report as CSV: one figure per line (section, key, metric, value), for spreadsheets. */
export function campaignReportCsv(report: CampaignReport): string {
  const rows: { section: string; key: string; metric: string; value: unknown }[] = [];
  const add = (section: string, key: string, metric: string, value: unknown) =>
    rows.push({ section, key, metric, value });
  add('campaign', report.campaign.id, 'name', report.campaign.name);
  add('campaign', report.campaign.id, 'status', report.campaign.status);
  add('campaign', report.campaign.id, 'template', report.campaign.templateName);
  for (const [metric, value] of Object.entries(report.funnel)) add('funnel', '', metric, value);
  for (const f of report.failures) add('failure', String(f.code), 'count', f.count);
  for (const c of report.byCountry)
    for (const metric of ['sent', 'delivered', 'read', 'failed', 'replied'] as const)
      add('country', c.key, metric, c[metric]);
  const money = (micros: number) => (micros / 1_000_000).toFixed(4);
  add('cost', report.cost.currency, 'total', money(report.cost.costMicros));
  add('cost', report.cost.currency, 'billable', report.cost.billable);
  add('cost', report.cost.currency, 'free', report.cost.free);
  for (const c of report.cost.byCategory) add('cost', c.key, 'cost', money(c.costMicros));
  for (const h of report.hours)
    for (const metric of ['sent', 'delivered', 'read', 'replied'] as const)
      if (h[metric] !== 0) add('hour', new Date(h.start).toISOString(), metric, h[metric]);
  return toCsv(['section', 'key', 'metric', 'value'], rows);
}
