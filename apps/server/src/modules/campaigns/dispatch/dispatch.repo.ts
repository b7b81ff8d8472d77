import type { RecipientStatus } from '@kiana/contracts';
import type { Executor } from '../../../db/executor';
import { updateBy } from '../../../db/update-by';
import { addOptOuts, adjustCounts, readCounts, type CountDeltas } from '../campaigns.counts.repo';

/**
 * The dispatcher's queries over the campaign tables. The recipients table is the queue:
 * claims read due `queued`/`deferred` rows of one number through the (phone_number_id,
 * status, due_at) index, and every status change is a conditional UPDATE on the status it
 * expects, so a row changed meanwhile (a status webhook, another holder) is left alone and
 * the counts move by exactly the rows that changed, in the same transaction.
 */

const IN_CHUNK = 500;

/** What the dispatcher needs of a running campaign. */
export interface RunningCampaign {
  id: string;
  accountId: string;
  phoneNumberId: string;
  templateId: string;
  templateName: string;
  templateLanguage: string;
  templateCategory: string;
  headerMediaJson: string | null;
  sendWindowJson: string | null;
  consecutiveFailureLimit: number;
}

/** A claimed recipient. */
export interface DueRecipient {
  id: number;
  campaignId: string;
  contactId: string | null;
  phoneE164: string;
  paramsJson: string;
  status: RecipientStatus;
  reason: string | null;
  attempts: number;
}

/** The numbers that have a running campaign (each gets one dispatcher). */
export async function numbersWithRunningCampaigns(ex: Executor): Promise<string[]> {
  const rows = await ex
    .selectFrom('campaigns')
    .select('phoneNumberId')
    .distinct()
    .where('status', '=', 'running')
    .execute();
  return rows.map((r) => r.phoneNumberId);
}

export async function runningCampaignsOf(
  ex: Executor,
  phoneNumberId: string,
): Promise<RunningCampaign[]> {
  return ex
    .selectFrom('campaigns')
    .select([
      'id',
      'accountId',
      'phoneNumberId',
      'templateId',
      'templateName',
      'templateLanguage',
      'templateCategory',
      'headerMediaJson',
      'sendWindowJson',
      'consecutiveFailureLimit',
    ])
    .where('phoneNumberId', '=', phoneNumberId)
    .where('status', '=', 'running')
    .orderBy('id')
    .execute();
}

/** Up to `limit` due recipients of one campaign, oldest due first (queued, then deferred). */
export async function dueRecipients(
  ex: Executor,
  c: { phoneNumberId: string; campaignId: string },
  now: number,
  limit: number,
): Promise<DueRecipient[]> {
  const out: DueRecipient[] = [];
  for (const status of ['deferred', 'queued'] as const) {
    if (out.length >= limit) break;
    const rows = await dueQuery(ex, c, status, now, limit - out.length).execute();
    for (const r of rows)
      out.push({ ...r, id: Number(r.id), attempts: Number(r.attempts), status: status });
  }
  return out;
}

/**
 * One campaign's recipients in one waiting status, due by `now`, in due order: read through
 * `(campaign_id, status, due_at)`, so other campaigns of the number (a paused million) are
 * never walked through.
 */
export function dueQuery(
  ex: Executor,
  c: { phoneNumberId: string; campaignId: string },
  status: 'deferred' | 'queued',
  now: number,
  limit: number,
) {
  return ex
    .selectFrom('campaignRecipients')
    .select([
      'id',
      'campaignId',
      'contactId',
      'phoneE164',
      'paramsJson',
      'status',
      'reason',
      'attempts',
    ])
    .where('campaignId', '=', c.campaignId)
    .where('status', '=', status)
    .where('dueAt', '<=', now)
    .where('phoneNumberId', '=', c.phoneNumberId)
    .orderBy('dueAt')
    .limit(limit);
}

/** Counts of rows moved, per campaign and transition, applied to campaign_counts at the end. */
export class CountMoves {
  private readonly byCampaign = new Map<string, CountDeltas>();

  move(campaignId: string, from: RecipientStatus, to: RecipientStatus, n = 1): void {
    if (n === 0 || from === to) return;
    const d = this.byCampaign.get(campaignId) ?? {};
    d[from] = (d[from] ?? 0) - n;
    d[to] = (d[to] ?? 0) + n;
    this.byCampaign.set(campaignId, d);
  }

  campaigns(): string[] {
    return [...this.byCampaign.keys()];
  }

  async apply(tx: Executor): Promise<void> {
    for (const [campaignId, deltas] of this.byCampaign) await adjustCounts(tx, campaignId, deltas);
    this.byCampaign.clear();
  }
}

/** Marks a due recipient `sending` with a fresh attempt id under the fence; false if it moved. */
export async function markSending(
  tx: Executor,
  r: DueRecipient,
  attemptId: string,
  generation: number,
  now: number,
): Promise<boolean> {
  const changed = await updateBy(
    tx,
    'campaignRecipients',
    {
      status: 'sending',
      attemptId,
      leaseGeneration: generation,
      attempts: r.attempts + 1,
      sendingAt: now,
      updatedAt: now,
    },
    { id: r.id, status: r.status },
  );
  return changed === 1;
}

/** The columns a status change may set besides the status itself. */
export interface RecipientPatch {
  reason?: string | null;
  dueAt?: number;
  wamid?: string | null;
  messageId?: string | null;
  errorCode?: number | null;
  errorTitle?: string | null;
  errorDetail?: string | null;
  failureKind?: string | null;
  sentAt?: number | null;
  deliveredAt?: number | null;
  readAt?: number | null;
  failedAt?: number | null;
}

/** Moves one recipient from `from` to `to`; false when it was not in `from` any more. */
export async function moveRecipient(
  tx: Executor,
  where: { id: number } | { attemptId: string },
  from: RecipientStatus,
  to: RecipientStatus,
  patch: RecipientPatch,
  now: number,
): Promise<boolean> {
  const changed = await updateBy(
    tx,
    'campaignRecipients',
    { ...patch, status: to, updatedAt: now },
    'id' in where ? { status: from, id: where.id } : { status: from, attemptId: where.attemptId },
  );
  return changed === 1;
}

/** Sets columns without a status change (e.g. the wamid once the send's answer is in). */
export async function patchRecipient(
  tx: Executor,
  id: number,
  patch: RecipientPatch,
  now: number,
): Promise<void> {
  await updateBy(tx, 'campaignRecipients', { ...patch, updatedAt: now }, { id });
}

/** Recipients of `sending` on this number become `unknown`: their request may have left. */
export async function sendingToUnknown(
  tx: Executor,
  phoneNumberId: string,
  now: number,
): Promise<number> {
  const groups = await tx
    .selectFrom('campaignRecipients')
    .select(['campaignId', (eb) => eb.fn.countAll<number>().as('n')])
    .where('phoneNumberId', '=', phoneNumberId)
    .where('status', '=', 'sending')
    .groupBy('campaignId')
    .execute();
  let total = 0;
  for (const g of groups) {
    const res = await tx
      .updateTable('campaignRecipients')
      .set({ status: 'unknown', updatedAt: now })
      .where('phoneNumberId', '=', phoneNumberId)
      .where('campaignId', '=', g.campaignId)
      .where('status', '=', 'sending')
      .executeTakeFirst();
    const n = Number(res.numUpdatedRows);
    total += n;
    await adjustCounts(tx, g.campaignId, { sending: -n, unknown: n });
  }
  return total;
}

/** A recipient found by its attempt id (status webhooks). */
export interface AttemptRecipient {
  id: number;
  campaignId: string;
  phoneNumberId: string;
  status: RecipientStatus;
  reason: string | null;
  attempts: number;
  wamid: string | null;
  sentAt: number | null;
  deliveredAt: number | null;
  readAt: number | null;
}

export async function recipientsByAttempt(
  ex: Executor,
  attemptIds: readonly string[],
): Promise<Map<string, AttemptRecipient>> {
  const out = new Map<string, AttemptRecipient>();
  for (let i = 0; i < attemptIds.length; i += IN_CHUNK) {
    const rows = await ex
      .selectFrom('campaignRecipients')
      .select([
        'id',
        'campaignId',
        'phoneNumberId',
        'status',
        'reason',
        'attempts',
        'wamid',
        'sentAt',
        'deliveredAt',
        'readAt',
        'attemptId',
      ])
      .where('attemptId', 'in', attemptIds.slice(i, i + IN_CHUNK))
      .execute();
    for (const { attemptId, ...r } of rows)
      if (attemptId !== null)
        out.set(attemptId, {
          ...r,
          id: Number(r.id),
          attempts: Number(r.attempts),
          status: r.status as RecipientStatus,
        });
  }
  return out;
}

/**
 * Pauses the running campaigns of a number, or one campaign; and a completed one that has
 * work again (a recipient whose send failed after the campaign completed, put back in the
 * queue by this very failure), which would otherwise stay "completed" with recipients queued.
 */
export async function pauseCampaigns(
  tx: Executor,
  target: { phoneNumberId: string } | { campaignId: string },
  reason: string,
  detail: string | null,
  now: number,
): Promise<string[]> {
  // Counts are applied before pauses, so a recipient just put back is already counted.
  let q = tx
    .selectFrom('campaigns')
    .select('id')
    .where((eb) =>
      eb.or([
        eb('status', '=', 'running'),
        eb.and([
          eb('status', '=', 'completed'),
          eb.exists(
            eb
              .selectFrom('campaignCounts')
              .select('campaignCounts.campaignId')
              .whereRef('campaignCounts.campaignId', '=', 'campaigns.id')
              .where('campaignCounts.status', 'in', ['queued', 'deferred'])
              .where('campaignCounts.count', '>', 0),
          ),
        ]),
      ]),
    );
  q =
    'campaignId' in target
      ? q.where('id', '=', target.campaignId)
      : q.where('phoneNumberId', '=', target.phoneNumberId);
  const ids = (await q.execute()).map((r) => r.id);
  if (ids.length === 0) return [];
  await tx
    .updateTable('campaigns')
    .set({
      status: 'paused',
      pauseReason: reason,
      pauseDetail: detail,
      finishedAt: null,
      updatedAt: now,
    })
    .where('id', 'in', ids)
    .where('status', 'in', ['running', 'completed'])
    .execute();
  return ids;
}

/** A completed campaign that has work again (a 131049 retry) runs again. */
export async function reopenCampaign(tx: Executor, campaignId: string, now: number): Promise<void> {
  await tx
    .updateTable('campaigns')
    .set({ status: 'running', finishedAt: null, updatedAt: now })
    .where('id', '=', campaignId)
    .where('status', '=', 'completed')
    .execute();
}

/** Completes a running campaign with nothing queued, deferred or sending; true if it did. */
export async function completeIfDone(
  tx: Executor,
  campaignId: string,
  now: number,
): Promise<boolean> {
  const c = await readCounts(tx, campaignId);
  if (c.queued + c.deferred + c.sending > 0) return false;
  const res = await tx
    .updateTable('campaigns')
    .set({ status: 'completed', finishedAt: now, updatedAt: now })
    .where('id', '=', campaignId)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Adds sends to the per-second log of a number and campaign. */
export async function logSends(
  tx: Executor,
  rows: readonly { phoneNumberId: string; second: number; campaignId: string; sent: number }[],
): Promise<void> {
  if (rows.length === 0) return;
  await tx
    .insertInto('campaignSendLog')
    .values([...rows])
    .onConflict((oc) =>
      oc.columns(['phoneNumberId', 'second', 'campaignId']).doUpdateSet((eb) => ({
        sent: eb('campaignSendLog.sent', '+', eb.ref('excluded.sent')),
      })),
    )
    .execute();
}

/** Sends the number's dispatchers logged from the second `fromSecond` on (any process). */
export async function sendsSince(
  ex: Executor,
  phoneNumberId: string,
  fromSecond: number,
): Promise<number> {
  const row = await ex
    .selectFrom('campaignSendLog')
    .select((eb) => eb.fn.sum<number | string | null>('sent').as('n'))
    .where('phoneNumberId', '=', phoneNumberId)
    .where('second', '>=', fromSecond)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

// ---------------------------------------------------------------- messaging limit

/** Unique recipients of the portfolio in the rolling window (since `since`). */
export async function portfolioCount(
  ex: Executor,
  portfolioId: string,
  since: number,
): Promise<{ count: number; oldest: number | null }> {
  const row = await ex
    .selectFrom('portfolioRecipients')
    .select([
      (eb) => eb.fn.countAll<number>().as('n'),
      (eb) => eb.fn.min('lastBusinessInitiatedAt').as('oldest'),
    ])
    .where('portfolioId', '=', portfolioId)
    .where('lastBusinessInitiatedAt', '>', since)
    .executeTakeFirst();
  const oldest = row?.oldest;
  return {
    count: Number(row?.n ?? 0),
    oldest: oldest === null || oldest === undefined ? null : Number(oldest),
  };
}

/** Which of `phones` are already in the portfolio's window (they do not count again). */
export async function portfolioKnown(
  ex: Executor,
  portfolioId: string,
  phones: readonly string[],
  since: number,
): Promise<Set<string>> {
  const out = new Set<string>();
  for (let i = 0; i < phones.length; i += IN_CHUNK) {
    const rows = await ex
      .selectFrom('portfolioRecipients')
      .select('phoneE164')
      .where('portfolioId', '=', portfolioId)
      .where('phoneE164', 'in', phones.slice(i, i + IN_CHUNK))
      .where('lastBusinessInitiatedAt', '>', since)
      .execute();
    for (const r of rows) out.add(r.phoneE164);
  }
  return out;
}

/** Records business-initiated sends to `phones` at `at`. */
export async function touchPortfolio(
  tx: Executor,
  portfolioId: string,
  phones: readonly string[],
  at: number,
): Promise<void> {
  for (let i = 0; i < phones.length; i += IN_CHUNK) {
    const values = phones
      .slice(i, i + IN_CHUNK)
      .map((phoneE164) => ({ portfolioId, phoneE164, lastBusinessInitiatedAt: at }));
    await tx
      .insertInto('portfolioRecipients')
      .values(values)
      .onConflict((oc) =>
        oc.columns(['portfolioId', 'phoneE164']).doUpdateSet({ lastBusinessInitiatedAt: at }),
      )
      .execute();
  }
}

/** The account's messaging limit tier and the number's throughput level. */
export async function limitsOf(
  ex: Executor,
  accountId: string,
  phoneNumberId: string,
): Promise<{ tier: string | null; throughputLevel: string | null }> {
  const account = await ex
    .selectFrom('waAccounts')
    .select('messagingLimitTier')
    .where('id', '=', accountId)
    .executeTakeFirst();
  const phone = await ex
    .selectFrom('waPhoneNumbers')
    .select('throughputLevel')
    .where('phoneNumberId', '=', phoneNumberId)
    .executeTakeFirst();
  return {
    tier: account?.messagingLimitTier ?? null,
    throughputLevel: phone?.throughputLevel ?? null,
  };
}

// ---------------------------------------------------------------- replies and opt-outs

/** Recipients of a number sent to after `since` and not yet marked replied. */
export async function replyCandidates(
  ex: Executor,
  phoneE164: string,
  since: number,
): Promise<{ id: number; sentAt: number | null; replyAttributionHours: number }[]> {
  const rows = await ex
    .selectFrom('campaignRecipients as r')
    .innerJoin('campaigns as c', 'c.id', 'r.campaignId')
    .select(['r.id', 'r.sentAt', 'r.sendingAt', 'c.replyAttributionHours'])
    .where('r.phoneE164', '=', phoneE164)
    .where('r.repliedAt', 'is', null)
    .where('r.status', 'in', ['sent', 'delivered', 'read'])
    .where('r.sendingAt', '>', since)
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    sentAt: r.sentAt ?? r.sendingAt,
    replyAttributionHours: Number(r.replyAttributionHours),
  }));
}

export async function markReplied(ex: Executor, ids: readonly number[], at: number): Promise<void> {
  if (ids.length === 0) return;
  await ex
    .updateTable('campaignRecipients')
    .set({ repliedAt: at })
    .where('id', 'in', [...ids])
    .where('repliedAt', 'is', null)
    .execute();
}

/** Marks recipients of the number who got a campaign message before opting out at `at`. */
export async function markOptedOut(ex: Executor, phoneE164: string, at: number): Promise<void> {
  const marked = await ex
    .updateTable('campaignRecipients')
    .set({ optedOutAt: at })
    .where('phoneE164', '=', phoneE164)
    .where('optedOutAt', 'is', null)
    .where('status', 'in', ['sent', 'delivered', 'read'])
    .where('sendingAt', '<=', at)
    .returning('campaignId')
    .execute();
  // The report's opt-out tally moves with the marks, in their transaction.
  const perCampaign = new Map<string, number>();
  for (const r of marked) perCampaign.set(r.campaignId, (perCampaign.get(r.campaignId) ?? 0) + 1);
  for (const [campaignId, n] of perCampaign) await addOptOuts(ex, campaignId, n);
}

/** The contact of a number, if it stopped marketing messages: when it did. */
export async function optedOutAtOf(ex: Executor, phoneE164: string): Promise<number | null> {
  const row = await ex
    .selectFrom('contacts')
    .select(['isOptedOut', 'optedOutAt'])
    .where('phoneE164', '=', phoneE164)
    .executeTakeFirst();
  return row !== undefined && row.isOptedOut === 1 ? (row.optedOutAt ?? null) : null;
}
