import type { CampaignHourCounters, RollupCounters, RollupDimensions } from './analytics.tables';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** What the fold knows of one message, read from `messages` and what it links to. */
export interface MessageFact {
  id: string;
  direction: 'in' | 'out';
  type: string;
  status: string;
  /** When it was sent (outbound) or received (inbound): the time it is counted at. */
  at: number;
  accountId: string | null;
  phoneNumberId: string;
  campaignId: string | null;
  templateName: string | null;
  /** The sending campaign's template category (MARKETING...), when sent by a campaign. */
  campaignCategory: string | null;
  pricingCategory: string | null;
  pricingType: string | null;
  pricingBillable: number | null;
  deliveredAt: number | null;
  readAt: number | null;
  errorCode: number | null;
  country: string | null;
  /** Inbound: the outbound message it answers (same conversation, within the attribution window). */
  replyTo: { campaignId: string | null; templateName: string | null } | null;
  /** Inbound: no other inbound message in the 24 hours before (a customer service window opens). */
  opensConversation: boolean;
}

/** What one message adds to the rollups: its hour, its dimensions and its counters. */
export interface Contribution {
  hour: number;
  dims: RollupDimensions;
  counts: RollupCounters;
  /** Meta's error code when the message failed. */
  errorCode: number | null;
  /**
   * A campaign's events at the hour each happened (sent, delivered, read, a reply), for the
   * report's curves. Absent in marks written before the curves existed (read as none).
   */
  campaignHours?: { campaignId: string; hour: number; kind: keyof CampaignHourCounters }[];
}

/** Looks up the price of one message: millionths of the currency, or null when unpriced. */
export type PriceOf = (country: string, category: string) => number | null;

export const ZERO: RollupCounters = {
  sent: 0,
  delivered: 0,
  read: 0,
  failed: 0,
  replied: 0,
  inbound: 0,
  conversationsOpened: 0,
  free: 0,
  costMicros: 0,
};

export const COUNTERS = Object.keys(ZERO) as (keyof RollupCounters)[];

/**
 * Meta's pricing categories folded onto the rate card's four (NOTES §7: per-message pricing
 * since July 2025; `marketing_lite` is MM Lite, priced as marketing).
 */
export function rateCategory(category: string): string {
  if (category.startsWith('marketing')) return 'marketing';
  if (category.startsWith('authentication')) return 'authentication';
  return category;
}

/** The pricing category of a message: Meta's (from the status) first, else the template's. */
function categoryOf(m: MessageFact): string {
  if (m.direction === 'in') return '';
  const raw = m.pricingCategory ?? m.campaignCategory;
  if (raw !== null && raw !== '') return raw.toLowerCase();
  // A free-form message can only go out inside the customer service window: service.
  return m.type === 'template' ? 'unknown' : 'service';
}

/**
 * What a message contributes, a pure function of its current state: folding it again gives
 * the same value, and a later status gives a new value whose difference is applied.
 */
export function contributionOf(m: MessageFact, priceOf: PriceOf): Contribution {
  const counts: RollupCounters = { ...ZERO };
  const dims: RollupDimensions = {
    accountId: m.accountId ?? '',
    phoneNumberId: m.phoneNumberId,
    templateName: m.templateName ?? '',
    campaignId: m.campaignId ?? '',
    category: categoryOf(m),
    country: m.country ?? '',
  };
  let errorCode: number | null = null;
  const campaignHours: NonNullable<Contribution['campaignHours']> = [];
  const hourOf = (t: number) => Math.floor(t / HOUR_MS) * HOUR_MS;
  if (m.direction === 'in') {
    counts.inbound = 1;
    counts.replied = m.replyTo === null ? 0 : 1;
    counts.conversationsOpened = m.opensConversation ? 1 : 0;
    // A reply counts with the campaign and template that drew it.
    dims.campaignId = m.replyTo?.campaignId ?? '';
    dims.templateName = m.replyTo?.templateName ?? '';
    if (dims.campaignId !== '')
      campaignHours.push({ campaignId: dims.campaignId, hour: hourOf(m.at), kind: 'replied' });
  } else if (m.status === 'failed') {
    counts.failed = 1;
    errorCode = m.errorCode ?? 0;
  } else {
    // Accepted by the Cloud API (pending) or further along.
    counts.sent = 1;
    counts.delivered = m.deliveredAt === null ? 0 : 1;
    counts.read = m.readAt === null ? 0 : 1;
    const isFree =
      m.pricingBillable === 0 ||
      (m.pricingType ?? '').startsWith('free') ||
      dims.category === 'service';
    if (isFree) counts.free = 1;
    else counts.costMicros = priceOf(dims.country, rateCategory(dims.category)) ?? 0;
    if (dims.campaignId !== '') {
      const campaignId = dims.campaignId;
      campaignHours.push({ campaignId, hour: hourOf(m.at), kind: 'sent' });
      if (m.deliveredAt !== null)
        campaignHours.push({ campaignId, hour: hourOf(m.deliveredAt), kind: 'delivered' });
      if (m.readAt !== null)
        campaignHours.push({ campaignId, hour: hourOf(m.readAt), kind: 'read' });
    }
  }
  return { hour: hourOf(m.at), dims, counts, errorCode, campaignHours };
}

/** The key of a rollup row. */
export function bucketKey(grain: 'hour' | 'day', start: number, dims: RollupDimensions): string {
  return JSON.stringify([
    grain,
    start,
    dims.accountId,
    dims.phoneNumberId,
    dims.templateName,
    dims.campaignId,
    dims.category,
    dims.country,
  ]);
}

/** Pending changes to rollup rows, summed per row before they are written. */
export class RollupDelta {
  readonly rows = new Map<
    string,
    { grain: 'hour' | 'day'; start: number; dims: RollupDimensions; counts: RollupCounters }
  >();
  readonly failures = new Map<
    string,
    { grain: 'hour' | 'day'; start: number; dims: RollupDimensions; code: number; count: number }
  >();

  readonly campaignHours = new Map<
    string,
    { campaignId: string; hour: number; counts: CampaignHourCounters }
  >();

  /** Adds a contribution (sign 1) or takes one back (sign -1), at both grains. */
  add(c: Contribution, sign: 1 | -1): void {
    for (const e of c.campaignHours ?? []) {
      const key = `${e.campaignId}|${e.hour}`;
      const row = this.campaignHours.get(key) ?? {
        campaignId: e.campaignId,
        hour: e.hour,
        counts: { sent: 0, delivered: 0, read: 0, replied: 0 },
      };
      row.counts[e.kind] += sign;
      this.campaignHours.set(key, row);
    }
    for (const grain of ['hour', 'day'] as const) {
      const start = grain === 'hour' ? c.hour : Math.floor(c.hour / DAY_MS) * DAY_MS;
      const key = bucketKey(grain, start, c.dims);
      const row = this.rows.get(key) ?? { grain, start, dims: c.dims, counts: { ...ZERO } };
      for (const k of COUNTERS) row.counts[k] += sign * c.counts[k];
      this.rows.set(key, row);
      if (c.errorCode !== null) {
        const fkey = `${key}|${c.errorCode}`;
        const f = this.failures.get(fkey) ?? {
          grain,
          start,
          dims: c.dims,
          code: c.errorCode,
          count: 0,
        };
        f.count += sign;
        this.failures.set(fkey, f);
      }
    }
  }

  /** The rows whose counters changed (a message moved and moved back nets to nothing). */
  changedRows() {
    return [...this.rows.values()].filter((r) => COUNTERS.some((k) => r.counts[k] !== 0));
  }

  changedFailures() {
    return [...this.failures.values()].filter((f) => f.count !== 0);
  }

  changedCampaignHours() {
    return [...this.campaignHours.values()].filter((r) =>
      Object.values(r.counts).some((n) => n !== 0),
    );
  }
}
