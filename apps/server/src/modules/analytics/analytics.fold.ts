import type { Db } from '../../db/database';
import type { Executor } from '../../db/executor';
import { yieldToOthers } from '../../platform/background';
import type { Clock } from '../../platform/clock';
import {
  contributionOf,
  DAY_MS,
  HOUR_MS,
  RollupDelta,
  type Contribution,
  type MessageFact,
} from './analytics.contribution';
import * as repo from './analytics.rollup.repo';

const CURSOR = 'messages';
/** Replies within this time of an outbound message count for it (the campaigns' default). */
const REPLY_WINDOW_MS = 72 * HOUR_MS;
/** A customer service window lasts 24 hours (NOTES §6.5). */
const SERVICE_WINDOW_MS = DAY_MS;

export interface FoldOptions {
  /** Messages per transaction. */
  batchSize?: number;
  /**
   * Changes younger than this are left for the next run: a transaction that took its `now`
   * before the cursor moved but committed after would otherwise be skipped for good.
   */
  settleMs?: number;
  /** Stop after this long and leave the rest to the next run. */
  budgetMs?: number;
  /** Fences each batch's transaction (a lease), so two processes never fold at once. */
  fence?: (ex: Executor) => Promise<void>;
}

/** The template a message used: its campaign's, or the name in the sent payload. */
function templateOf(type: string, payload: string, campaignTemplate: string | null): string | null {
  if (campaignTemplate !== null) return campaignTemplate;
  if (type !== 'template') return null;
  try {
    const parsed = JSON.parse(payload) as { template?: { name?: unknown } };
    return typeof parsed.template?.name === 'string' ? parsed.template.name : null;
  } catch {
    return null;
  }
}

async function factOf(ex: Executor, m: repo.MessageRow): Promise<MessageFact> {
  const at = m.direction === 'in' ? (m.sentByMetaAt ?? m.createdAt) : m.createdAt;
  let replyTo: MessageFact['replyTo'] = null;
  let opensConversation = false;
  if (m.direction === 'in') {
    const out = await repo.lastOutboundBetween(ex, m.conversationId, at - REPLY_WINDOW_MS, at);
    if (out !== null)
      replyTo = {
        campaignId: out.campaignId,
        templateName: templateOf(out.type, out.payload, out.campaignTemplate),
      };
    opensConversation = !(await repo.hasInboundBetween(
      ex,
      m.conversationId,
      at - SERVICE_WINDOW_MS,
      at,
      m.id,
    ));
  }
  return {
    id: m.id,
    direction: m.direction,
    type: m.type,
    status: m.status,
    at,
    accountId: m.accountId,
    phoneNumberId: m.phoneNumberId,
    campaignId: m.direction === 'out' ? m.campaignId : null,
    templateName: m.direction === 'out' ? templateOf(m.type, m.payload, m.campaignTemplate) : null,
    campaignCategory: m.campaignCategory,
    pricingCategory: m.pricingCategory,
    pricingType: m.pricingType,
    pricingBillable: m.pricingBillable,
    deliveredAt: m.deliveredAt,
    readAt: m.readAt,
    errorCode: m.errorCode,
    country: m.country,
    replyTo,
    opensConversation,
  };
}

/** Folds one batch in `tx`: takes back each message's old contribution and adds its new one. */
async function foldBatch(
  tx: Executor,
  rows: readonly repo.MessageRow[],
  priceOf: (country: string, category: string) => number | null,
): Promise<number> {
  const old = await repo.marksOf(
    tx,
    rows.map((r) => r.id),
  );
  const delta = new RollupDelta();
  const marks: { messageId: string; contribution: string }[] = [];
  for (const row of rows) {
    const next = contributionOf(await factOf(tx, row), priceOf);
    const json = JSON.stringify(next);
    const before = old.get(row.id);
    if (before === json) continue;
    if (before !== undefined) delta.add(JSON.parse(before) as Contribution, -1);
    delta.add(next, 1);
    marks.push({ messageId: row.id, contribution: json });
  }
  await repo.addToRollups(tx, delta.changedRows());
  await repo.addToFailureRollups(tx, delta.changedFailures());
  await repo.addToCampaignHours(tx, delta.changedCampaignHours());
  await repo.writeMarks(tx, marks);
  return marks.length;
}

/**
 * The analytics fold: reads messages changed since its cursor, in batches, and applies the
 * difference between what each contributes now and what it contributed when last folded.
 * Each batch commits with the cursor, so a crash resumes where it stopped; folding a message
 * twice changes nothing, so a re-run or an overlapping read is harmless.
 */
export function createAnalyticsFold(deps: { db: Db; clock: Clock }) {
  const run = async (options: FoldOptions = {}): Promise<{ read: number; changed: number }> => {
    const batchSize = options.batchSize ?? 500;
    const started = deps.clock.now();
    const until = started - (options.settleMs ?? 5_000);
    const card = await repo.rateCard(deps.db.kysely);
    const priceOf = (country: string, category: string): number | null =>
      card.get(`${country}|${category}`) ?? card.get(`*|${category}`) ?? null;
    let read = 0;
    let changed = 0;
    for (;;) {
      const n = await deps.db.kysely.transaction().execute(async (tx) => {
        await options.fence?.(tx);
        const cursor = await repo.readCursor(tx, CURSOR);
        const rows = await repo.messagesAfter(tx, cursor, batchSize, until);
        const last = rows.at(-1);
        if (last !== undefined) {
          changed += await foldBatch(tx, rows, priceOf);
          await repo.writeCursor(tx, CURSOR, { updatedAt: last.updatedAt, messageId: last.id });
        }
        // A short batch means every change up to `until` is folded; a full one, every change
        // older than the last one read (more may share its millisecond). It commits with
        // the batch, so the watermark never claims what the rollups do not hold.
        const reached = last === undefined || rows.length < batchSize ? until : last.updatedAt - 1;
        await repo.advanceWatermark(tx, reached);
        return rows.length;
      });
      read += n;
      if (n < batchSize) break;
      if (options.budgetMs !== undefined && deps.clock.now() - started > options.budgetMs) break;
      // Between batches, the dispatchers' rounds and the webhook intake run: 15 s of a
      // 1,000 mps campaign's statuses folded in one go held the event loop for 700 ms, and
      // the campaign bench lost a second's worth of sends every time.
      await yieldToOthers();
    }
    return { read, changed };
  };
  return {
    run,
    /** Drops every rollup and folds all messages again (after a rate card change, say). */
    rebuild: async (options: FoldOptions = {}) => {
      await deps.db.kysely.transaction().execute(async (tx) => {
        await options.fence?.(tx);
        await repo.clearRollups(tx);
      });
      return run(options);
    },
  };
}

export type AnalyticsFold = ReturnType<typeof createAnalyticsFold>;
