import type { RecipientStatus } from '@kiana/contracts';
import { recipientStatuses } from '@kiana/contracts';
import type { Executor } from '../../db/executor';

/**
 * `campaign_counts`: recipients per status, maintained in the same transaction as every
 * recipient status change so the campaign page reads a handful of rows instead of counting
 * a million. Every writer of `campaign_recipients.status` calls one of these in its
 * transaction; the counts test compares them with a GROUP BY after random moves.
 */

export type CountDeltas = Partial<Record<RecipientStatus, number>>;

/** Every status at 0. */
export function zeroCounts(): Record<RecipientStatus, number> {
  return Object.fromEntries(recipientStatuses.map((s) => [s, 0])) as Record<
    RecipientStatus,
    number
  >;
}

/** Applies several deltas at once (e.g. a claim batch: queued −n, sending +n). */
export async function adjustCounts(
  tx: Executor,
  campaignId: string,
  deltas: CountDeltas,
): Promise<void> {
  const rows = Object.entries(deltas)
    .filter(([, n]) => n !== undefined && n !== 0)
    .map(([status, n]) => ({ campaignId, status, count: n ?? 0 }));
  if (rows.length === 0) return;
  await tx
    .insertInto('campaignCounts')
    .values(rows)
    .onConflict((oc) =>
      oc.columns(['campaignId', 'status']).doUpdateSet((eb) => ({
        count: eb('campaignCounts.count', '+', eb.ref('excluded.count')),
      })),
    )
    .execute();
}

/** `n` recipients went from `from` to `to` (call with the number of rows the UPDATE changed). */
export async function moveRecipients(
  tx: Executor,
  campaignId: string,
  from: RecipientStatus,
  to: RecipientStatus,
  n: number,
): Promise<void> {
  if (n === 0 || from === to) return;
  await adjustCounts(tx, campaignId, { [from]: -n, [to]: n });
}

/** `n` recipients were inserted with `status`. */
export async function addRecipients(
  tx: Executor,
  campaignId: string,
  status: RecipientStatus,
  n: number,
): Promise<void> {
  await adjustCounts(tx, campaignId, { [status]: n });
}

/** Every status with its count (0 when absent). */
export async function readCounts(
  ex: Executor,
  campaignId: string,
): Promise<Record<RecipientStatus, number>> {
  const rows = await ex
    .selectFrom('campaignCounts')
    .select(['status', 'count'])
    .where('campaignId', '=', campaignId)
    .execute();
  const out = zeroCounts();
  for (const row of rows) {
    if ((recipientStatuses as readonly string[]).includes(row.status)) {
      out[row.status as RecipientStatus] = Number(row.count);
    }
  }
  return out;
}

/** Counts of several campaigns at once (the list page). */
export async function readCountsOf(
  ex: Executor,
  campaignIds: readonly string[],
): Promise<Map<string, Record<RecipientStatus, number>>> {
  const out = new Map<string, Record<RecipientStatus, number>>();
  for (const id of campaignIds) {
    out.set(id, zeroCounts());
  }
  if (campaignIds.length === 0) return out;
  const rows = await ex
    .selectFrom('campaignCounts')
    .select(['campaignId', 'status', 'count'])
    .where('campaignId', 'in', [...campaignIds])
    .execute();
  for (const row of rows) {
    const counts = out.get(row.campaignId);
    if (counts && (recipientStatuses as readonly string[]).includes(row.status)) {
      counts[row.status as RecipientStatus] = Number(row.count);
    }
  }
  return out;
}

/**
 * Opt-outs are a tally beside the statuses (a recipient who opted out keeps its status):
 * kept under this key in the same table, which `readCounts` never reports as a status.
 */
const OPTED_OUT = 'opted_out';

/** `n` recipients of the campaign opted out after its message (same transaction as the mark). */
export async function addOptOuts(tx: Executor, campaignId: string, n: number): Promise<void> {
  if (n === 0) return;
  await tx
    .insertInto('campaignCounts')
    .values({ campaignId, status: OPTED_OUT, count: n })
    .onConflict((oc) =>
      oc.columns(['campaignId', 'status']).doUpdateSet((eb) => ({
        count: eb('campaignCounts.count', '+', eb.ref('excluded.count')),
      })),
    )
    .execute();
}

/** How many recipients of the campaign opted out after its message. */
export async function readOptOuts(ex: Executor, campaignId: string): Promise<number> {
  const row = await ex
    .selectFrom('campaignCounts')
    .select('count')
    .where('campaignId', '=', campaignId)
    .where('status', '=', OPTED_OUT)
    .executeTakeFirst();
  return Number(row?.count ?? 0);
}

/** Removes a campaign's counters (with its recipients, when a draft is deleted). */
export async function deleteCounts(tx: Executor, campaignId: string): Promise<void> {
  await tx.deleteFrom('campaignCounts').where('campaignId', '=', campaignId).execute();
}
