import { randomUUID } from 'node:crypto';
import type { Executor } from '../../db/executor';
import type { TestApp } from '../../../test/test-app';
import { emptyMessage } from '../conversations/conversations.service';

/** Test helpers of the automations: new conversations written in, and who holds them. */

/** A new contact writes in at `at`: a contact, its conversation and one inbound message. */
export async function newInboundConversation(
  db: Executor,
  i: number,
  at: number,
): Promise<{ conversationId: string; messageId: string }> {
  const contactId = randomUUID();
  const conversationId = randomUUID();
  const messageId = randomUUID();
  const phone = `1555${String(i).padStart(7, '0')}`;
  await db
    .insertInto('contacts')
    .values({
      id: contactId,
      waId: phone,
      userId: null,
      parentUserId: null,
      username: null,
      phoneE164: `+${phone}`,
      name: null,
      profileName: `Customer ${i}`,
      isOptedOut: 0,
      optedOutAt: null,
      optOutSource: null,
      optedInAt: null,
      optInSource: null,
      consentMessageId: null,
      lastInboundAt: at,
      createdAt: at,
      updatedAt: at,
    })
    .execute();
  await db
    .insertInto('conversations')
    .values({
      id: conversationId,
      phoneNumberId: '106540352242922',
      accountId: null,
      contactId,
      lastMessageAt: at,
      lastInboundAt: at,
      windowExpiresAt: at + 86_400_000,
      unreadCount: 1,
      createdAt: at,
      updatedAt: at,
    })
    .execute();
  await db
    .insertInto('messages')
    .values({
      ...emptyMessage(),
      id: messageId,
      conversationId,
      contactId,
      accountId: null,
      phoneNumberId: '106540352242922',
      wamid: `wamid.${messageId}`,
      direction: 'in',
      type: 'text',
      text: `Hello ${i}`,
      payload: '{}',
      status: 'received',
      createdAt: at,
      updatedAt: at,
    })
    .execute();
  return { conversationId, messageId };
}

/** The `commit` an inbound job passes to the automations: one transaction on the test app. */
export function commitOn(app: () => TestApp) {
  return <T>(fn: (tx: never) => Promise<T>) =>
    app()
      .ctx.db.kysely.transaction()
      .execute((tx) => fn(tx as never));
}

/** Open conversations per assignee (`none`: unassigned). */
export async function openAssignees(db: Executor): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('conversations')
    .select(['assignedUserId'])
    .where('state', '=', 'open')
    .execute();
  const out = new Map<string, number>();
  for (const r of rows)
    out.set(r.assignedUserId ?? 'none', (out.get(r.assignedUserId ?? 'none') ?? 0) + 1);
  return out;
}
