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

const keywordWord = z.string().trim().min(1).max(40);
const keywordReply = z.string().trim().max(1024);

/**
 * One language's consent keywords: the words that opt a sender out or back in, whether they
 * act, and the confirmation sent back (an empty text sends nothing).
 */
export const consentKeywordLanguageSchema = z.object({
  /** BCP 47 tag, e.g. `en`, `pt-BR`. */
  language: z.string().trim().min(2).max(16),
  isEnabled: z.boolean(),
  stopWords: z.array(keywordWord).max(100),
  startWords: z.array(keywordWord).max(100),
  /** Sent when a stop word opts the sender out (a service reply, not marketing). */
  stopReply: keywordReply,
  /** Sent when a start word opts the sender back in. */
  startReply: keywordReply,
});
export type ConsentKeywordLanguage = z.infer<typeof consentKeywordLanguageSchema>;

/** `GET/PUT /contacts/consent-keywords`: the keyword rules of every language. */
export const consentKeywordSettingsSchema = z.object({
  /** Off: no word acts (Meta's own opt-out button and `user_preferences` still do). */
  isEnabled: z.boolean(),
  /** Off: keywords act but no confirmation is sent. */
  isReplyEnabled: z.boolean(),
  languages: z
    .array(consentKeywordLanguageSchema)
    .max(40)
    .refine(
      (ls) => new Set(ls.map((l) => l.language.toLowerCase())).size === ls.length,
      'Each language appears once',
    ),
});
export type ConsentKeywordSettings = z.infer<typeof consentKeywordSettingsSchema>;
