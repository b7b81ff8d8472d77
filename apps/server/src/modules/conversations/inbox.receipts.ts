import { z } from 'zod';
import type { InboxSettings } from '@kiana/contracts';
import type { Executor } from '../../db/executor';
import type { Logger } from '../../logger';
import type { SettingsStore } from '../../platform/settings/settings';
import { defineSetting } from '../../platform/settings/settings';
import type { AuditService } from '../audit/audit.service';
import type { Sender } from '../campaigns/sender/sender';
import { isWindowOpen } from './conversations.window';
import type { InboxActor } from './inbox.service';
import { findListedConversation, lastInboundWamid } from './inbox.repo';

/** Read receipts and the typing indicator: off unless an admin turns them on (demo: on). */
export const readReceiptsSetting = defineSetting({
  key: 'inbox.read_receipts',
  schema: z.boolean(),
  defaultValue: () => false,
});

/** Meta shows "typing…" for up to 25 s; one indicator per 20 s keeps it up without a flood. */
export const TYPING_EVERY_MS = 20_000;

export type ReadReceipts = ReturnType<typeof createReadReceipts>;

/**
 * What the customer sees of the team's attention: the blue ticks when an agent opens the
 * conversation and "typing…" while one types, both `POST /{phone-number-id}/messages` with
 * `status: read` (Meta ties the indicator to the message being answered). Best effort: a
 * refusal is logged, never shown as a failure of the agent's own action.
 */
export function createReadReceipts(deps: {
  db: Executor;
  now: () => number;
  settings: SettingsStore;
  audit: AuditService;
  sender: Pick<Sender, 'api'>;
  logger: Logger;
}) {
  // Per process: the throttle is cosmetic, so two processes may each send one per 20 s.
  const lastTyping = new Map<string, number>();

  async function enabled(): Promise<boolean> {
    return (await deps.settings.get(deps.db, readReceiptsSetting)).value;
  }

  /** Marks the last inbound message read; true when Meta accepted it. */
  async function markLast(conversationId: string, typing: boolean): Promise<boolean> {
    const c = await findListedConversation(deps.db, conversationId);
    if (c === undefined || c.accountId === null) return false;
    const wamid = await lastInboundWamid(deps.db, conversationId);
    if (wamid === undefined) return false;
    try {
      const api = await deps.sender.api(c.accountId);
      await api.markAsRead(c.phoneNumberId, wamid, { typingIndicator: typing });
      return true;
    } catch (error) {
      deps.logger.warn({ err: error, conversationId, typing }, 'read receipt refused');
      return false;
    }
  }

  return {
    async get(): Promise<InboxSettings> {
      return { readReceipts: await enabled() };
    },

    async update(value: InboxSettings, by: InboxActor): Promise<InboxSettings> {
      await deps.settings.update(readReceiptsSetting, value.readReceipts, (tx) =>
        deps.audit.record(tx, {
          actor: by.actor,
          ip: by.ip,
          userAgent: by.userAgent,
          action: 'inbox.settings_updated',
          target: { type: 'setting', id: readReceiptsSetting.key },
          details: { readReceipts: value.readReceipts },
        }),
      );
      return { readReceipts: value.readReceipts };
    },

    /** An agent opened the conversation: blue ticks on the customer's last message. */
    async seen(conversationId: string): Promise<boolean> {
      return (await enabled()) && markLast(conversationId, false);
    },

    /** An agent is typing: "typing…" on the customer's phone, at most once per 20 s. */
    async typing(conversationId: string): Promise<boolean> {
      if (!(await enabled())) return false;
      const at = deps.now();
      const last = lastTyping.get(conversationId);
      if (last !== undefined && at - last < TYPING_EVERY_MS) return false;
      const c = await findListedConversation(deps.db, conversationId);
      // Outside the window the agent can only send a template: nothing to type an answer to.
      if (c === undefined || !isWindowOpen(c, at)) return false;
      lastTyping.set(conversationId, at);
      if (lastTyping.size > 10_000) lastTyping.clear();
      return markLast(conversationId, true);
    },
  };
}
