import type { FailureKind } from '@kiana/contracts';

/**
 * What an asynchronous send failure (a `failed` status webhook, NOTES §2.2) means for the
 * next attempt, in a form campaigns and the inbox can act on without knowing Meta's codes.
 * Pure: code in, advice out. Sources: Meta's error-codes page as catalogued in NOTES §2.4.
 */

/**
 * - `invalid_recipient`: the number cannot receive WhatsApp messages; skip it.
 * - `opted_out`: the customer stopped marketing messages; only they can undo it.
 * - `retry_after`: the same message may go again, no sooner than `retryAfterMs`.
 * - `pause_sender`: the sending number or account is limited; stop its campaign.
 * - `window_closed`: outside the 24-hour window; send an approved template instead.
 * - `fix_message`: the message (media, template parameters) must change before a retry.
 * - `permanent`: do not retry this message to this customer.
 * - `unknown`: a code this catalogue does not know; treat as permanent and show it.
 */
export type { FailureKind };

/** The advice for one error code. */
export interface FailureAdvice {
  code: number;
  kind: FailureKind;
  /** For `retry_after`: the earliest retry, counted from the failure. */
  retryAfterMs?: number;
  title: string;
  /** What happened, in words an operator understands. */
  explanation: string;
  /** What the panel (or the operator) does about it. */
  action: string;
}

const HOUR = 60 * 60 * 1000;

// Complements graph.classify.ts (which decides about a synchronous call): this says what to do
// with the recipient or the message after Meta reported the failure by webhook.
const entries: Record<number, Omit<FailureAdvice, 'code'>> = {
  131026: {
    kind: 'invalid_recipient',
    title: 'Not on WhatsApp',
    explanation:
      'The number is not on WhatsApp, has not accepted the current terms, or uses an app too old to receive this message.',
    action: 'Skip this number; it will not receive WhatsApp messages.',
  },
  131049: {
    kind: 'retry_after',
    // Meta: "wait at least 24 hours before resending" (per-user marketing cap, NOTES §2.4).
    retryAfterMs: 24 * HOUR,
    title: 'Marketing limit for this customer',
    explanation:
      'WhatsApp held back this marketing message because the customer already received several from businesses recently.',
    action: 'Try again no sooner than 24 hours later.',
  },
  131048: {
    kind: 'pause_sender',
    title: 'Spam rate limit',
    explanation:
      'Too many earlier messages from this number were blocked or reported, so WhatsApp is limiting it.',
    action: 'Pause campaigns from this number and review the content and audience.',
  },
  131050: {
    kind: 'opted_out',
    title: 'Stopped marketing messages',
    explanation: 'The customer chose to stop marketing messages from this business.',
    action: 'Recorded as a marketing opt-out; send only utility or service messages.',
  },
  131047: {
    kind: 'window_closed',
    title: 'Outside the 24-hour window',
    explanation: 'More than 24 hours passed since the customer last wrote.',
    action: 'Send an approved template instead of a free-form message.',
  },
  131053: {
    kind: 'fix_message',
    title: 'Media could not be sent',
    explanation: 'WhatsApp could not fetch or process the attached media.',
    action: 'Check the file type, size and link, then send again.',
  },
  130472: {
    kind: 'permanent',
    title: 'Part of a Meta experiment',
    explanation:
      "The customer is in Meta's marketing message experiment and did not receive the message.",
    action: 'Do not resend this marketing message.',
  },
  131042: {
    kind: 'pause_sender',
    title: 'Payment problem',
    explanation: 'The WhatsApp Business Account has a payment method issue.',
    action: 'Pause sending and fix the payment method in Meta Business Manager.',
  },
  131000: {
    kind: 'retry_after',
    retryAfterMs: HOUR,
    title: 'Something went wrong at Meta',
    explanation: 'Meta reported an unknown error while delivering the message.',
    action: 'Try again later (no sooner than an hour).',
  },
  131016: {
    kind: 'retry_after',
    retryAfterMs: HOUR,
    title: 'Service unavailable',
    explanation: 'WhatsApp was temporarily unavailable.',
    action: 'Try again later (no sooner than an hour).',
  },
  132015: {
    kind: 'pause_sender',
    title: 'Template paused',
    explanation: 'Meta paused this template because of low quality.',
    action: 'Pause campaigns using this template until Meta unpauses it.',
  },
  132016: {
    kind: 'fix_message',
    title: 'Template disabled',
    explanation: 'Meta disabled this template after repeated pauses.',
    action: 'Create a new template; this one can no longer be sent.',
  },
  131062: {
    kind: 'fix_message',
    title: 'Needs a phone number',
    explanation: 'This kind of message cannot be sent to a customer known only by username.',
    action: 'Ask the customer to share their phone number, or send another message type.',
  },
};

/** The advice for an error code; unknown codes get `kind: 'unknown'`. */
export function adviseFailure(code: number): FailureAdvice {
  const known = entries[code];
  if (known !== undefined) return { code, ...known };
  return {
    code,
    kind: 'unknown',
    title: `Meta error ${code}`,
    explanation: `WhatsApp did not deliver the message (error ${code}).`,
    action: 'Do not retry automatically; check the error code in Meta’s documentation.',
  };
}

/** The kind and earliest retry time of a failure at `failedAt` (epoch ms). */
export function failurePlan(
  code: number,
  failedAt: number,
): { kind: FailureKind; retryAfterAt: number | null } {
  const advice = adviseFailure(code);
  return {
    kind: advice.kind,
    retryAfterAt: advice.retryAfterMs === undefined ? null : failedAt + advice.retryAfterMs,
  };
}

/** Every code the catalogue knows (for tests and docs). */
export const knownFailureCodes: readonly number[] = Object.keys(entries).map(Number);
