import { textMatch, dialectOf } from '../../db/dialect';
import type { WebhooksTables } from './webhooks.tables';
import type { Executor } from '../../db/executor';

export type WebhookEventRow = WebhooksTables['webhookEvents'];
export type WebhookEventStatus = WebhookEventRow['status'];

// 13 columns a row: 150 rows stay far below SQLite's bound-parameter limit.
const INSERT_CHUNK = 150;
const IN_CHUNK = 500;

/**
 * Inserts events, skipping bodies already stored (same hash: a redelivery); returns the
 * ids of the rows actually inserted.
 */
export async function insertEvents(
  ex: Executor,
  rows: readonly WebhookEventRow[],
): Promise<Set<string>> {
  const inserted = new Set<string>();
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    const got = await ex
      .insertInto('webhookEvents')
      .values(rows.slice(i, i + INSERT_CHUNK))
      .onConflict((oc) => oc.column('bodyHash').doNothing())
      .returning('id')
      .execute();
    for (const r of got) inserted.add(r.id);
  }
  return inserted;
}

/** Marks events processed in one statement per 500 ids. */
export async function markProcessed(
  ex: Executor,
  ids: readonly string[],
  at: number,
): Promise<void> {
  for (let i = 0; i < ids.length; i += IN_CHUNK) {
    await ex
      .updateTable('webhookEvents')
      .set((eb) => ({
        status: 'processed',
        error: null,
        processedAt: at,
        attempts: eb('attempts', '+', 1),
      }))
      .where('id', 'in', ids.slice(i, i + IN_CHUNK))
      .execute();
  }
}

/** Records the outcome of processing one event. */
export async function setEventOutcome(
  ex: Executor,
  id: string,
  outcome: { status: WebhookEventStatus; error: string | null; at: number },
): Promise<void> {
  await ex
    .updateTable('webhookEvents')
    .set((eb) => ({
      status: outcome.status,
      error: outcome.error,
      processedAt: outcome.at,
      attempts: eb('attempts', '+', 1),
    }))
    .where('id', '=', id)
    .execute();
}

/** One event with its raw body. */
export async function findEvent(ex: Executor, id: string): Promise<WebhookEventRow | undefined> {
  return await ex.selectFrom('webhookEvents').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Ids of events stored but not processed (a crash or a failed batch), oldest first. */
export async function listUnprocessedIds(
  ex: Executor,
  olderThan: number,
  limit: number,
): Promise<string[]> {
  const rows = await ex
    .selectFrom('webhookEvents')
    .select('id')
    .where('status', '=', 'pending')
    .where('receivedAt', '<=', olderThan)
    .orderBy('receivedAt')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** Filters of the webhook log. */
export interface EventFilter {
  q?: string;
  status?: WebhookEventStatus;
  field?: string;
  accountId?: string;
  before?: number;
}

/** A page of the webhook log, newest first, without raw bodies. */
export async function listEvents(
  ex: Executor,
  filter: EventFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: Omit<WebhookEventRow, 'raw' | 'bodyHash'>[]; total: number }> {
  let q = ex.selectFrom('webhookEvents');
  if (filter.q !== undefined && filter.q.trim() !== '') {
    // Phone numbers are searched by their digits, however they were typed.
    const term = filter.q.trim();
    const digits = term.replace(/[\s()+-]/g, '');
    const needle = /^\d+$/.test(digits) ? digits : term;
    q = q.where(textMatch(dialectOf(ex), 'search', needle));
  }
  if (filter.status !== undefined) q = q.where('status', '=', filter.status);
  if (filter.field !== undefined && filter.field !== '')
    q = q.where(textMatch(dialectOf(ex), 'field', filter.field));
  if (filter.accountId !== undefined) q = q.where('accountId', '=', filter.accountId);
  if (filter.before !== undefined) q = q.where('receivedAt', '<', filter.before);
  const [rows, count] = await Promise.all([
    q
      .select([
        'id',
        'receivedAt',
        'accountId',
        'wabaId',
        'field',
        'signature',
        'status',
        'error',
        'search',
        'itemCount',
        'attempts',
        'processedAt',
      ])
      .orderBy('receivedAt', 'desc')
      .orderBy('id', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}
