import type { Executor } from '../../db/executor';
import type { CampaignHourCounters, RollupCounters, RollupDimensions } from './analytics.tables';

/** Where the fold stopped: the last message it read, in (updated_at, id) order. */
export interface FoldCursor {
  updatedAt: number;
  messageId: string;
}

/** The fold's cursor, or the start of time. */
export async function readCursor(ex: Executor, name: string): Promise<FoldCursor> {
  const row = await ex
    .selectFrom('analyticsCursors')
    .select(['updatedAt', 'messageId'])
    .where('name', '=', name)
    .executeTakeFirst();
  return row === undefined
    ? { updatedAt: -1, messageId: '' }
    : { updatedAt: Number(row.updatedAt), messageId: row.messageId };
}

export async function writeCursor(ex: Executor, name: string, c: FoldCursor): Promise<void> {
  await ex
    .insertInto('analyticsCursors')
    .values({ name, updatedAt: c.updatedAt, messageId: c.messageId })
    .onConflict((oc) =>
      oc.column('name').doUpdateSet({ updatedAt: c.updatedAt, messageId: c.messageId }),
    )
    .execute();
}

/** The row of `analytics_cursors` that holds the watermark beside the fold's own cursor. */
const WATERMARK = 'messages.watermark';

/**
 * The rollups' watermark: every message change made at or before this time (epoch ms) is in
 * the aggregates; null before the fold first ran (or after a rebuild cleared it).
 */
export async function readWatermark(ex: Executor): Promise<number | null> {
  const c = await readCursor(ex, WATERMARK);
  return c.updatedAt < 0 ? null : c.updatedAt;
}

/** Moves the watermark to `at`, never back (the fold's transaction holds its lease). */
export async function advanceWatermark(ex: Executor, at: number): Promise<void> {
  const current = await readWatermark(ex);
  if (current !== null && current >= at) return;
  await writeCursor(ex, WATERMARK, { updatedAt: at, messageId: '' });
}

/** A message as the fold reads it, with its contact's country and its campaign's template. */
export interface MessageRow {
  id: string;
  conversationId: string;
  direction: 'in' | 'out';
  type: string;
  status: string;
  createdAt: number;
  updatedAt: number;
  sentByMetaAt: number | null;
  accountId: string | null;
  phoneNumberId: string;
  campaignId: string | null;
  payload: string;
  pricingCategory: string | null;
  pricingType: string | null;
  pricingBillable: number | null;
  deliveredAt: number | null;
  readAt: number | null;
  errorCode: number | null;
  country: string | null;
  campaignTemplate: string | null;
  campaignCategory: string | null;
}

/** The next messages changed at or after the cursor (strictly after it), oldest change first. */
export async function messagesAfter(
  ex: Executor,
  after: FoldCursor,
  limit: number,
  until: number,
): Promise<MessageRow[]> {
  const rows = await ex
    .selectFrom('messages as m')
    .leftJoin('contacts as c', 'c.id', 'm.contactId')
    .leftJoin('campaigns as k', 'k.id', 'm.campaignId')
    .select([
      'm.id',
      'm.conversationId',
      'm.direction',
      'm.type',
      'm.status',
      'm.createdAt',
      'm.updatedAt',
      'm.sentByMetaAt',
      'm.accountId',
      'm.phoneNumberId',
      'm.campaignId',
      'm.payload',
      'm.pricingCategory',
      'm.pricingType',
      'm.pricingBillable',
      'm.deliveredAt',
      'm.readAt',
      'm.errorCode',
      'c.country',
      'k.templateName as campaignTemplate',
      'k.templateCategory as campaignCategory',
    ])
    // The range on updated_at alone lets the (updated_at, id) index seek to the cursor and
    // stop after `limit` rows. Written as one OR (`> t or (= t and id > c)`), SQLite read
    // every later message and sorted them for each batch: a rebuild was quadratic.
    .where('m.updatedAt', '>=', after.updatedAt)
    .where('m.updatedAt', '<=', until)
    .where((eb) =>
      eb.or([eb('m.updatedAt', '>', after.updatedAt), eb('m.id', '>', after.messageId)]),
    )
    .orderBy('m.updatedAt')
    .orderBy('m.id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    ...r,
    createdAt: Number(r.createdAt),
    updatedAt: Number(r.updatedAt),
    sentByMetaAt: r.sentByMetaAt === null ? null : Number(r.sentByMetaAt),
    deliveredAt: r.deliveredAt === null ? null : Number(r.deliveredAt),
    readAt: r.readAt === null ? null : Number(r.readAt),
    country: r.country ?? null,
    campaignTemplate: r.campaignTemplate ?? null,
    campaignCategory: r.campaignCategory ?? null,
  }));
}

/** The newest outbound message of a conversation sent in [from, to), for reply attribution. */
export async function lastOutboundBetween(
  ex: Executor,
  conversationId: string,
  from: number,
  to: number,
): Promise<{
  campaignId: string | null;
  type: string;
  payload: string;
  campaignTemplate: string | null;
} | null> {
  const row = await ex
    .selectFrom('messages as m')
    .leftJoin('campaigns as k', 'k.id', 'm.campaignId')
    .select(['m.campaignId', 'm.type', 'm.payload', 'k.templateName as campaignTemplate'])
    .where('m.conversationId', '=', conversationId)
    .where('m.direction', '=', 'out')
    .where('m.createdAt', '>=', from)
    .where('m.createdAt', '<', to)
    .orderBy('m.createdAt', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row === undefined ? null : { ...row, campaignTemplate: row.campaignTemplate ?? null };
}

/** True when the conversation holds an inbound message other than `exceptId` in [from, to). */
export async function hasInboundBetween(
  ex: Executor,
  conversationId: string,
  from: number,
  to: number,
  exceptId: string,
): Promise<boolean> {
  const row = await ex
    .selectFrom('messages')
    .select('id')
    .where('conversationId', '=', conversationId)
    .where('direction', '=', 'in')
    .where('createdAt', '>=', from)
    .where('createdAt', '<', to)
    .where('id', '!=', exceptId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** The contributions last folded in for these messages (JSON, by message id). */
export async function marksOf(ex: Executor, ids: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await ex
      .selectFrom('analyticsMarks')
      .select(['messageId', 'contribution'])
      .where('messageId', 'in', ids.slice(i, i + 500))
      .execute();
    for (const r of rows) out.set(r.messageId, r.contribution);
  }
  return out;
}

export async function writeMarks(
  ex: Executor,
  marks: readonly { messageId: string; contribution: string }[],
): Promise<void> {
  for (let i = 0; i < marks.length; i += 400) {
    await ex
      .insertInto('analyticsMarks')
      .values(marks.slice(i, i + 400))
      .onConflict((oc) =>
        oc
          .column('messageId')
          .doUpdateSet((eb) => ({ contribution: eb.ref('excluded.contribution') })),
      )
      .execute();
  }
}

const DIMENSION_COLUMNS = [
  'grain',
  'bucketStart',
  'accountId',
  'phoneNumberId',
  'templateName',
  'campaignId',
  'category',
  'country',
] as const;

type Grain = 'hour' | 'day';

/** Adds counter deltas to rollup rows, creating them when missing. */
export async function addToRollups(
  ex: Executor,
  rows: readonly { grain: Grain; start: number; dims: RollupDimensions; counts: RollupCounters }[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += 200) {
    await ex
      .insertInto('analyticsRollups')
      .values(
        rows
          .slice(i, i + 200)
          .map((r) => ({ grain: r.grain, bucketStart: r.start, ...r.dims, ...r.counts })),
      )
      .onConflict((oc) =>
        oc.columns([...DIMENSION_COLUMNS]).doUpdateSet((eb) => ({
          sent: eb(eb.ref('analyticsRollups.sent'), '+', eb.ref('excluded.sent')),
          delivered: eb(eb.ref('analyticsRollups.delivered'), '+', eb.ref('excluded.delivered')),
          read: eb(eb.ref('analyticsRollups.read'), '+', eb.ref('excluded.read')),
          failed: eb(eb.ref('analyticsRollups.failed'), '+', eb.ref('excluded.failed')),
          replied: eb(eb.ref('analyticsRollups.replied'), '+', eb.ref('excluded.replied')),
          inbound: eb(eb.ref('analyticsRollups.inbound'), '+', eb.ref('excluded.inbound')),
          conversationsOpened: eb(
            eb.ref('analyticsRollups.conversationsOpened'),
            '+',
            eb.ref('excluded.conversationsOpened'),
          ),
          free: eb(eb.ref('analyticsRollups.free'), '+', eb.ref('excluded.free')),
          costMicros: eb(eb.ref('analyticsRollups.costMicros'), '+', eb.ref('excluded.costMicros')),
        })),
      )
      .execute();
  }
}

/** Adds count deltas to failure rollup rows, creating them when missing. */
export async function addToFailureRollups(
  ex: Executor,
  rows: readonly {
    grain: Grain;
    start: number;
    dims: RollupDimensions;
    code: number;
    count: number;
  }[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += 300) {
    await ex
      .insertInto('analyticsFailureRollups')
      .values(
        rows.slice(i, i + 300).map((r) => ({
          grain: r.grain,
          bucketStart: r.start,
          ...r.dims,
          errorCode: r.code,
          count: r.count,
        })),
      )
      .onConflict((oc) =>
        oc.columns([...DIMENSION_COLUMNS, 'errorCode']).doUpdateSet((eb) => ({
          count: eb(eb.ref('analyticsFailureRollups.count'), '+', eb.ref('excluded.count')),
        })),
      )
      .execute();
  }
}

/** Adds deltas to the campaign report's hourly counters, creating rows when missing. */
export async function addToCampaignHours(
  ex: Executor,
  rows: readonly { campaignId: string; hour: number; counts: CampaignHourCounters }[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += 300) {
    await ex
      .insertInto('analyticsCampaignHours')
      .values(
        rows
          .slice(i, i + 300)
          .map((r) => ({ campaignId: r.campaignId, hourStart: r.hour, ...r.counts })),
      )
      .onConflict((oc) =>
        oc.columns(['campaignId', 'hourStart']).doUpdateSet((eb) => ({
          sent: eb(eb.ref('analyticsCampaignHours.sent'), '+', eb.ref('excluded.sent')),
          delivered: eb(
            eb.ref('analyticsCampaignHours.delivered'),
            '+',
            eb.ref('excluded.delivered'),
          ),
          read: eb(eb.ref('analyticsCampaignHours.read'), '+', eb.ref('excluded.read')),
          replied: eb(eb.ref('analyticsCampaignHours.replied'), '+', eb.ref('excluded.replied')),
        })),
      )
      .execute();
  }
}

/** The rate card as a lookup table: `<country>|<category>` → millionths. */
export async function rateCard(ex: Executor): Promise<Map<string, number>> {
  const rows = await ex
    .selectFrom('rateCard')
    .select(['countryCode', 'category', 'priceMicros'])
    .execute();
  return new Map(rows.map((r) => [`${r.countryCode}|${r.category}`, Number(r.priceMicros)]));
}

/** Forgets every rollup, mark and cursor: the next fold rebuilds from the messages. */
export async function clearRollups(ex: Executor): Promise<void> {
  await ex.deleteFrom('analyticsRollups').execute();
  await ex.deleteFrom('analyticsFailureRollups').execute();
  await ex.deleteFrom('analyticsCampaignHours').execute();
  await ex.deleteFrom('analyticsMarks').execute();
  await ex.deleteFrom('analyticsCursors').execute();
}
