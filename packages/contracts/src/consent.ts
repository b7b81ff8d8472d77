import { z } from 'zod';

/** Where a marketing consent choice came from (the consent ledger's `source`). */
export const consentSources = [
  'import',
  'keyword',
  'user_preferences',
  'failed_131050',
  'template_button',
  'admin',
  'api',
  'merge',
] as const;
export const consentSourceSchema = z.enum(consentSources);
export type ConsentSource = z.infer<typeof consentSourceSchema>;

export const consentStates = ['opted_in', 'opted_out'] as const;
export const consentStateSchema = z.enum(consentStates);
export type ConsentState = z.infer<typeof consentStateSchema>;

/** One entry of a contact's consent ledger. */
export const consentEventSchema = z.object({
  id: z.string(),
  state: consentStateSchema,
  /** When the person chose, by the source's clock (ISO 8601). */
  occurredAt: z.string(),
  recordedAt: z.string(),
  source: consentSourceSchema,
  detail: z.string().nullable(),
  messageId: z.string().nullable(),
  importId: z.string().nullable(),
  userId: z.string().nullable(),
  note: z.string().nullable(),
  /** False when a newer choice was already held: recorded, but the state did not change. */
  isApplied: z.boolean(),
});
export type ConsentEvent = z.infer<typeof consentEventSchema>;

/** `GET /contacts/:id/consent`: the current state and the ledger, newest first. */
export const consentHistorySchema = z.object({
  contactId: z.string(),
  state: z.enum(['opted_in', 'opted_out', 'unknown']),
  events: z.array(consentEventSchema),
});
export type ConsentHistory = z.infer<typeof consentHistorySchema>;

/** `POST /contacts/:id/consent`: an admin records the person's choice, with a note. */
export const setConsentSchema = z.object({
  state: consentStateSchema,
  note: z.string().trim().min(3).max(500),
});
export type SetConsent = z.infer<typeof setConsentSchema>;
