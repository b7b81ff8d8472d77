import type { TemplateComponent } from '@kiana/contracts';

// The in-memory model of "Meta": business accounts, numbers, templates, customers.

export type ThroughputLevel = 'STANDARD' | 'HIGH' | 'COEXISTENCE';
export type QualityRating = 'GREEN' | 'YELLOW' | 'RED' | 'NA';
/**
 * Portfolio messaging-limit tiers, smallest first. Since October 2025 Meta sets the limit per
 * business portfolio at 250, 2,000, 10,000, 100,000 or unlimited; the old 50 and 1K tiers are
 * gone (developers.facebook.com/documentation/business-messaging/whatsapp/messaging-limits).
 */
export const messagingTiers = [
  'TIER_250',
  'TIER_2K',
  'TIER_10K',
  'TIER_100K',
  'TIER_UNLIMITED',
] as const;
export type MessagingTier = (typeof messagingTiers)[number];

export interface WabaDef {
  id: string;
  name: string;
  appId: string;
  timezoneId: string;
  messageTemplateNamespace: string;
  /**
   * Messaging limit of the business portfolio this WABA belongs to: unique users delivered to
   * outside a service window per rolling 24 h, shared by every number of the portfolio (NOTES §6.2).
   */
  messagingLimitTier: MessagingTier;
  /** Country of the business (ISO 3166 alpha-2), for authentication-international pricing. */
  country?: string;
}

export interface PhoneNumberDef {
  id: string;
  wabaId: string;
  /** Formatted as Meta returns it from `GET /{phone-number-id}`, e.g. "+1 555-0100". */
  displayPhoneNumber: string;
  verifiedName: string;
  qualityRating: QualityRating;
  /** STANDARD = 80 mps, HIGH = 1,000 mps, COEXISTENCE = 20 mps (NOTES §6.1). */
  throughputLevel: ThroughputLevel;
  /**
   * A test number (NOTES §2.4, 131030): it only sends to `allowedRecipients` (at most five
   * wa_ids or phone numbers, digits only).
   */
  testNumber?: boolean;
  allowedRecipients?: string[];
}

export interface TemplateDef {
  id: string;
  wabaId: string;
  name: string;
  language: string;
  category: 'MARKETING' | 'UTILITY' | 'AUTHENTICATION';
  status: string;
  parameterFormat: 'POSITIONAL' | 'NAMED';
  components: TemplateComponent[];
  rejectedReason?: string;
  qualityScore?: 'GREEN' | 'YELLOW' | 'RED' | 'UNKNOWN';
  /** Pauses so far (the third disables the template, Meta's template pausing). */
  pauseCount?: number;
  /** Simulated time a pause ends (3 h the first time, 6 h the second). */
  pausedUntil?: number;
  /** Simulated times of edits of the APPROVED template (1 per 24 h, 10 per 30 days). */
  approvedEdits?: number[];
  /**
   * Template pacing (Meta "Template pacing"): while set, sends past the first few are held
   * (`held_for_quality_assessment`) until the quality assessment ends.
   */
  pacing?: { sends: number; holdUntil?: number };
}

export interface CustomerDef {
  /** The canonical WhatsApp id (digits). */
  waId: string;
  name: string;
  /** False: sends to this number fail with 131026 (not on WhatsApp). */
  onWhatsApp?: boolean;
  /** True: marketing templates fail with 131049 (per-user marketing cap). */
  marketingCapped?: boolean;
  /** True: the user stopped marketing messages (131050). */
  marketingOptOut?: boolean;
  /** True: held out by a marketing message experiment (130472, async). */
  marketingExperiment?: boolean;
  /** Business-scoped user id (BSUID, e.g. "US.1349…"); derived from the wa_id when omitted. */
  userId?: string;
  /** The WhatsApp username the customer adopted, if any. */
  username?: string;
  /**
   * True: a username-only customer whose phone number Meta withholds — webhooks carry no
   * `from`/`wa_id`, only `from_user_id`/`user_id` (Meta, "Business-scoped user IDs", 2026).
   */
  phoneWithheld?: boolean;
}

export interface SeedData {
  waba: WabaDef;
  phoneNumbers: PhoneNumberDef[];
  templates: TemplateDef[];
  customers: CustomerDef[];
}

/** Messages per second per throughput level (NOTES §6.1). */
export const mpsByLevel: Record<ThroughputLevel, number> = {
  STANDARD: 80,
  HIGH: 1000,
  COEXISTENCE: 20,
};

/** Unique recipients per rolling 24 h by tier. */
export const tierSize: Record<MessagingTier, number> = {
  TIER_250: 250,
  TIER_2K: 2000,
  TIER_10K: 10000,
  TIER_100K: 100000,
  TIER_UNLIMITED: Number.POSITIVE_INFINITY,
};

/** Digits of a display number ("+1 555-0100" → "15550100"), the form webhooks carry. */
export function digitsOf(display: string): string {
  return display.replace(/\D/g, '');
}
