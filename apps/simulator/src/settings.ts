import { z } from 'zod';

// Tunable behaviour of the simulator. Every group can be changed at run time through the
// control API (`/_sim/…`) and `RunningSimulator.control`; defaults mimic Meta's.

/** Fault injection: each value is a probability 0..1 applied per send or per webhook POST. */
export const faultSettingsSchema = z.object({
  /** A webhook POST is delivered a second time (Meta is at-least-once, NOTES §3.4). */
  duplicateWebhook: z.number().min(0).max(1).default(0),
  /** A message's statuses are emitted newest first (read before delivered before sent). */
  outOfOrderStatuses: z.number().min(0).max(1).default(0),
  /** `delivered` is skipped and only `read` follows `sent` (NOTES §3.4, D3). */
  skipDelivered: z.number().min(0).max(1).default(0),
  /** The `sent` webhook is delivered before the send's HTTP response leaves. */
  statusBeforeResponse: z.number().min(0).max(1).default(0),
  /** The send response is delayed by `slowResponseMs`. */
  slowResponse: z.number().min(0).max(1).default(0),
  slowResponseMs: z.number().int().min(0).default(3000),
  /** The send answers 500 (code 131000) or 503 (code 2) without accepting the message. */
  serverError: z.number().min(0).max(1).default(0),
  /** The connection is reset before the message is accepted (nothing recorded). */
  connectionReset: z.number().min(0).max(1).default(0),
  /** The message is accepted (statuses follow) but the connection is reset instead of answering. */
  connectionResetAfterAccept: z.number().min(0).max(1).default(0),
  /** A webhook POST is signed with a wrong secret. */
  wrongSignature: z.number().min(0).max(1).default(0),
});
export type FaultSettings = z.infer<typeof faultSettingsSchema>;

/** Meta's sending limits (NOTES §6). */
export const limitSettingsSchema = z.object({
  /** Token bucket per phone number answering 130429; its rate comes from the number's throughput. */
  throughputEnabled: z.boolean().default(true),
  /** Overrides every number's messages/second when set. */
  throughputMps: z.number().positive().optional(),
  /** Pair rate limit (same business number → same user): burst 45, one token per 6 s → 131056. */
  pairEnabled: z.boolean().default(true),
  pairBurst: z.number().int().positive().default(45),
  pairRefillMs: z.number().int().positive().default(6000),
  /** Business-wide unique recipients outside the service window per rolling 24 h, by WABA tier. */
  tierEnabled: z.boolean().default(true),
  /** How a send over the tier fails: Meta documents no code; default async `failed` 131048. */
  tierFailureMode: z.enum(['async', 'sync']).default('async'),
  /** How a free-form send outside the 24-hour window fails (131047): async by default. */
  windowFailureMode: z.enum(['async', 'sync']).default('async'),
  /**
   * Management-API (BUC) budget per WABA per simulated hour (NOTES §6.6): 5,000 for a WABA
   * with a registered number (200 otherwise). Over it calls fail with `managementErrorCode`.
   */
  managementEnabled: z.boolean().default(true),
  managementCallsPerHour: z.number().int().positive().default(5000),
  managementErrorCode: z.union([z.literal(4), z.literal(80007), z.literal(80008)]).default(80007),
  /** wa_ids held out by a marketing message experiment: marketing templates fail with 130472. */
  experimentRecipients: z.array(z.string()).default([]),
  /**
   * Per-user marketing cap (131049): marketing templates a user may receive per rolling 24 h
   * (simulated) outside an open window; further ones fail until a day has passed. Meta keeps its
   * threshold adaptive and unpublished (NOTES §6.4); 0 switches the cap off.
   */
  marketingCapPerUser: z.number().int().min(0).default(2),
  /**
   * Automatic scaling of the portfolio's limit (Meta "Messaging limits", automatic scaling): once
   * the portfolio has delivered to at least half its limit in unique users within 7 days with no
   * number rated RED, the next tier applies `autoScaleDelayMs` (6 h) of simulated time later.
   */
  autoScaling: z.boolean().default(true),
  autoScaleDelayMs: z
    .number()
    .int()
    .min(0)
    .default(6 * 3600 * 1000),
  /**
   * Template pacing: a template under pacing sends its first `pacingFreeSends` messages, then
   * holds the rest (`held_for_quality_assessment`) for `pacingHoldMs` of simulated time.
   */
  pacingFreeSends: z.number().int().min(0).default(1000),
  pacingHoldMs: z
    .number()
    .int()
    .min(0)
    .default(3600 * 1000),
});
export type LimitSettings = z.infer<typeof limitSettingsSchema>;

/** Status progression of accepted messages (real milliseconds). */
export const statusSettingsSchema = z.object({
  sentLatencyMs: z.number().int().min(0).default(50),
  deliveredLatencyMs: z.number().int().min(0).default(300),
  readLatencyMs: z.number().int().min(0).default(2000),
  deliveredProbability: z.number().min(0).max(1).default(1),
  readProbability: z.number().min(0).max(1).default(0.7),
  /** A voice message (audio with `voice: true`) gets `played` after `read` (NOTES §3.5). */
  playedLatencyMs: z.number().int().min(0).default(4000),
  playedProbability: z.number().min(0).max(1).default(0.8),
  /** Webhook batching window and size for statuses of one phone number. */
  batchWindowMs: z.number().int().min(0).default(20),
  maxBatchSize: z.number().int().min(1).max(1000).default(100),
});
export type StatusSettings = z.infer<typeof statusSettingsSchema>;

/** Template review: first matching rule wins, otherwise `defaultOutcome`. */
export const reviewSettingsSchema = z.object({
  delayMs: z.number().int().min(0).default(1500),
  defaultOutcome: z.enum(['APPROVED', 'REJECTED']).default('APPROVED'),
  rules: z
    .array(
      z.object({
        namePattern: z.string(),
        outcome: z.enum(['APPROVED', 'REJECTED']),
        reason: z.string().default('INVALID_FORMAT'),
      }),
    )
    .default([]),
});
export type ReviewSettings = z.infer<typeof reviewSettingsSchema>;

/** How simulated customers behave on their own. */
export const customerBehaviourSchema = z.object({
  /** Probability a customer replies to a business message after reading it. */
  replyRate: z.number().min(0).max(1).default(0),
  replyDelayMs: z.number().int().min(0).default(1000),
  /** Share of replies that are "STOP". */
  stopRate: z.number().min(0).max(1).default(0),
  /** Share of replies that are a `user_preferences` stop (the in-app "Stop promotions"). */
  optOutRate: z.number().min(0).max(1).default(0),
  /** Every this many ms a random simulated customer writes in (0 = never). */
  chatterIntervalMs: z.number().int().min(0).default(0),
});
export type CustomerBehaviour = z.infer<typeof customerBehaviourSchema>;

/** How webhooks are packed (Meta may batch several entries and changes in one POST, NOTES §3.2). */
export const webhookSettingsSchema = z.object({
  /**
   * Statuses and inbound messages of every number (and every WABA of the app) that fall in
   * one batch window go out in one POST: one entry per WABA, one change per number.
   */
  combine: z.boolean().default(false),
});
export type WebhookSettings = z.infer<typeof webhookSettingsSchema>;

export interface Settings {
  webhooks: WebhookSettings;
  faults: FaultSettings;
  limits: LimitSettings;
  statuses: StatusSettings;
  review: ReviewSettings;
  behaviour: CustomerBehaviour;
}

/** Settings with every default applied, then `overrides` merged group by group. */
export function buildSettings(overrides: SettingsInput = {}): Settings {
  return {
    webhooks: webhookSettingsSchema.parse(overrides.webhooks ?? {}),
    faults: faultSettingsSchema.parse(overrides.faults ?? {}),
    limits: limitSettingsSchema.parse(overrides.limits ?? {}),
    statuses: statusSettingsSchema.parse(overrides.statuses ?? {}),
    review: reviewSettingsSchema.parse(overrides.review ?? {}),
    behaviour: customerBehaviourSchema.parse(overrides.behaviour ?? {}),
  };
}

export interface SettingsInput {
  webhooks?: Partial<z.input<typeof webhookSettingsSchema>>;
  faults?: Partial<z.input<typeof faultSettingsSchema>>;
  limits?: Partial<z.input<typeof limitSettingsSchema>>;
  statuses?: Partial<z.input<typeof statusSettingsSchema>>;
  review?: Partial<z.input<typeof reviewSettingsSchema>>;
  behaviour?: Partial<z.input<typeof customerBehaviourSchema>>;
}
