import { z } from 'zod';

/** `GET|PUT /inbox/settings`: how the inbox behaves towards customers. */
export const inboxSettingsSchema = z.object({
  /**
   * When on, opening a conversation marks the customer's last message read on WhatsApp
   * (blue ticks) and the typing indicator is shown while an agent types.
   */
  readReceipts: z.boolean(),
});
export type InboxSettings = z.infer<typeof inboxSettingsSchema>;

/** `POST /conversations/:id/typing`: whether the indicator went out (throttled to 20 s). */
export const typingResultSchema = z.object({ sent: z.boolean() });
export type TypingResult = z.infer<typeof typingResultSchema>;

/**
 * `POST /conversations/:id/typing` body: the agent is typing (or has the composer open), or
 * stopped (sent, left). Without a body, or without `isTyping`: typing.
 */
export const typingBodySchema = z.object({ isTyping: z.boolean().default(true) });
export type TypingBody = z.input<typeof typingBodySchema>;

/**
 * The `conversations.typing` live event, for the team's collision warning: never stored,
 * never replayed on reconnect.
 */
export const typingEventSchema = z.object({
  conversationId: z.string(),
  userId: z.string(),
  displayName: z.string(),
  isTyping: z.boolean(),
});
export type TypingEvent = z.infer<typeof typingEventSchema>;
