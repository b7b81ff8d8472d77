import { newRowId } from '../../db/ids';
import type {
  ConversationList,
  ConversationListQuery,
  InboxMessage,
  ReactionBody,
  TemplateMapping,
  TemplateReplyBody,
  TemplateSlot,
  TextReplyBody,
  Thread,
} from '@kiana/contracts';
import type { Executor } from '../../db/executor';
import { AppError, NotFoundError, ValidationError } from '../../errors';
import type { EventBus } from '../../events/bus';
import type { MessageContent } from '../../whatsapp/graph.messages';
import type { AccountGraphApi } from '../../whatsapp/graph.client';
import type { FileStore } from '../../platform/files/files';
import type { AuditContext, AuditService } from '../audit/audit.service';
import type { Sender } from '../campaigns/sender/sender';
import { emptyMessage } from './conversations.service';
import { findMessageById, type MessageRow } from './conversations.repo';
import { isWindowOpen } from './conversations.window';
import * as repo from './inbox.repo';
import { decodeCursor, encodeCursor, toInboxMessage, toSummary } from './inbox.mapper';
import './inbox.events';
import {
  attachmentKey,
  checkAttachment,
  mediaContent,
  uploadingContent,
  type AttachedFile,
} from './inbox.media';

/** Who acts in the inbox: the audit context and, for a person, their user id. */
export interface InboxActor extends AuditContext {
  userId: string | null;
}

/** What the inbox needs of the templates module. */
export interface InboxTemplates {
  get(id: string): Promise<{ category: string; accountId: string }>;
  slots(id: string): Promise<TemplateSlot[]>;
  renderForSend(
    id: string,
    mapping: TemplateMapping,
    context: { attributes?: Record<string, string | number | null | undefined> },
  ): Promise<{ name: string; language: { code: string }; components: unknown[] }>;
}

export type InboxService = ReturnType<typeof createInboxService>;

/**
 * The shared inbox: the list, a thread, the team's actions (each audited in its transaction
 * and announced on the bus after the commit) and replies through the one Sender.
 */
export function createInboxService(deps: {
  db: Executor;
  now: () => number;
  bus: EventBus;
  audit: AuditService;
  sender: Pick<Sender, 'sendTracked'>;
  templates: InboxTemplates;
  /** Throws NotFound for an unknown user. */
  users: { get(id: string): Promise<unknown> };
  /** Where attachments are kept (the media store's `media/` keys). */
  files: FileStore;
}) {
  const { db, now, bus, audit } = deps;

  async function conversationOrThrow(ex: Executor, id: string) {
    const row = await repo.findListedConversation(ex, id);
    if (row === undefined) throw new NotFoundError('Conversation', id);
    return row;
  }

  /** The rows as the list shows them; `latest` is each one's newest message when known. */
  async function summaries(
    ex: Executor,
    rows: repo.ListedConversation[],
    latest?: Map<string, MessageRow>,
  ) {
    const ids = rows.map((r) => r.id);
    const [last, labels] = await Promise.all([
      latest ?? repo.latestMessages(ex, ids),
      repo.labelsOf(ex, ids),
    ]);
    const at = now();
    return rows.map((r) => toSummary(r, last.get(r.id), labels.get(r.id) ?? [], at));
  }

  async function messageDto(ex: Executor, row: MessageRow): Promise<InboxMessage> {
    const quoted =
      row.contextWamid === null
        ? []
        : await repo.messagesByWamids(ex, row.conversationId, [row.contextWamid]);
    return toInboxMessage(row, quoted[0], []);
  }

  /** A team change: the update and its audit record in one transaction, then the event. */
  async function teamChange(
    conversationId: string,
    change: string,
    by: InboxActor,
    apply: (tx: Executor) => Promise<Record<string, string | number | null> | null>,
  ): Promise<void> {
    const done = await db.transaction().execute(async (tx) => {
      await conversationOrThrow(tx, conversationId);
      const details = await apply(tx);
      if (details === null) return false;
      await audit.record(tx, {
        actor: by.actor,
        ip: by.ip,
        userAgent: by.userAgent,
        action: `conversation.${change}`,
        target: { type: 'conversation', id: conversationId },
        details,
      });
      return true;
    });
    if (done) bus.publish('conversations.changed', { conversationId, change });
  }

  /** Stores an inbox send as `pending` (idempotent on the client's id) and announces it. */
  async function storePending(
    conversationId: string,
    clientId: string,
    by: InboxActor,
    fields: Pick<MessageRow, 'type' | 'text' | 'payload' | 'contextWamid'> & Partial<MessageRow>,
  ): Promise<string> {
    const conversation = await conversationOrThrow(db, conversationId);
    const at = now();
    const id = fields.id ?? newRowId();
    await db.transaction().execute(async (tx) => {
      await repo.insertInboxMessage(tx, {
        ...emptyMessage(),
        ...fields,
        id,
        conversationId,
        contactId: conversation.contactId,
        accountId: conversation.accountId,
        phoneNumberId: conversation.phoneNumberId,
        wamid: null,
        direction: 'out',
        status: 'pending',
        authorUserId: by.userId,
        clientId,
        createdAt: at,
        updatedAt: at,
      });
      await repo.touchConversation(tx, conversationId, at);
    });
    bus.publish('conversations.message', { conversationId, messageId: id, status: 'pending' });
    return id;
  }

  /** Sends a stored or to-be-stored message through the Sender and returns it as stored. */
  async function send(
    conversationId: string,
    content: MessageContent | ((api: AccountGraphApi) => Promise<MessageContent>),
    marketing: boolean,
    store: () => Promise<string>,
  ): Promise<InboxMessage> {
    const c = await conversationOrThrow(db, conversationId);
    if (c.accountId === null || c.contactPhoneE164 === null)
      throw new AppError('no_number', 'This conversation has no number to send to', {
        status: 409,
      });
    const { messageId } = await deps.sender.sendTracked({
      accountId: c.accountId,
      phoneNumberId: c.phoneNumberId,
      phoneE164: c.contactPhoneE164,
      contactId: c.contactId,
      content,
      marketing,
      store,
    });
    const row = await findMessageById(db, messageId);
    if (row === undefined) throw new NotFoundError('Message', messageId);
    bus.publish('conversations.message', { conversationId, messageId, status: row.status });
    return messageDto(db, row);
  }

  /** Free-form sends (text, reactions, media) need the 24 h window: 409 `window_closed`. */
  function requireOpenWindow(c: repo.ListedConversation): void {
    if (!isWindowOpen(c, now()))
      throw new AppError(
        'window_closed',
        'The 24-hour window is closed: the customer has not written for 24 hours, so only a template may be sent',
        { status: 409, details: { windowExpiresAt: c.windowExpiresAt } },
      );
  }

  /** The message a repeated client id already created (a double click): returned as is. */
  async function existing(clientId: string, conversationId: string) {
    const found = await repo.findMessageByClientId(db, clientId);
    if (found === undefined) return undefined;
    if (found.conversationId !== conversationId)
      throw new AppError('client_id_reused', 'This client id belongs to another message', {
        status: 409,
      });
    return messageDto(db, found);
  }

  /** The wamid of the message a reply quotes, checked to be in this conversation. */
  async function quotedWamid(
    conversationId: string,
    messageId: string | undefined,
  ): Promise<string | null> {
    if (messageId === undefined) return null;
    const quoted = await findMessageById(db, messageId);
    if (quoted === undefined || quoted.conversationId !== conversationId || quoted.wamid === null)
      throw new ValidationError('The message replied to is not in this conversation');
    return quoted.wamid;
  }

  return {
    async list(query: ConversationListQuery, userId: string | null): Promise<ConversationList> {
      const rows = await repo.listConversations(db, {
        assigned: query.assigned,
        userId,
        state: query.state,
        label: query.label,
        phoneNumberId: query.phoneNumberId,
        q: query.q,
        after: decodeCursor(query.cursor),
        limit: query.limit + 1,
      });
      const page = rows.slice(0, query.limit);
      const last = page[page.length - 1];
      return {
        conversations: await summaries(db, page),
        nextCursor:
          rows.length > query.limit && last !== undefined
            ? encodeCursor(last.lastMessageAt, last.id)
            : null,
      };
    },

    async thread(id: string, query: { before?: string; limit: number }): Promise<Thread> {
      const conversation = await conversationOrThrow(db, id);
      const before = decodeCursor(query.before);
      const rows = await repo.threadPage(db, id, before, query.limit + 1);
      const page = rows.slice(0, query.limit).reverse();
      const wamids = page.map((m) => m.wamid).filter((w): w is string => w !== null);
      const contexts = page.map((m) => m.contextWamid).filter((w): w is string => w !== null);
      const [quoted, reactions] = await Promise.all([
        repo.messagesByWamids(db, id, contexts),
        repo.reactionsTo(db, id, wamids),
      ]);
      const byWamid = new Map(quoted.map((m) => [m.wamid ?? '', m]));
      // The last reaction of each side wins; an empty emoji removed it.
      const reacted = new Map<string, Map<'in' | 'out', string>>();
      for (const r of reactions) {
        const of = reacted.get(r.contextWamid ?? '') ?? new Map<'in' | 'out', string>();
        of.set(r.direction, r.text ?? '');
        reacted.set(r.contextWamid ?? '', of);
      }
      const oldest = page[0];
      // The first page starts with the newest message (reactions are not rows of either):
      // the summary's last message is that one, without another query.
      const newest = rows[0];
      const latest =
        before === undefined ? new Map(newest === undefined ? [] : [[id, newest]]) : undefined;
      const [summary] = await summaries(db, [conversation], latest);
      if (summary === undefined) throw new NotFoundError('Conversation', id);
      return {
        conversation: summary,
        messages: page.map((m) =>
          toInboxMessage(
            m,
            m.contextWamid === null ? undefined : byWamid.get(m.contextWamid),
            [...(reacted.get(m.wamid ?? '') ?? new Map<'in' | 'out', string>())]
              .filter(([, emoji]) => emoji !== '')
              .map(([direction, emoji]) => ({ direction, emoji })),
          ),
        ),
        olderCursor:
          rows.length > query.limit && oldest !== undefined
            ? encodeCursor(Number(oldest.createdAt), oldest.id)
            : null,
      };
    },

    /** The customer's messages are seen: the unread count goes to 0 (not audited). */
    async markRead(id: string): Promise<void> {
      const changed = await db.transaction().execute(async (tx) => {
        const c = await conversationOrThrow(tx, id);
        if (Number(c.unreadCount) === 0) return false;
        await repo.updateConversationTeam(tx, id, { unreadCount: 0 }, now());
        return true;
      });
      if (changed) bus.publish('conversations.changed', { conversationId: id, change: 'read' });
    },

    async assign(id: string, userId: string | null, by: InboxActor): Promise<void> {
      if (userId !== null) await deps.users.get(userId);
      await teamChange(id, userId === null ? 'unassign' : 'assign', by, async (tx) => {
        await repo.updateConversationTeam(tx, id, { assignedUserId: userId }, now());
        return { userId };
      });
    },

    async setState(id: string, state: 'open' | 'closed', by: InboxActor): Promise<void> {
      await teamChange(id, state === 'closed' ? 'close' : 'reopen', by, async (tx) => {
        await repo.updateConversationTeam(tx, id, { state, snoozedUntil: null }, now());
        return { state };
      });
    },

    async snooze(id: string, until: number, by: InboxActor): Promise<void> {
      if (until <= now()) throw new ValidationError('A snooze ends in the future');
      await teamChange(id, 'snooze', by, async (tx) => {
        await repo.updateConversationTeam(tx, id, { state: 'snoozed', snoozedUntil: until }, now());
        return { until };
      });
    },

    async addLabel(id: string, label: string, by: InboxActor): Promise<void> {
      await teamChange(id, 'label_add', by, async (tx) =>
        (await repo.insertLabel(tx, id, label, now())) ? { label } : null,
      );
    },

    async removeLabel(id: string, label: string, by: InboxActor): Promise<void> {
      await teamChange(id, 'label_remove', by, async (tx) =>
        (await repo.deleteLabel(tx, id, label)) ? { label } : null,
      );
    },

    /** An internal note: a message of kind `note`, for the team only, never sent. */
    async addNote(id: string, text: string, by: InboxActor): Promise<InboxMessage> {
      const c = await conversationOrThrow(db, id);
      const at = now();
      const row: MessageRow = {
        ...emptyMessage(),
        id: newRowId(),
        conversationId: id,
        contactId: c.contactId,
        accountId: c.accountId,
        phoneNumberId: c.phoneNumberId,
        wamid: null,
        direction: 'out',
        type: 'note',
        text,
        payload: '{}',
        // A note has no delivery: it is stored, like a received message.
        status: 'received',
        kind: 'note',
        authorUserId: by.userId,
        createdAt: at,
        updatedAt: at,
      };
      await db.transaction().execute(async (tx) => {
        await repo.insertInboxMessage(tx, row);
        await repo.touchConversation(tx, id, at);
      });
      bus.publish('conversations.message', {
        conversationId: id,
        messageId: row.id,
        status: 'note',
      });
      return toInboxMessage(row, undefined, []);
    },

    /** Free text while the 24 h window is open; 409 `window_closed` outside it. */
    async replyText(id: string, body: TextReplyBody, by: InboxActor): Promise<InboxMessage> {
      const again = await existing(body.clientId, id);
      if (again !== undefined) return again;
      const c = await conversationOrThrow(db, id);
      if (!isWindowOpen(c, now()))
        throw new AppError(
          'window_closed',
          'The 24-hour window is closed: the customer has not written for 24 hours, so only a template may be sent',
          { status: 409, details: { windowExpiresAt: c.windowExpiresAt } },
        );
      const contextWamid = await quotedWamid(id, body.replyToMessageId);
      const content = {
        type: 'text',
        text: { body: body.text, preview_url: false },
        ...(contextWamid === null ? {} : { context: { message_id: contextWamid } }),
      } as MessageContent;
      return send(id, content, false, () =>
        storePending(id, body.clientId, by, {
          type: 'text',
          text: body.text,
          payload: JSON.stringify(content),
          contextWamid,
        }),
      );
    },

    /**
     * An attachment (image, video, audio, document, sticker) with an optional caption while
     * the window is open: checked against Meta's limits, kept in our media store, uploaded
     * to Meta when sent (again on a retry) and sent through the Sender like a text reply.
     */
    async replyMedia(
      id: string,
      body: { clientId: string; caption?: string; replyToMessageId?: string },
      file: AttachedFile,
      by: InboxActor,
    ): Promise<InboxMessage> {
      const again = await existing(body.clientId, id);
      if (again !== undefined) return again;
      const kind = checkAttachment(file, body.caption);
      const c = await conversationOrThrow(db, id);
      requireOpenWindow(c);
      const contextWamid = await quotedWamid(id, body.replyToMessageId);
      const stored = mediaContent(kind, file, body.caption, contextWamid);
      const messageId = newRowId();
      const upload = uploadingContent({
        db,
        files: deps.files,
        now,
        messageId,
        phoneNumberId: c.phoneNumberId,
        stored,
        mimeType: file.mimeType,
        filename: file.filename,
      });
      return send(id, upload, false, async () => {
        // The file first: a stored message always has its file.
        await deps.files.put(attachmentKey(messageId), file.data, {
          contentType: file.mimeType,
        });
        return storePending(id, body.clientId, by, {
          id: messageId,
          type: kind,
          text: body.caption?.trim() === '' ? null : (body.caption ?? null),
          payload: JSON.stringify(stored),
          contextWamid,
          // `downloaded`: the file is in our store, served by the media route like inbound media.
          mediaStatus: 'downloaded',
          mediaPath: messageId,
          mediaMime: file.mimeType,
          mediaSize: file.data.length,
          mediaFilename: file.filename,
        });
      });
    },

    /** The agent's reaction to a message of the thread (an empty emoji removes it). */
    async react(
      id: string,
      messageId: string,
      body: ReactionBody,
      by: InboxActor,
    ): Promise<InboxMessage> {
      const again = await existing(body.clientId, id);
      if (again !== undefined) return again;
      const c = await conversationOrThrow(db, id);
      const target = await findMessageById(db, messageId);
      if (
        target === undefined ||
        target.conversationId !== id ||
        target.kind !== 'message' ||
        target.type === 'reaction'
      )
        throw new NotFoundError('Message', messageId);
      // Meta reacts to a message by its wamid: a message never accepted has none.
      if (target.wamid === null)
        throw new ValidationError('This message was never sent, so it cannot be reacted to');
      requireOpenWindow(c);
      const content = {
        type: 'reaction',
        reaction: { message_id: target.wamid, emoji: body.emoji },
      } as MessageContent;
      return send(id, content, false, () =>
        storePending(id, body.clientId, by, {
          type: 'reaction',
          text: body.emoji,
          payload: JSON.stringify(content),
          contextWamid: target.wamid,
        }),
      );
    },

    /** An approved template, at any time, rendered by the templates module's renderer. */
    async replyTemplate(
      id: string,
      body: TemplateReplyBody,
      by: InboxActor,
    ): Promise<InboxMessage> {
      const again = await existing(body.clientId, id);
      if (again !== undefined) return again;
      const c = await conversationOrThrow(db, id);
      const template = await deps.templates.get(body.templateId);
      if (c.accountId !== null && template.accountId !== c.accountId)
        throw new ValidationError('The template belongs to another WhatsApp account');
      const attributes = parseAttributes(c.contactAttributes);
      const mapping =
        body.parameters === undefined
          ? body.mapping
          : {
              ...body.mapping,
              ...typedParameters(await deps.templates.slots(body.templateId), body.parameters),
            };
      const rendered = await deps.templates.renderForSend(body.templateId, mapping, {
        attributes,
      });
      const content = { type: 'template', template: rendered } as MessageContent;
      return send(id, content, template.category.toUpperCase() === 'MARKETING', () =>
        storePending(id, body.clientId, by, {
          type: 'template',
          text: rendered.name,
          payload: JSON.stringify(content),
          contextWamid: null,
        }),
      );
    },

    /** Sends a failed inbox message again, as the same message (a new wamid). */
    async retry(id: string, messageId: string): Promise<InboxMessage> {
      const row = await findMessageById(db, messageId);
      if (row === undefined || row.conversationId !== id || row.kind !== 'message')
        throw new NotFoundError('Message', messageId);
      if (row.status !== 'failed' || row.clientId === null)
        throw new AppError('not_retryable', 'Only a failed reply sent from the inbox is retried', {
          status: 409,
        });
      const parsed = JSON.parse(row.payload) as MessageContent;
      // An attachment is uploaded again from our store: Meta's media ids expire.
      const content =
        row.mediaPath !== null && row.mediaMime !== null
          ? uploadingContent({
              db,
              files: deps.files,
              now,
              messageId,
              phoneNumberId: row.phoneNumberId,
              stored: parsed,
              mimeType: row.mediaMime,
              filename: row.mediaFilename ?? row.mediaPath,
            })
          : parsed;
      if (parsed.type !== 'template') {
        const c = await conversationOrThrow(db, id);
        if (!isWindowOpen(c, now()))
          throw new AppError('window_closed', 'The 24-hour window is closed: send a template', {
            status: 409,
            details: { windowExpiresAt: c.windowExpiresAt },
          });
      }
      // A template's category is not in the payload: a retried template is checked as
      // marketing (an opted-out customer is not sent it again).
      return send(id, content, parsed.type === 'template', async () => {
        if (!(await repo.resetForRetry(db, messageId, now())))
          throw new AppError('not_retryable', 'The message is no longer failed', { status: 409 });
        bus.publish('conversations.message', { conversationId: id, messageId, status: 'pending' });
        return messageId;
      });
    },

    /** Reopens snoozed conversations whose time has come (the timed job). */
    async wakeSnoozed(): Promise<number> {
      const ids = await db.transaction().execute((tx) => repo.wakeSnoozed(tx, now()));
      for (const conversationId of ids)
        bus.publish('conversations.changed', { conversationId, change: 'wake' });
      return ids.length;
    },
  };
}

/**
 * The agent's typed values as fixed-text mappings, checked against the template's text
 * slots: one value per header and body parameter (Meta's 132000 otherwise), none empty
 * (131008), no parameter the template does not have.
 */
function typedParameters(
  slots: TemplateSlot[],
  parameters: Record<string, string>,
): TemplateMapping {
  const wanted = slots
    .filter((s) => s.kind === 'text' && (s.key.startsWith('body.') || s.key.startsWith('header.')))
    .map((s) => s.key);
  const problems: { slot: string; code: 'missing' | 'empty' | 'unknown' }[] = [];
  for (const key of wanted) {
    const value = parameters[key];
    if (value === undefined) problems.push({ slot: key, code: 'missing' });
    else if (value.trim() === '') problems.push({ slot: key, code: 'empty' });
  }
  for (const key of Object.keys(parameters))
    if (!wanted.includes(key)) problems.push({ slot: key, code: 'unknown' });
  if (problems.length > 0)
    throw new ValidationError(
      `The template takes ${wanted.length} parameter(s), each filled: ${problems
        .map((p) => `${p.slot} is ${p.code}`)
        .join(', ')}`,
      problems,
    );
  const mapping: TemplateMapping = {};
  for (const key of wanted)
    mapping[key] = { type: 'text', value: { from: 'fixed', value: parameters[key] ?? '' } };
  return mapping;
}

function parseAttributes(json: string): Record<string, string | number | null> {
  try {
    const v: unknown = JSON.parse(json);
    return typeof v === 'object' && v !== null ? (v as Record<string, string | number | null>) : {};
  } catch {
    return {};
  }
}
