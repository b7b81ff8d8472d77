import { z } from 'zod';

/**
 * Canned replies (issue 16): short answers the team inserts in the inbox by typing `/` and
 * the shortcut. The text may hold placeholders filled from the contact when inserted.
 */

/** The placeholders a canned reply's text may hold, filled from the conversation's contact. */
export const cannedPlaceholders = [
  '{{contact.name}}',
  '{{contact.first_name}}',
  '{{contact.phone}}',
] as const;

export const cannedShortcutSchema = z
  .string()
  .trim()
  .min(1)
  .max(32)
  .regex(/^[\p{L}\p{N}_-]+$/u, 'letters, digits, - and _')
  .meta({ examples: ['thanks'] });

export const cannedReplyBodySchema = z.object({
  shortcut: cannedShortcutSchema,
  text: z
    .string()
    .trim()
    .min(1)
    .max(4096)
    .meta({ examples: ['Thank you, {{contact.first_name}}! We will be in touch shortly.'] }),
});
export type CannedReplyBody = z.infer<typeof cannedReplyBodySchema>;

export const cannedReplySchema = z.object({
  id: z.string(),
  shortcut: z.string(),
  text: z.string(),
  updatedAt: z.number(),
});
export type CannedReply = z.infer<typeof cannedReplySchema>;

export const cannedReplyListSchema = z.object({ cannedReplies: z.array(cannedReplySchema) });
export const cannedReplyParamsSchema = z.object({ id: z.string().min(1).max(64) });
