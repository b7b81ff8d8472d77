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
