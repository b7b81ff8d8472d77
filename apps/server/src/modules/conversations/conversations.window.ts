import type { ConversationRow } from './conversations.repo';

/** The 24-hour customer service window of a conversation as the panel sees it at `now`. */
export interface ServiceWindow {
  open: boolean;
  /** When it closes (or closed); null when the customer never wrote. */
  expiresAt: number | null;
}

/**
 * Whether free-form messages may go to the customer at `now`: the window runs from the
 * customer's last message and closes 24 h later (NOTES §6.5). `now` is the caller's clock,
 * never Date.now(), so a test's simulated day closes it as Meta's would.
 */
export function isWindowOpen(
  conversation: Pick<ConversationRow, 'windowExpiresAt'>,
  now: number,
): boolean {
  return conversation.windowExpiresAt !== null && now < conversation.windowExpiresAt;
}

/** The window of a conversation at `now`. */
export function serviceWindowOf(
  conversation: Pick<ConversationRow, 'windowExpiresAt'>,
  now: number,
): ServiceWindow {
  return { open: isWindowOpen(conversation, now), expiresAt: conversation.windowExpiresAt };
}
