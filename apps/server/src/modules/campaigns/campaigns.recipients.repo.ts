import type { Executor } from '../../db/executor';

/** Queued or deferred recipients of a campaign become skipped with `reason`; returns how many. */
export async function skipWaiting(
  tx: Executor,
  campaignId: string,
  from: 'queued' | 'deferred',
  reason: string,
  now: number,
): Promise<number> {
  const result = await tx
    .updateTable('campaignRecipients')
    .set({ status: 'skipped', reason, updatedAt: now })
    .where('campaignId', '=', campaignId)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * Recipients in `from` (failed or unknown) queued again: those of retryable `kinds`, or the
 * chosen `ids`. Only `failed`/`unknown` rows ever match, so one who got the message (sent,
 * delivered, read) is never sent again.
 */
export async function requeue(
  tx: Executor,
  campaignId: string,
  from: 'failed' | 'unknown',
  now: number,
  which: { ids?: readonly number[]; kinds?: readonly string[] },
): Promise<number> {
  let query = tx
    .updateTable('campaignRecipients')
    .set({
      status: 'queued',
      reason: null,
      dueAt: now,
      errorCode: null,
      errorTitle: null,
      errorDetail: null,
      failureKind: null,
      failedAt: null,
      updatedAt: now,
    })
    .where('campaignId', '=', campaignId)
    .where('status', '=', from);
  if (which.ids !== undefined) {
    if (which.ids.length === 0) return 0;
    query = query.where('id', 'in', [...which.ids]);
  }
  if (which.kinds !== undefined) query = query.where('failureKind', 'in', [...which.kinds]);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}
