import { classifyGraphError, type GraphErrorClass } from '../../../whatsapp/graph.classify';
import type { GraphApiError } from '../../../whatsapp/graph.errors';
import type { Random } from '../../../whatsapp/graph.backoff';
import { adviseFailure } from '../../../whatsapp/graph.failures';
import { pairRetry } from './dispatch.pair';

/**
 * What the dispatcher does with a recipient whose send failed: one function from the
 * client's classification (graph.classify.ts, never the HTTP status) plus the few codes that
 * need their own handling, to an action. Codes and their meaning come from the catalogues in
 * `whatsapp/`; nothing here redefines them.
 */

/** A failed send, synchronous (a GraphApiError) or asynchronous (a `failed` status webhook). */
export interface SendFailure {
  classification: GraphErrorClass;
  metaCode?: number | undefined;
  /** Seconds Meta asked us to wait (Retry-After, estimated_time_to_regain_access). */
  retryAfterSeconds?: number | undefined;
}

/** What the dispatcher knows about the recipient and the number when the failure arrives. */
export interface FailureContext {
  /** When the failure was seen (epoch ms). */
  at: number;
  /** Earlier consecutive transient failures of this recipient (0 on the first). */
  priorTransientFailures: number;
  /** Earlier consecutive 131056 failures of this recipient (0 on the first). */
  priorPairFailures: number;
  /** Whether this recipient was already sent again after a 131049. */
  hasRetriedAfter24h: boolean;
  /**
   * Whether the dispatcher's own ledger of unique recipients in the rolling 24 h says the
   * portfolio's messaging limit is reached. Meta documents no code for that limit (NOTES §6.2;
   * the simulator answers 131048 by default), so only this fact tells it from a spam limit.
   */
  isMessagingLimitReached: boolean;
  random?: Random;
}

export interface PolicyOptions {
  /** Transient failures of one recipient before it fails (default 5). */
  maxTransientAttempts: number;
  /** Full-jitter back-off: the first ceiling and the largest, in ms. */
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** Consecutive 131056 failures before the recipient fails (default 8). */
  maxPairAttempts: number;
}

export const defaultPolicyOptions: PolicyOptions = {
  maxTransientAttempts: 5,
  backoffBaseMs: 1000,
  backoffMaxMs: 5 * 60_000,
  maxPairAttempts: 8,
};

/** Why a whole number stops: every campaign on it pauses until an operator resumes. */
export type NumberPauseReason = 'auth' | 'spam' | 'restriction' | 'quality';
/** Why one campaign stops: its template cannot be sent. */
export type CampaignPauseReason = 'template_paused' | 'template_disabled' | 'template_unavailable';

export type DispatchAction =
  /** Throttled: cut the number's rate (AIMD) and put the recipient back, due at `retryAt`. */
  | { action: 'slow_down'; code: number | null; retryAt: number }
  /** Pair-limited (131056): this recipient again at `retryAt` (Meta's 4^X s). */
  | { action: 'retry_pair'; failures: number; delayMs: number; retryAt: number }
  /** Transient: this recipient again at `retryAt` (exponential back-off, full jitter). */
  | { action: 'retry_backoff'; failures: number; delayMs: number; retryAt: number }
  /** Permanent for this recipient: failed with Meta's code and its class. */
  | { action: 'fail'; code: number | null; reason: GraphErrorClass }
  /** The number cannot send: pause every campaign of that number. */
  | { action: 'pause_number'; code: number | null; reason: NumberPauseReason }
  /** The template cannot be sent: pause the campaign (the recipient stays queued). */
  | { action: 'pause_campaign'; code: number; reason: CampaignPauseReason }
  /** 131049 per-user marketing cap: one more try, no sooner than 24 h later. */
  | { action: 'retry_after_24h'; code: number; retryAt: number }
  /** 131026: the contact is not on WhatsApp (or cannot receive this message). */
  | { action: 'not_on_whatsapp'; code: number }
  /** The portfolio's messaging limit: defer (never fail) until the rolling 24 h frees a slot. */
  | { action: 'defer_limit'; code: number | null }
  /** The request left and no answer came: `unknown` until a status webhook resolves it. */
  | { action: 'mark_unknown' };

/** The failure a GraphApiError carries. */
export function failureOfGraphError(error: GraphApiError): SendFailure {
  return {
    classification: error.classification,
    metaCode: error.metaCode,
    retryAfterSeconds: error.retryAfterSeconds,
  };
}

/** The failure of a `failed` status webhook, classified by the same table. */
export function failureOfStatusCode(code: number): SendFailure {
  return { classification: classifyGraphError({ code }), metaCode: code };
}

// Codes whose action is not their class's: the dispatcher acts on the number or campaign.
const restrictionCodes: ReadonlySet<number> = new Set([368, 131031, 131064]);
const templateCodes: ReadonlyMap<number, CampaignPauseReason> = new Map([
  [132015, 'template_paused'],
  [132016, 'template_disabled'],
  [132001, 'template_unavailable'], // does not exist in that language, or not approved
  [131063, 'template_unavailable'], // marketing templates disabled on the Cloud API
]);

/** The dispatcher's action for a failed send. */
export function decideOnFailure(
  failure: SendFailure,
  ctx: FailureContext,
  options: PolicyOptions = defaultPolicyOptions,
): DispatchAction {
  const code = failure.metaCode ?? null;
  const askedMs = Math.max(0, (failure.retryAfterSeconds ?? 0) * 1000);
  if (code === 131026) return { action: 'not_on_whatsapp', code };
  if (code === 131049) {
    if (ctx.hasRetriedAfter24h) return { action: 'fail', code, reason: failure.classification };
    const waitMs = adviseFailure(code).retryAfterMs ?? 24 * 60 * 60_000;
    return { action: 'retry_after_24h', code, retryAt: ctx.at + Math.max(waitMs, askedMs) };
  }
  if (code === 131048) {
    return ctx.isMessagingLimitReached
      ? { action: 'defer_limit', code }
      : { action: 'pause_number', code, reason: 'spam' };
  }
  if (code !== null && restrictionCodes.has(code)) {
    return { action: 'pause_number', code, reason: 'restriction' };
  }
  const template = code === null ? undefined : templateCodes.get(code);
  if (code !== null && template !== undefined) {
    return { action: 'pause_campaign', code, reason: template };
  }
  return decideByClass(failure.classification, code, askedMs, ctx, options);
}

function decideByClass(
  cls: GraphErrorClass,
  code: number | null,
  askedMs: number,
  ctx: FailureContext,
  options: PolicyOptions,
): DispatchAction {
  switch (cls) {
    case 'throttled':
      return { action: 'slow_down', code, retryAt: ctx.at + askedMs };
    case 'pair-limited': {
      const next = pairRetry(ctx.priorPairFailures + 1, ctx.at, {
        maxAttempts: options.maxPairAttempts,
      });
      if (!next.retry) return { action: 'fail', code, reason: cls };
      const delayMs = Math.max(next.delayMs, askedMs);
      return { action: 'retry_pair', failures: next.failures, delayMs, retryAt: ctx.at + delayMs };
    }
    case 'retryable': {
      const failures = ctx.priorTransientFailures + 1;
      if (failures >= options.maxTransientAttempts) return { action: 'fail', code, reason: cls };
      const delayMs = Math.max(fullJitterMs(failures, options, ctx.random ?? Math.random), askedMs);
      return { action: 'retry_backoff', failures, delayMs, retryAt: ctx.at + delayMs };
    }
    case 'auth':
      return { action: 'pause_number', code, reason: 'auth' };
    case 'unknown-outcome':
      return { action: 'mark_unknown' };
    case 'window-closed':
    case 'spam-quality':
    case 'permanent':
      return { action: 'fail', code, reason: cls };
  }
}

/**
 * "Full jitter" (AWS Architecture Blog, "Exponential Backoff and Jitter"): uniform in
 * [0, min(max, base·2^(n-1))). Recipients failing together spread over the whole interval,
 * so a recovering Meta is not hit by one synchronized wave.
 */
export function fullJitterMs(
  failures: number,
  options: Pick<PolicyOptions, 'backoffBaseMs' | 'backoffMaxMs'>,
  random: Random,
): number {
  const n = Math.max(1, Math.floor(failures));
  const ceiling = Math.min(options.backoffMaxMs, options.backoffBaseMs * 2 ** Math.min(n - 1, 52));
  return Math.floor(random() * ceiling);
}

/** Phone quality ratings Meta reports (`phone_number_quality_update`, NOTES §6.4). */
export type QualityRating = 'GREEN' | 'YELLOW' | 'RED' | 'UNKNOWN';

/**
 * Whether a number's new quality rating pauses its campaigns: RED always, YELLOW when the
 * operator chose the stricter setting. Sending on at RED risks a restriction of the number.
 */
export function decideOnQuality(
  rating: QualityRating,
  pauseOnYellow = false,
): DispatchAction | null {
  if (rating === 'RED' || (pauseOnYellow && rating === 'YELLOW')) {
    return { action: 'pause_number', code: null, reason: 'quality' };
  }
  return null;
}
