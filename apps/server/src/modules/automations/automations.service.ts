import { randomUUID } from 'node:crypto';
import type { AgentAvailability, AutomationName, AutomationSettings } from '@kiana/contracts';
import type { Executor } from '../../db/executor';
import { AppError, ForbiddenError, ValidationError } from '../../errors';
import type { EventBus } from '../../events/bus';
import type { Logger } from '../../logger';
import type { SettingsStore } from '../../platform/settings/settings';
import type { MessageContent } from '../../whatsapp/graph.messages';
import { GraphApiError } from '../../whatsapp/graph.errors';
import { systemActor, type AuditContext, type AuditService } from '../audit/audit.service';
import type { Sender } from '../campaigns/sender/sender';
import { emptyMessage } from '../conversations/conversations.service';
import type { MessageRow } from '../conversations/conversations.repo';
import * as repo from './automations.repo';
import { isWithinHours, matchKeyword } from './automations.rules';
import { automationSettings } from './automations.settings';
import '../conversations/inbox.events';
import './automations.events';

const WINDOW_MS = 24 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const CLOSE_BATCH = 200;
const actor = systemActor('automations');

/** A team member as the automations see them (auth's users service provides the list). */
export interface AutomationUsers {
  list(): Promise<{ id: string; displayName: string; role: string; isActive: boolean }[]>;
  /** The ids of users signed in right now (a live session). */
  signedIn(): Promise<ReadonlySet<string>>;
}

/** The reply chosen for an inbound message, before the anti-loop check. */
interface ChosenReply {
  name: AutomationName;
  text: string;
  detail: Record<string, string>;
}

export type AutomationsService = ReturnType<typeof createAutomationsService>;

/**
 * Inbox automations. Each inbound message is handled by a durable job enqueued in the
 * webhook's transaction (`automations.inbound`): its decisions and the thread's notes commit
 * with the job's completion, and only then does a reply go out through the one Sender. A
 * reply is at most once (a crash after the commit loses it rather than sending it twice).
 */
export function createAutomationsService(deps: {
  db: Executor;
  now: () => number;
  bus: EventBus;
  settings: SettingsStore;
  audit: AuditService;
  sender: () => Pick<Sender, 'sendTracked'>;
  users: AutomationUsers;
  logger: Logger;
}) {
  const { db, now, bus, audit } = deps;
  const get = async () => (await deps.settings.get(db, automationSettings)).value;

  function noteRow(
    target: {
      conversationId: string;
      contactId: string;
      accountId: string | null;
      phoneNumberId: string;
    },
    name: AutomationName,
    detail: Record<string, string>,
    at: number,
  ): MessageRow {
    return {
      ...emptyMessage(),
      id: randomUUID(),
      conversationId: target.conversationId,
      contactId: target.contactId,
      accountId: target.accountId,
      phoneNumberId: target.phoneNumberId,
      wamid: null,
      direction: 'out',
      // A system note: the screen names the automation from `text` in the reader's language.
      type: 'automation',
      text: name,
      payload: JSON.stringify({ automation: name, ...detail }),
      status: 'received',
      kind: 'note',
      createdAt: at,
      updatedAt: at,
    };
  }

  async function addNote(tx: Executor, row: MessageRow): Promise<void> {
    await repo.insertMessage(tx, row);
    await repo.touchConversation(tx, row.conversationId, row.createdAt);
  }

  /** Marks a team member online (available) or away; audited and announced to the team. */
  async function setAvailability(
    userId: string,
    isAvailable: boolean,
    who: AuditContext,
  ): Promise<void> {
    const user = (await deps.users.list()).find((u) => u.id === userId);
    if (user === undefined || !user.isActive || user.role === 'viewer')
      throw new ValidationError(
        'Only an active team member who can reply is assigned conversations',
      );
    await db.transaction().execute(async (tx) => {
      await repo.setAvailability(tx, userId, isAvailable, now());
      await audit.record(tx, {
        ...who,
        action: 'automations.availability',
        target: { type: 'user', id: userId },
        details: { isAvailable },
      });
    });
    bus.publish('agents.availability', { userId, isAvailable });
  }

  /** Active users with a live session right now. */
  async function signedInAgents(): Promise<Set<string>> {
    const [users, signedIn] = await Promise.all([deps.users.list(), deps.users.signedIn()]);
    return new Set(users.filter((u) => u.isActive && signedIn.has(u.id)).map((u) => u.id));
  }

  /** Picks the online agent under the cap who waited longest; assigns and notes it. */
  async function autoAssign(
    tx: Executor,
    m: repo.InboundContext,
    cap: number,
    active: ReadonlySet<string>,
    at: number,
  ): Promise<MessageRow | null> {
    // One rotation for the whole team: two processes must not both give the same turn.
    await repo.lockAutomation(tx, 'rotation');
    const candidates = (await repo.availableAgents(tx)).filter((a) => active.has(a.userId));
    const open = await repo.openCounts(
      tx,
      candidates.map((c) => c.userId),
    );
    const next = candidates
      .filter((c) => (open.get(c.userId) ?? 0) < cap)
      .sort((a, b) => a.lastTurn - b.lastTurn || a.userId.localeCompare(b.userId))[0];
    if (next === undefined) return null;
    if (!(await repo.assignIfUnassigned(tx, m.conversationId, next.userId, at))) return null;
    await repo.setTurn(tx, next.userId, await repo.nextTurn(tx));
    await audit.record(tx, {
      actor,
      ip: null,
      userAgent: null,
      action: 'conversation.assign',
      target: { type: 'conversation', id: m.conversationId },
      details: { userId: next.userId, automation: 'auto_assign' },
    });
    const note = noteRow(m, 'auto_assign', { userId: next.userId }, at);
    await addNote(tx, note);
    return note;
  }

  /** Keyword first, then the welcome of a first-time contact, then the away reply. */
  async function chooseReply(
    tx: Executor,
    m: repo.InboundContext,
    s: AutomationSettings,
  ): Promise<ChosenReply | null> {
    if (s.keywords.isEnabled) {
      const rule = matchKeyword(s.keywords.rules, m.text, m.contactLanguage);
      if (rule !== undefined)
        return { name: 'keyword_reply', text: rule.reply, detail: { keyword: rule.keyword } };
    }
    if (
      s.welcome.isEnabled &&
      s.welcome.message.trim() !== '' &&
      !(await repo.hasEarlierMessage(tx, 'contactId', m.contactId, m)) &&
      !(await repo.wasWelcomed(tx, m.contactId))
    )
      return { name: 'welcome_reply', text: s.welcome.message, detail: {} };
    if (s.businessHours.isEnabled) {
      const hours = s.businessHours.numbers.find((n) => n.phoneNumberId === m.phoneNumberId);
      // Judged at the customer's message time: a late job does not turn "closed" into "open".
      if (hours !== undefined && !isWithinHours(hours, m.createdAt))
        return { name: 'away_reply', text: hours.awayMessage, detail: {} };
    }
    return null;
  }

  /** Sends a reply through the Sender; the message is stored as `pending` first. */
  async function sendReply(m: repo.InboundContext, text: string, noteId: string): Promise<void> {
    if (m.accountId === null || m.contactPhoneE164 === null) return;
    const content = { type: 'text', text: { body: text, preview_url: false } } as MessageContent;
    const store = async (): Promise<string> => {
      const at = now();
      const id = randomUUID();
      await db.transaction().execute(async (tx) => {
        await repo.insertMessage(tx, {
          ...emptyMessage(),
          id,
          conversationId: m.conversationId,
          contactId: m.contactId,
          accountId: m.accountId,
          phoneNumberId: m.phoneNumberId,
          wamid: null,
          direction: 'out',
          type: 'text',
          text,
          payload: JSON.stringify(content),
          status: 'pending',
          // The note's id: a reply belongs to exactly one firing.
          clientId: `automation:${noteId}`,
          createdAt: at,
          updatedAt: at,
        });
        await repo.touchConversation(tx, m.conversationId, at);
      });
      bus.publish('conversations.message', {
        conversationId: m.conversationId,
        messageId: id,
        status: 'pending',
      });
      return id;
    };
    try {
      const { messageId } = await deps.sender().sendTracked({
        accountId: m.accountId,
        phoneNumberId: m.phoneNumberId,
        phoneE164: m.contactPhoneE164,
        contactId: m.contactId,
        content,
        // A service reply inside the window the customer just opened; opted-out contacts
        // get none at all (see `handleInbound`), so no automation ever markets to them.
        marketing: false,
        store,
      });
      bus.publish('conversations.message', {
        conversationId: m.conversationId,
        messageId,
        status: 'sent',
      });
    } catch (error) {
      // A suppressed number or a refusal: the failure is on the stored message (if any);
      // never retried, since a second automatic reply is worse than none.
      if (error instanceof AppError || error instanceof GraphApiError) {
        deps.logger.warn(
          { err: error, conversationId: m.conversationId },
          'automatic reply not sent',
        );
        return;
      }
      throw error;
    }
  }

  return {
    getSettings: get,

    /** Saves every automation's settings; audited in the same transaction. */
    async saveSettings(value: AutomationSettings, who: AuditContext): Promise<AutomationSettings> {
      await deps.settings.update(automationSettings, value, (tx) =>
        audit.record(tx, {
          ...who,
          action: 'automations.update',
          details: {
            businessHours: value.businessHours.isEnabled,
            welcome: value.welcome.isEnabled,
            keywords: value.keywords.isEnabled,
            autoAssign: value.autoAssign.isEnabled,
            autoClose: value.autoClose.isEnabled,
            replyCooldownMinutes: value.replyCooldownMinutes,
          },
        }),
      );
      return get();
    },

    /**
     * Team members who may answer: their online / away setting, whether they are online now
     * (that setting and a live session), and their open conversations.
     */
    async agents(): Promise<AgentAvailability[]> {
      const users = (await deps.users.list()).filter((u) => u.isActive && u.role !== 'viewer');
      const [availability, open, signedIn] = await Promise.all([
        repo.availabilityOf(db),
        repo.openCounts(
          db,
          users.map((u) => u.id),
        ),
        deps.users.signedIn(),
      ]);
      return users.map((u) => {
        const isAvailable = availability.get(u.id) ?? false;
        return {
          userId: u.id,
          displayName: u.displayName,
          isAvailable,
          isOnline: isAvailable && signedIn.has(u.id),
          openConversations: open.get(u.id) ?? 0,
        };
      });
    },

    setAvailability,

    /** A signed-in person sets themself online or away (an API key has no one to set). */
    async setOwnAvailability(
      userId: string | null,
      isAvailable: boolean,
      who: AuditContext,
    ): Promise<void> {
      if (userId === null)
        throw new ForbiddenError('Only a signed-in team member sets their own availability');
      await setAvailability(userId, isAvailable, who);
    },

    /**
     * The job of one inbound message: assignment and the reply decision commit with the
     * job (`commit`), then the reply is sent. At most one automatic reply per conversation
     * per period, so a bot answering every message cannot start a loop.
     */
    async handleInbound(
      messageId: string,
      commit: <T>(fn: (tx: Executor) => Promise<T>) => Promise<T>,
    ): Promise<void> {
      const s = await get();
      const at = now();
      // Read before the transaction: on SQLite a query outside an open transaction waits for it.
      // Online means the agent's own setting (checked in the rotation's query) and being
      // signed in: an agent whose sessions ended is given nothing, whatever they set.
      const active = s.autoAssign.isEnabled ? await signedInAgents() : new Set<string>();
      const decided = await commit(async (tx) => {
        const m = await repo.findInbound(tx, messageId);
        if (m === undefined || m.direction !== 'in' || m.kind !== 'message') return null;
        await repo.lockAutomation(tx, `conversation:${m.conversationId}`);
        const notes: MessageRow[] = [];
        if (
          s.autoAssign.isEnabled &&
          m.assignedUserId === null &&
          m.state === 'open' &&
          !(await repo.hasEarlierMessage(tx, 'conversationId', m.conversationId, m))
        ) {
          const note = await autoAssign(tx, m, s.autoAssign.maxOpenPerAgent, active, at);
          if (note !== null) notes.push(note);
        }
        let reply: { text: string; noteId: string } | null = null;
        const chosen =
          m.isOptedOut || at - m.createdAt >= WINDOW_MS ? null : await chooseReply(tx, m, s);
        const last = chosen === null ? null : await repo.lastAutoReplyAt(tx, m.conversationId);
        if (chosen !== null && (last === null || at - last >= s.replyCooldownMinutes * 60_000)) {
          const note = noteRow(m, chosen.name, chosen.detail, at);
          await addNote(tx, note);
          notes.push(note);
          reply = { text: chosen.text, noteId: note.id };
        }
        return { m, notes, reply };
      });
      if (decided === null) return;
      const { m, notes, reply } = decided;
      for (const note of notes)
        bus.publish('conversations.message', {
          conversationId: m.conversationId,
          messageId: note.id,
          status: 'note',
        });
      if (notes.some((n) => n.text === 'auto_assign'))
        bus.publish('conversations.changed', {
          conversationId: m.conversationId,
          change: 'assign',
        });
      if (reply !== null) await sendReply(m, reply.text, reply.noteId);
    },

    /** Closes open conversations whose customer has been silent for N days (timed job). */
    async autoClose(): Promise<number> {
      const s = await get();
      if (!s.autoClose.isEnabled) return 0;
      const at = now();
      const before = at - s.autoClose.afterDays * DAY_MS;
      let closed = 0;
      for (;;) {
        const batch = await repo.silentOpenConversations(db, before, CLOSE_BATCH);
        const done: string[] = [];
        await db.transaction().execute(async (tx) => {
          for (const c of batch) {
            if (!(await repo.closeIfOpen(tx, c.id, at))) continue;
            await addNote(
              tx,
              noteRow(
                { ...c, conversationId: c.id },
                'auto_close',
                { afterDays: String(s.autoClose.afterDays) },
                at,
              ),
            );
            await audit.record(tx, {
              actor,
              ip: null,
              userAgent: null,
              action: 'conversation.close',
              target: { type: 'conversation', id: c.id },
              details: { automation: 'auto_close', afterDays: s.autoClose.afterDays },
            });
            done.push(c.id);
          }
        });
        for (const conversationId of done)
          bus.publish('conversations.changed', { conversationId, change: 'close' });
        closed += done.length;
        if (batch.length < CLOSE_BATCH) return closed;
      }
    },
  };
}
