import type { Executor } from '../../db/executor';
import { NotFoundError } from '../../errors';
import type { EventBus } from '../../events/bus';
import { findListedConversation } from './inbox.repo';
import './inbox.events';

/** A second "typing" of the same agent in the same conversation within this is dropped. */
export const TYPING_NOTICE_MS = 1_000;

export type TypingNotices = ReturnType<typeof createTypingNotices>;

/**
 * The team's collision warning: an agent typing in a conversation (or with its composer
 * open) is announced to the team as `conversations.typing`, and again with `isTyping: false`
 * when they send or leave. An ephemeral notification on the bus (relayed to the other
 * processes), never a message; the screens drop a notice after a short silence by themselves.
 */
export function createTypingNotices(deps: {
  db: Executor;
  bus: EventBus;
  now: () => number;
  users: { get(id: string): Promise<{ displayName: string }> };
}) {
  // Per process and cosmetic: it only keeps a chatty client from flooding the bus.
  const last = new Map<string, number>();
  return {
    /** Announces that `userId` types in the conversation (or stopped). */
    async notify(conversationId: string, userId: string, isTyping: boolean): Promise<void> {
      const key = `${conversationId}:${userId}`;
      const at = deps.now();
      if (isTyping) {
        const before = last.get(key);
        if (before !== undefined && at - before < TYPING_NOTICE_MS) return;
        last.set(key, at);
        if (last.size > 10_000) last.clear();
      } else last.delete(key);
      if ((await findListedConversation(deps.db, conversationId)) === undefined)
        throw new NotFoundError('Conversation', conversationId);
      const { displayName } = await deps.users.get(userId);
      deps.bus.publish('conversations.typing', { conversationId, userId, displayName, isTyping });
    },
  };
}
