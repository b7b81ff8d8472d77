import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifiedErrorCodes } from '../../../whatsapp/graph.classify';
import { GraphApiError } from '../../../whatsapp/graph.errors';
import { knownFailureCodes } from '../../../whatsapp/graph.failures';
import {
  decideOnFailure,
  decideOnQuality,
  defaultPolicyOptions,
  failureOfGraphError,
  failureOfStatusCode,
  fullJitterMs,
  type DispatchAction,
  type FailureContext,
} from './dispatch.policy';

const HOUR = 60 * 60_000;
const at = Date.UTC(2026, 10, 30, 12);
const firstFailure: FailureContext = {
  at,
  priorTransientFailures: 0,
  priorPairFailures: 0,
  hasRetriedAfter24h: false,
  isMessagingLimitReached: false,
  random: () => 0.5,
};

type Expected = DispatchAction['action'] | `${DispatchAction['action']}:${string}`;

/** Every code the catalogues know, with the action of its first failure. */
const table: Record<number, Expected> = {
  // Transient on Meta's side.
  1: 'retry_backoff',
  2: 'retry_backoff',
  131000: 'retry_backoff',
  131016: 'retry_backoff',
  131057: 'retry_backoff',
  133004: 'retry_backoff',
  // Throughput and call-rate limits.
  4: 'slow_down',
  17: 'slow_down',
  80007: 'slow_down',
  80008: 'slow_down',
  130429: 'slow_down',
  133016: 'slow_down',
  131056: 'retry_pair',
  // The number or the account cannot send.
  0: 'pause_number:auth',
  10: 'pause_number:auth',
  102: 'pause_number:auth',
  104: 'pause_number:auth',
  190: 'pause_number:auth',
  131005: 'pause_number:auth',
  131042: 'pause_number:auth',
  131048: 'pause_number:spam',
  368: 'pause_number:restriction',
  131031: 'pause_number:restriction',
  131064: 'pause_number:restriction',
  // The template cannot be sent.
  131063: 'pause_campaign:template_unavailable',
  132015: 'pause_campaign:template_paused',
  132016: 'pause_campaign:template_disabled',
  // This recipient.
  131049: 'retry_after_24h',
  131026: 'not_on_whatsapp',
  131047: 'fail:window-closed',
  470: 'fail:window-closed',
  131050: 'fail:spam-quality',
  3: 'fail:permanent',
  100: 'fail:permanent',
  803: 'fail:permanent',
  130472: 'fail:permanent',
  130497: 'fail:permanent',
  131008: 'fail:permanent',
  131009: 'fail:permanent',
  131021: 'fail:permanent',
  131030: 'fail:permanent',
  131051: 'fail:permanent',
  131053: 'fail:permanent',
  131062: 'fail:permanent',
  137000: 'fail:permanent',
};

function summary(action: DispatchAction): string {
  return 'reason' in action ? `${action.action}:${action.reason}` : action.action;
}

describe('decideOnFailure', () => {
  it('has an entry for every code the classifier and the failure catalogue know', () => {
    const known = new Set([...classifiedErrorCodes, ...knownFailureCodes]);
    const missing = [...known].filter((code) => !(code in table));
    expect(missing).toEqual([]);
  });

  it.each(Object.entries(table))('code %s → %s', (code, expected) => {
    const action = decideOnFailure(failureOfStatusCode(Number(code)), firstFailure);
    expect(expected.includes(':') ? summary(action) : action.action).toBe(expected);
    if ('code' in action) expect(action.code).toBe(Number(code));
  });

  it('defers instead of pausing on 131048 when the portfolio’s messaging limit is reached', () => {
    const ctx = { ...firstFailure, isMessagingLimitReached: true };
    expect(decideOnFailure(failureOfStatusCode(131048), ctx)).toEqual({
      action: 'defer_limit',
      code: 131048,
    });
  });

  it('retries a 131049 once, no sooner than 24 h later, then fails it', () => {
    expect(decideOnFailure(failureOfStatusCode(131049), firstFailure)).toEqual({
      action: 'retry_after_24h',
      code: 131049,
      retryAt: at + 24 * HOUR,
    });
    const again = decideOnFailure(failureOfStatusCode(131049), {
      ...firstFailure,
      hasRetriedAfter24h: true,
    });
    expect(again).toEqual({ action: 'fail', code: 131049, reason: 'spam-quality' });
  });

  it('follows Meta’s 4^X schedule for 131056 and fails after the cap', () => {
    const third = decideOnFailure(failureOfStatusCode(131056), {
      ...firstFailure,
      priorPairFailures: 2,
    });
    expect(third).toEqual({
      action: 'retry_pair',
      failures: 3,
      delayMs: 16_000,
      retryAt: at + 16_000,
    });
    const last = decideOnFailure(failureOfStatusCode(131056), {
      ...firstFailure,
      priorPairFailures: defaultPolicyOptions.maxPairAttempts,
    });
    expect(summary(last)).toBe('fail:pair-limited');
  });

  it('backs off transient failures with full jitter and fails after the bounded attempts', () => {
    const second = decideOnFailure(failureOfStatusCode(131000), {
      ...firstFailure,
      priorTransientFailures: 1,
    });
    // Ceiling 1 s · 2^(2-1) = 2 s; random 0.5 → 1 s.
    expect(second).toEqual({
      action: 'retry_backoff',
      failures: 2,
      delayMs: 1000,
      retryAt: at + 1000,
    });
    const exhausted = decideOnFailure(failureOfStatusCode(131000), {
      ...firstFailure,
      priorTransientFailures: defaultPolicyOptions.maxTransientAttempts - 1,
    });
    expect(exhausted).toEqual({ action: 'fail', code: 131000, reason: 'retryable' });
  });

  it('waits at least as long as Meta asked', () => {
    const throttled = decideOnFailure(
      { classification: 'throttled', metaCode: 80007, retryAfterSeconds: 30 },
      firstFailure,
    );
    expect(throttled).toEqual({ action: 'slow_down', code: 80007, retryAt: at + 30_000 });
    const transient = decideOnFailure(
      { classification: 'retryable', retryAfterSeconds: 120 },
      firstFailure,
    );
    expect(transient.action === 'retry_backoff' && transient.delayMs).toBe(120_000);
  });

  it('never resends a request whose outcome is unknown', () => {
    expect(decideOnFailure({ classification: 'unknown-outcome' }, firstFailure)).toEqual({
      action: 'mark_unknown',
    });
  });

  it('decides a code-less failure by its class (5xx, 429, 401)', () => {
    expect(decideOnFailure({ classification: 'retryable' }, firstFailure).action).toBe(
      'retry_backoff',
    );
    expect(decideOnFailure({ classification: 'throttled' }, firstFailure).action).toBe('slow_down');
    expect(summary(decideOnFailure({ classification: 'auth' }, firstFailure))).toBe(
      'pause_number:auth',
    );
  });

  it('reads a GraphApiError through the client’s classification', () => {
    const error = new GraphApiError({
      classification: 'throttled',
      source: 'graph',
      message: '(#130429) Rate limit hit',
      method: 'POST',
      path: '/v23.0/123/messages',
      metaCode: 130429,
      retryAfterSeconds: 2,
    });
    expect(decideOnFailure(failureOfGraphError(error), firstFailure)).toEqual({
      action: 'slow_down',
      code: 130429,
      retryAt: at + 2000,
    });
  });
});

describe('fullJitterMs', () => {
  it('stays in [0, min(max, base·2^(n-1)))', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.double({ min: 0, max: 0.999999, noNaN: true }),
        (n, r) => {
          const delay = fullJitterMs(n, defaultPolicyOptions, () => r);
          const ceiling = Math.min(
            defaultPolicyOptions.backoffMaxMs,
            defaultPolicyOptions.backoffBaseMs * 2 ** Math.min(n - 1, 52),
          );
          expect(delay).toBeGreaterThanOrEqual(0);
          expect(delay).toBeLessThan(ceiling);
        },
      ),
    );
  });
});

describe('decideOnQuality', () => {
  it('pauses the number at RED, at YELLOW only when asked, never at GREEN', () => {
    expect(decideOnQuality('RED')).toEqual({
      action: 'pause_number',
      code: null,
      reason: 'quality',
    });
    expect(decideOnQuality('YELLOW')).toBeNull();
    expect(decideOnQuality('YELLOW', true)?.action).toBe('pause_number');
    expect(decideOnQuality('GREEN', true)).toBeNull();
  });
});
