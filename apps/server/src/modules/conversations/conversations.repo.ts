import { newRowId } from '../../db/ids';
import { sql, type Expression, type Insertable, type Selectable } from 'kysely';
import { greatestOf, isPostgres } from '../../db/dialect';
import { lockInTransaction } from '../../platform/locks/locks.repo';
import type { ConversationsTables } from './conversations.tables';
import { initialStatusState, type MessageStatus, type StatusState } from './conversations.status';
import type { Executor } from '../../db/executor';
import { updateBy } from '../../db/update-by';
import {
  columnsOf,
  rowOf,
  runBulk,
  runBulkFlat,
  type BulkStatement,
  type FlatStatement,
} from '../../db/bulk';

export type { Executor } from '../../db/executor';
export type MessageRow = Selectable<ConversationsTables['messages']>;
export type ConversationRow = Selectable<ConversationsTables['conversations']>;
export type PendingStatusRow = ConversationsTables['pendingStatuses'];

// SQLite allows 32,766 bound parameters per statement; PostgreSQL 65,535. Chunks stay far below.
const IN_CHUNK = 500;
const PENDING_CHUNK = 200;

const statusColumns = [
  'id',
  'wamid',
  'contactId',
  'conversationId',
  'status',
  'sentAt',
  'deliveredAt',
  'readAt',
  'playedAt',
  'failedAt',
  'errorCode',
  'errorTitle',
  'errorMessage',
  'errorDetails',
  'pricingModel',
  'pricingCategory',
  'pricingType',
  'pricingBillable',
  'metaConversationId',
  'metaConversationOrigin',
  'metaConversationExpiresAt',
  'bizOpaqueCallbackData',
] as const;
export type MessageStatusRow = Pick<MessageRow, (typeof statusColumns)[number]>;

/**
 * The status columns of the messages with these wamids, in one query per 500 ids. On
 * PostgreSQL the rows are locked (`FOR UPDATE`, in wamid order so two batches cannot
 * deadlock) until the caller's transaction ends: the batch writer, the recovery job and a
 * replay may apply statuses of one message at once, and a state read before another's
 * commit would write an older status back over a newer one.
 */
export async function findStatusRowsByWamids(
  ex: Executor,
  wamids: readonly string[],
): Promise<MessageStatusRow[]> {
  const lock = isPostgres(ex);
  const sorted = [...wamids].sort();
  const out: MessageStatusRow[] = [];
  for (let i = 0; i < sorted.length; i += IN_CHUNK) {
    const chunk = sorted.slice(i, i + IN_CHUNK);
    out.push(
      ...(await ex
        .selectFrom('messages')
        .select(statusColumns)
        .where('wamid', 'in', chunk)
        .$if(lock, (q) => q.orderBy('wamid').forUpdate())
        .execute()),
    );
  }
  return out;
}

/** A row's delivery state as the state machine sees it. */
export function stateOfRow(row: MessageStatusRow): StatusState {
  const s = initialStatusState(row.status as MessageStatus);
  return {
    ...s,
    sentAt: row.sentAt,
    deliveredAt: row.deliveredAt,
    readAt: row.readAt,
    playedAt: row.playedAt,
    failedAt: row.failedAt,
    error:
      row.errorCode === null
        ? null
        : {
            code: row.errorCode,
            title: row.errorTitle ?? '',
            message: row.errorMessage,
            details: row.errorDetails,
          },
    pricing:
      row.pricingModel === null
        ? null
        : {
            model: row.pricingModel,
            category: row.pricingCategory ?? '',
            type: row.pricingType,
            billable: row.pricingBillable === null ? null : row.pricingBillable === 1,
          },
    conversation:
      row.metaConversationId === null
        ? null
        : {
            id: row.metaConversationId,
            origin: row.metaConversationOrigin ?? '',
            expiresAt: row.metaConversationExpiresAt,
          },
    bizOpaqueCallbackData: row.bizOpaqueCallbackData,
  };
}

/** Writes a new delivery state onto one message. */
export async function updateMessageState(
  ex: Executor,
  id: string,
  s: StatusState,
  now: number,
  failure: { kind: string | null; retryAfterAt: number | null } = {
    kind: null,
    retryAfterAt: null,
  },
): Promise<void> {
  await updateBy(
    ex,
    'messages',
    {
      status: s.status,
      sentAt: s.sentAt,
      deliveredAt: s.deliveredAt,
      readAt: s.readAt,
      playedAt: s.playedAt,
      failedAt: s.failedAt,
      errorCode: s.error?.code ?? null,
      errorTitle: s.error?.title ?? null,
      errorMessage: s.error?.message ?? null,
      errorDetails: s.error?.details ?? null,
      failureKind: failure.kind,
      retryAfterAt: failure.retryAfterAt,
      pricingModel: s.pricing?.model ?? null,
      pricingCategory: s.pricing?.category ?? null,
      pricingType: s.pricing?.type ?? null,
      pricingBillable:
        s.pricing?.billable === undefined || s.pricing.billable === null
          ? null
          : s.pricing.billable
            ? 1
            : 0,
      metaConversationId: s.conversation?.id ?? null,
      metaConversationOrigin: s.conversation?.origin ?? null,
      metaConversationExpiresAt: s.conversation?.expiresAt ?? null,
      bizOpaqueCallbackData: s.bizOpaqueCallbackData,
      updatedAt: now,
    },
    { id },
  );
}

/** Holds statuses for message ids not stored yet; a repeat of (wamid, status) is ignored. */
export async function insertPendingStatuses(
  ex: Executor,
  rows: readonly PendingStatusRow[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += PENDING_CHUNK) {
    await ex
      .insertInto('pendingStatuses')
      .values(rows.slice(i, i + PENDING_CHUNK))
      .onConflict((oc) => oc.columns(['wamid', 'status']).doNothing())
      .execute();
  }
}

/** Takes (reads and deletes) the held statuses of a wamid. */
export async function takePendingStatuses(
  ex: Executor,
  wamid: string,
): Promise<PendingStatusRow[]> {
  return (await takePendingStatusesOf(ex, [wamid])).get(wamid) ?? [];
}

/** Takes the held statuses of several wamids at once, by wamid (wamids without any: absent). */
export async function takePendingStatusesOf(
  ex: Executor,
  wamids: readonly string[],
): Promise<Map<string, PendingStatusRow[]>> {
  const out = new Map<string, PendingStatusRow[]>();
  for (let i = 0; i < wamids.length; i += PENDING_CHUNK) {
    const chunk = wamids.slice(i, i + PENDING_CHUNK);
    const rows = await ex
      .selectFrom('pendingStatuses')
      .selectAll()
      .where('wamid', 'in', chunk)
      .execute();
    if (rows.length === 0) continue;
    for (const r of rows) out.set(r.wamid, [...(out.get(r.wamid) ?? []), r]);
    await ex
      .deleteFrom('pendingStatuses')
      .where('wamid', 'in', [...new Set(rows.map((r) => r.wamid))])
      .execute();
  }
  return out;
}

/** Held statuses carrying this `biz_opaque_callback_data` (a send whose response was lost). */
export async function findPendingByCallbackData(
  ex: Executor,
  data: string,
): Promise<PendingStatusRow[]> {
  return await ex
    .selectFrom('pendingStatuses')
    .selectAll()
    .where('bizOpaqueCallbackData', '=', data)
    .execute();
}

/** What a conversation upsert needs: the pair, and the message that touches the thread. */
export interface ConversationTouch {
  phoneNumberId: string;
  accountId: string | null;
  contactId: string;
  at: number;
}

/** The conversation of a (business number, contact) pair, created when missing. */
export async function upsertConversation(
  ex: Executor,
  input: ConversationTouch & { inbound: boolean; windowMs: number; now: number },
): Promise<string> {
  const ids = await upsertConversations(ex, [input], input);
  return ids.get(conversationKey(input)) as string;
}

/** The key of a (business number, contact) pair in `upsertConversations`' answer. */
export function conversationKey(pair: { phoneNumberId: string; contactId: string }): string {
  return `${pair.phoneNumberId}\u0000${pair.contactId}`;
}

// Rows per conversation upsert: 13 parameters each, far below both dialects' limits.
const CONVERSATION_CHUNK = 500;

const CONVERSATION_COLUMNS = [
  'id',
  'phoneNumberId',
  'accountId',
  'contactId',
  'lastMessageAt',
  'lastInboundAt',
  'windowExpiresAt',
  'unreadCount',
  'state',
  'assignedUserId',
  'snoozedUntil',
  'createdAt',
  'updatedAt',
] as const;
type ConversationInsert = Insertable<ConversationsTables['conversations']>;

/** The upsert of `upsertConversations`, built once per row count (db/bulk.ts). */
function conversationUpsert(
  inbound: boolean,
): FlatStatement<{ id: string; phoneNumberId: string; contactId: string }> {
  return {
    name: inbound ? 'conversations.upsert.in' : 'conversations.upsert.out',
    maxItems: CONVERSATION_CHUNK,
    width: CONVERSATION_COLUMNS.length,
    build: (ex, items) => {
      const later = <T extends number | null>(a: Expression<T>, b: Expression<T>) =>
        greatestOf(ex, a, b);
      return ex
        .insertInto('conversations')
        .values(items.map((v) => rowOf<ConversationInsert>(CONVERSATION_COLUMNS, v)))
        .onConflict((oc) =>
          oc.columns(['phoneNumberId', 'contactId']).doUpdateSet((eb) => ({
            // Out-of-order inbound messages must not pull the window back (max, never replace).
            lastMessageAt: later(
              eb.ref('conversations.lastMessageAt'),
              eb.ref('excluded.lastMessageAt'),
            ),
            accountId: eb.fn.coalesce(
              eb.ref('conversations.accountId'),
              eb.ref('excluded.accountId'),
            ),
            updatedAt: eb.ref('excluded.updatedAt'),
            ...(inbound
              ? {
                  lastInboundAt: later(
                    eb.ref('conversations.lastInboundAt'),
                    eb.ref('excluded.lastInboundAt'),
                  ),
                  windowExpiresAt: later(
                    eb.ref('conversations.windowExpiresAt'),
                    eb.ref('excluded.windowExpiresAt'),
                  ),
                  unreadCount: eb(eb.ref('conversations.unreadCount'), '+', eb.lit(1)),
                  // The customer writing reopens a closed or snoozed conversation.
                  state: sql.lit('open'),
                  snoozedUntil: eb.lit(null),
                }
              : {}),
          })),
        )
        .returning(['id', 'phoneNumberId', 'contactId']);
    },
  };
}
const upsertIn = conversationUpsert(true);
const upsertOut = conversationUpsert(false);

/**
 * The conversations of several (business number, contact) pairs, created when missing, in
 * one statement per chunk; every message is inbound or every one outbound. Returns the ids
 * by `conversationKey`. A pair touched twice counts once, at its latest time (PostgreSQL
 * refuses an upsert that updates one row twice).
 */
export async function upsertConversations(
  ex: Executor,
  touches: readonly ConversationTouch[],
  how: { inbound: boolean; windowMs: number; now: number },
): Promise<Map<string, string>> {
  const latest = new Map<string, ConversationTouch>();
  for (const t of touches) {
    const key = conversationKey(t);
    const seen = latest.get(key);
    if (seen === undefined || t.at > seen.at) latest.set(key, t);
  }
  const pairs = [...latest.values()];
  const rows = await runBulkFlat(
    ex,
    how.inbound ? upsertIn : upsertOut,
    pairs.length,
    (p, at, i) => {
      const input = pairs[i] as ConversationTouch;
      // In CONVERSATION_COLUMNS' order.
      p[at] = newRowId();
      p[at + 1] = input.phoneNumberId;
      p[at + 2] = input.accountId;
      p[at + 3] = input.contactId;
      p[at + 4] = input.at;
      p[at + 5] = how.inbound ? input.at : null;
      p[at + 6] = how.inbound ? input.at + how.windowMs : null;
      p[at + 7] = how.inbound ? 1 : 0;
      p[at + 8] = 'open';
      p[at + 9] = null;
      p[at + 10] = null;
      p[at + 11] = how.now;
      p[at + 12] = how.now;
    },
  );
  const ids = new Map<string, string>();
  for (const r of rows) ids.set(conversationKey(r), r.id);
  return ids;
}

/** Inserts a message unless its wamid is already stored; returns the id and whether it was new. */
export async function insertMessage(
  ex: Executor,
  row: MessageRow,
): Promise<{ id: string; isNew: boolean }> {
  const { wamid } = row;
  if (wamid !== null)
    return (await insertMessages(ex, [{ ...row, wamid }])).get(wamid) as {
      id: string;
      isNew: boolean;
    };
  const inserted = await ex.insertInto('messages').values(row).returning('id').executeTakeFirst();
  return { id: inserted?.id ?? row.id, isNew: true };
}

/**
 * Inserts messages that carry a wamid, skipping any whose wamid is stored already, in one
 * statement per chunk; returns by wamid the stored id and whether this call inserted it.
 */
export async function insertMessages(
  ex: Executor,
  rows: readonly (MessageRow & { wamid: string })[],
): Promise<Map<string, { id: string; isNew: boolean }>> {
  const out = new Map<string, { id: string; isNew: boolean }>();
  if (rows.length === 0) return out;
  const columns = columnsOf(rows);
  // Built once per row count (db/bulk.ts): the campaign's answers insert a batch a round.
  const statement: BulkStatement<
    MessageRow & { wamid: string },
    { id: string; wamid: string | null }
  > = {
    name: `messages.insert:${columns.join(',')}`,
    // Both dialects bind tens of thousands of parameters; a message row has about 45.
    maxItems: Math.max(1, Math.floor(9_000 / columns.length)),
    width: columns.length,
    fields: (row) => columns.map((c) => row[c]),
    build: (b, items) =>
      b
        .insertInto('messages')
        .values(items.map((v) => rowOf<MessageRow>(columns, v)))
        .onConflict((oc) => oc.column('wamid').doNothing())
        .returning(['id', 'wamid']),
  };
  const inserted = await runBulk(ex, statement, rows);
  for (const r of inserted) if (r.wamid !== null) out.set(r.wamid, { id: r.id, isNew: true });
  const missing = rows.filter((r) => !out.has(r.wamid)).map((r) => r.wamid);
  for (let i = 0; i < missing.length; i += IN_CHUNK) {
    const existing = await ex
      .selectFrom('messages')
      .select(['id', 'wamid'])
      .where('wamid', 'in', missing.slice(i, i + IN_CHUNK))
      .execute();
    for (const r of existing) if (r.wamid !== null) out.set(r.wamid, { id: r.id, isNew: false });
  }
  return out;
}

/** Marks the outbound message a campaign attempt produced (the inbox and analytics read it). */
export async function tagMessage(
  ex: Executor,
  messageId: string,
  tag: { campaignId: string | null; attemptId: string | null },
): Promise<void> {
  await ex
    .updateTable('messages')
    .set({ campaignId: tag.campaignId, attemptId: tag.attemptId })
    .where('id', '=', messageId)
    .execute();
}

/** One message by id. */
export async function findMessageById(ex: Executor, id: string): Promise<MessageRow | undefined> {
  return await ex.selectFrom('messages').selectAll().where('id', '=', id).executeTakeFirst();
}

/** One message by wamid. */
export async function findMessageByWamid(
  ex: Executor,
  wamid: string,
): Promise<MessageRow | undefined> {
  return await ex.selectFrom('messages').selectAll().where('wamid', '=', wamid).executeTakeFirst();
}

/** Sets the media columns of a message (download state, file, checksum). */
export async function updateMessageMedia(
  ex: Executor,
  id: string,
  media: Partial<
    Pick<MessageRow, 'mediaStatus' | 'mediaPath' | 'mediaSize' | 'mediaError' | 'mediaMime'>
  >,
  now: number,
): Promise<void> {
  await ex
    .updateTable('messages')
    .set({ ...media, updatedAt: now })
    .where('id', '=', id)
    .execute();
}

/** Messages whose media still waits for download (after a restart, for instance). */
export async function listPendingMedia(ex: Executor, limit: number): Promise<MessageRow[]> {
  return await ex
    .selectFrom('messages')
    .selectAll()
    .where('mediaStatus', '=', 'pending')
    .limit(limit)
    .execute();
}

/** The conversation row. */
export async function findConversationById(
  ex: Executor,
  id: string,
): Promise<ConversationRow | undefined> {
  return await ex.selectFrom('conversations').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * PostgreSQL only: serialises the "status for an unknown wamid" and "store the message"
 * paths per wamid, so that a status held by one transaction and a message stored by
 * another at the same moment cannot miss each other. SQLite has a single writer already.
 * Locks are taken in sorted order (no deadlock) and released at commit.
 */
export async function lockWamids(ex: Executor, wamids: readonly string[]): Promise<boolean> {
  if (!isPostgres(ex) || wamids.length === 0) return false;
  await lockInTransaction(ex, 'postgres', 'wamid', [...wamids].sort());
  return true;
}

/**
 * Moves every conversation and message of contact `fromId` to `intoId` (a merge after Meta
 * revealed the phone number of a BSUID-only contact). Where both have a thread with the
 * same business number, the messages join the surviving thread, which keeps the later
 * times, the wider window and both unread counts.
 */
export async function mergeContactHistory(
  ex: Executor,
  fromId: string,
  intoId: string,
): Promise<void> {
  const moving = await ex
    .selectFrom('conversations')
    .selectAll()
    .where('contactId', '=', fromId)
    .execute();
  for (const c of moving) {
    const target = await ex
      .selectFrom('conversations')
      .selectAll()
      .where('contactId', '=', intoId)
      .where('phoneNumberId', '=', c.phoneNumberId)
      .executeTakeFirst();
    if (target === undefined) {
      await ex
        .updateTable('conversations')
        .set({ contactId: intoId })
        .where('id', '=', c.id)
        .execute();
      continue;
    }
    await ex
      .updateTable('messages')
      .set({ conversationId: target.id })
      .where('conversationId', '=', c.id)
      .execute();
    const later = (a: number | null, b: number | null): number | null =>
      a === null ? b : b === null ? a : Math.max(a, b);
    await ex
      .updateTable('conversations')
      .set({
        lastMessageAt: Math.max(Number(target.lastMessageAt), Number(c.lastMessageAt)),
        lastInboundAt: later(target.lastInboundAt, c.lastInboundAt),
        windowExpiresAt: later(target.windowExpiresAt, c.windowExpiresAt),
        unreadCount: target.unreadCount + c.unreadCount,
        accountId: target.accountId ?? c.accountId,
      })
      .where('id', '=', target.id)
      .execute();
    await ex.deleteFrom('conversations').where('id', '=', c.id).execute();
  }
  await ex
    .updateTable('messages')
    .set({ contactId: intoId })
    .where('contactId', '=', fromId)
    .execute();
}

/** The outcome columns of a sent message, empty: a new row, or a failed send tried again. */
export const noSendOutcome = {
  sentAt: null,
  deliveredAt: null,
  readAt: null,
  playedAt: null,
  failedAt: null,
  errorCode: null,
  errorTitle: null,
  errorMessage: null,
  errorDetails: null,
  failureKind: null,
  retryAfterAt: null,
} as const satisfies Partial<MessageRow>;
