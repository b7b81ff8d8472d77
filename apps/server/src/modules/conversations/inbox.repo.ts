import { sql } from 'kysely';
import type { Executor } from '../../db/executor';
import { noSendOutcome, type ConversationRow, type MessageRow } from './conversations.repo';
import { searchedConversationIds } from './inbox.search.repo';

/**
 * The inbox's queries: the conversation list (with the contact's names for search), a
 * thread's page of messages, and the team's writes on a conversation. The contacts table is
 * read here because the list searches and sorts with it in one query; this module builds
 * the contacts service and owns the contact ↔ conversation link.
 */

/** A conversation row with the contact's display fields. */
export type ListedConversation = ConversationRow & {
  contactName: string | null;
  contactProfileName: string | null;
  contactPhoneE164: string | null;
  contactUsername: string | null;
  /** The contact's custom attributes, JSON (template parameters). */
  contactAttributes: string;
};

export interface ConversationFilter {
  assigned: 'mine' | 'unassigned' | 'all';
  /** The caller (for `mine`). */
  userId: string | null;
  state?: string;
  label?: string;
  phoneNumberId?: string;
  q?: string;
  /** Rows strictly after this position in (lastMessageAt desc, id desc). */
  after?: { at: number; id: string };
  limit: number;
}

function listBase(ex: Executor) {
  return ex
    .selectFrom('conversations')
    .innerJoin('contacts', 'contacts.id', 'conversations.contactId')
    .selectAll('conversations')
    .select([
      'contacts.name as contactName',
      'contacts.profileName as contactProfileName',
      'contacts.phoneE164 as contactPhoneE164',
      'contacts.username as contactUsername',
      'contacts.attributes as contactAttributes',
    ]);
}

/** A page of conversations, newest activity first. */
export async function listConversations(
  ex: Executor,
  f: ConversationFilter,
): Promise<ListedConversation[]> {
  let q = listBase(ex);
  if (f.assigned === 'mine') q = q.where('conversations.assignedUserId', '=', f.userId ?? '');
  if (f.assigned === 'unassigned') q = q.where('conversations.assignedUserId', 'is', null);
  if (f.state !== undefined) q = q.where('conversations.state', '=', f.state);
  if (f.phoneNumberId !== undefined)
    q = q.where('conversations.phoneNumberId', '=', f.phoneNumberId);
  if (f.label !== undefined) {
    const label = f.label;
    q = q.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('conversationLabels')
          .select('conversationLabels.label')
          .whereRef('conversationLabels.conversationId', '=', 'conversations.id')
          .where('conversationLabels.label', '=', label),
      ),
    );
  }
  if (f.q !== undefined)
    q = q.where(
      sql<boolean>`${sql.ref('conversations.id')} in (${searchedConversationIds(ex, f.q)})`,
    );
  if (f.after !== undefined) {
    const { at, id } = f.after;
    q = q.where((eb) =>
      eb.or([
        eb('conversations.lastMessageAt', '<', at),
        eb.and([eb('conversations.lastMessageAt', '=', at), eb('conversations.id', '<', id)]),
      ]),
    );
  }
  const rows = await q
    .orderBy('conversations.lastMessageAt', 'desc')
    .orderBy('conversations.id', 'desc')
    .limit(f.limit)
    .execute();
  return rows.map(numeric);
}

/** One conversation with its contact's display fields. */
export async function findListedConversation(
  ex: Executor,
  id: string,
): Promise<ListedConversation | undefined> {
  const row = await listBase(ex).where('conversations.id', '=', id).executeTakeFirst();
  return row === undefined ? undefined : numeric(row);
}

// PostgreSQL returns bigint columns as strings.
function numeric(row: ListedConversation): ListedConversation {
  const n = (v: number | null) => (v === null ? null : Number(v));
  return {
    ...row,
    lastMessageAt: Number(row.lastMessageAt),
    lastInboundAt: n(row.lastInboundAt),
    windowExpiresAt: n(row.windowExpiresAt),
    snoozedUntil: n(row.snoozedUntil),
    createdAt: Number(row.createdAt),
    updatedAt: Number(row.updatedAt),
  };
}

/** The newest message (or note) of each conversation, by conversation id. */
export async function latestMessages(
  ex: Executor,
  conversationIds: readonly string[],
): Promise<Map<string, MessageRow>> {
  const out = new Map<string, MessageRow>();
  if (conversationIds.length === 0) return out;
  const ids = await ex
    .selectFrom('conversations')
    .select((eb) => [
      'conversations.id',
      eb
        .selectFrom('messages')
        .select('messages.id')
        .whereRef('messages.conversationId', '=', 'conversations.id')
        .where('messages.type', '!=', 'reaction')
        .orderBy('messages.createdAt', 'desc')
        .orderBy('messages.id', 'desc')
        .limit(1)
        .as('messageId'),
    ])
    .where('conversations.id', 'in', conversationIds)
    .execute();
  const messageIds = ids.map((r) => r.messageId).filter((v): v is string => v !== null);
  if (messageIds.length === 0) return out;
  const rows = await ex.selectFrom('messages').selectAll().where('id', 'in', messageIds).execute();
  for (const row of rows) out.set(row.conversationId, row);
  return out;
}

/** The labels of each conversation, sorted. */
export async function labelsOf(
  ex: Executor,
  conversationIds: readonly string[],
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (conversationIds.length === 0) return out;
  const rows = await ex
    .selectFrom('conversationLabels')
    .select(['conversationId', 'label'])
    .where('conversationId', 'in', conversationIds)
    .orderBy('label')
    .execute();
  for (const r of rows) out.set(r.conversationId, [...(out.get(r.conversationId) ?? []), r.label]);
  return out;
}

/**
 * A page of a thread, newest first from the database (the service reverses it): reactions
 * are folded onto their message, so they are not rows of the page.
 */
export async function threadPage(
  ex: Executor,
  conversationId: string,
  before: { at: number; id: string } | undefined,
  limit: number,
): Promise<MessageRow[]> {
  let q = ex
    .selectFrom('messages')
    .selectAll()
    .where('conversationId', '=', conversationId)
    .where('type', '!=', 'reaction');
  if (before !== undefined) {
    const { at, id } = before;
    q = q.where((eb) =>
      eb.or([eb('createdAt', '<', at), eb.and([eb('createdAt', '=', at), eb('id', '<', id)])]),
    );
  }
  return await q.orderBy('createdAt', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

/** Messages of a conversation with these wamids (quoted messages). */
export async function messagesByWamids(
  ex: Executor,
  conversationId: string,
  wamids: readonly string[],
): Promise<MessageRow[]> {
  if (wamids.length === 0) return [];
  return await ex
    .selectFrom('messages')
    .selectAll()
    .where('conversationId', '=', conversationId)
    .where('wamid', 'in', wamids)
    .execute();
}

/** Reaction messages aimed at these wamids, oldest first (the last of each side wins). */
export async function reactionsTo(
  ex: Executor,
  conversationId: string,
  wamids: readonly string[],
): Promise<Pick<MessageRow, 'contextWamid' | 'direction' | 'text'>[]> {
  if (wamids.length === 0) return [];
  return await ex
    .selectFrom('messages')
    .select(['contextWamid', 'direction', 'text'])
    .where('conversationId', '=', conversationId)
    .where('type', '=', 'reaction')
    .where('contextWamid', 'in', wamids)
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
}

/** Sets team fields of a conversation; returns whether it exists. */
export async function updateConversationTeam(
  ex: Executor,
  id: string,
  set: Partial<Pick<ConversationRow, 'state' | 'assignedUserId' | 'snoozedUntil' | 'unreadCount'>>,
  now: number,
): Promise<boolean> {
  const r = await ex
    .updateTable('conversations')
    .set({ ...set, updatedAt: now })
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Adds a label; false when it was there already. */
export async function insertLabel(
  ex: Executor,
  conversationId: string,
  label: string,
  now: number,
): Promise<boolean> {
  const r = await ex
    .insertInto('conversationLabels')
    .values({ conversationId, label, createdAt: now })
    .onConflict((oc) => oc.columns(['conversationId', 'label']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Removes a label; false when it was not there. */
export async function deleteLabel(
  ex: Executor,
  conversationId: string,
  label: string,
): Promise<boolean> {
  const r = await ex
    .deleteFrom('conversationLabels')
    .where('conversationId', '=', conversationId)
    .where('label', '=', label)
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** Snoozed conversations whose time has come: reopened, their ids returned. */
export async function wakeSnoozed(ex: Executor, now: number): Promise<string[]> {
  const due = await ex
    .selectFrom('conversations')
    .select('id')
    .where('state', '=', 'snoozed')
    .where('snoozedUntil', '<=', now)
    .limit(500)
    .execute();
  if (due.length === 0) return [];
  const ids = due.map((r) => r.id);
  await ex
    .updateTable('conversations')
    .set({ state: 'open', snoozedUntil: null, updatedAt: now })
    .where('id', 'in', ids)
    .where('state', '=', 'snoozed')
    .execute();
  return ids;
}

/** A message by the sending client's id (an inbox send repeated). */
export async function findMessageByClientId(
  ex: Executor,
  clientId: string,
): Promise<MessageRow | undefined> {
  return await ex
    .selectFrom('messages')
    .selectAll()
    .where('clientId', '=', clientId)
    .executeTakeFirst();
}

/** Inserts an inbox message (a note, or a reply before Meta answers). */
export async function insertInboxMessage(ex: Executor, row: MessageRow): Promise<void> {
  await ex.insertInto('messages').values(row).execute();
}

/** Moves a conversation's activity time forward (a note or reply was added). */
export async function touchConversation(ex: Executor, id: string, at: number): Promise<void> {
  await ex
    .updateTable('conversations')
    .set((eb) => ({
      lastMessageAt: sql<number>`case when ${eb.ref('lastMessageAt')} < ${at} then ${at} else ${eb.ref('lastMessageAt')} end`,
      updatedAt: at,
    }))
    .where('id', '=', id)
    .execute();
}

/** Sets the wamid Meta gave an inbox send. */
export async function setMessageWamid(ex: Executor, id: string, wamid: string): Promise<void> {
  await ex.updateTable('messages').set({ wamid }).where('id', '=', id).execute();
}

/** Puts a failed inbox send back to `pending` for another attempt (a new wamid will come). */
export async function resetForRetry(ex: Executor, id: string, now: number): Promise<boolean> {
  const r = await ex
    .updateTable('messages')
    .set({
      status: 'pending',
      wamid: null,
      ...noSendOutcome,
      updatedAt: now,
    })
    .where('id', '=', id)
    .where('status', '=', 'failed')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Keeps the reason of a send that failed before Meta answered (no Meta code). */
export async function setMessageErrorTitle(ex: Executor, id: string, title: string): Promise<void> {
  await ex
    .updateTable('messages')
    .set({ errorTitle: title.slice(0, 500) })
    .where('id', '=', id)
    .execute();
}

/** Keeps the media id Meta gave an attachment's upload, and the content sent with it. */
export async function setUploadedMedia(
  ex: Executor,
  id: string,
  mediaId: string,
  payload: string,
  now: number,
): Promise<void> {
  await ex
    .updateTable('messages')
    .set({ mediaId, payload, updatedAt: now })
    .where('id', '=', id)
    .execute();
}

/** The wamid of the customer's newest message in a conversation (what a read receipt names). */
export async function lastInboundWamid(
  ex: Executor,
  conversationId: string,
): Promise<string | undefined> {
  const row = await ex
    .selectFrom('messages')
    .select('wamid')
    .where('conversationId', '=', conversationId)
    .where('direction', '=', 'in')
    .where('wamid', 'is not', null)
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.wamid ?? undefined;
}
