import { describe, expect, it } from 'vitest';
import { adviseFailure, failurePlan, knownFailureCodes } from './graph.failures';

const DAY = 24 * 60 * 60 * 1000;

describe('asynchronous failure catalogue', () => {
  it('marks 131026 (not on WhatsApp) as an invalid recipient, never retried', () => {
    const a = adviseFailure(131026);
    expect(a.kind).toBe('invalid_recipient');
    expect(a.retryAfterMs).toBeUndefined();
    expect(failurePlan(131026, 1_000).retryAfterAt).toBeNull();
  });

  it('lets a 131049 (marketing cap) go again no sooner than 24 hours after the failure', () => {
    expect(adviseFailure(131049)).toMatchObject({ kind: 'retry_after', retryAfterMs: DAY });
    expect(failurePlan(131049, 5_000)).toEqual({ kind: 'retry_after', retryAfterAt: 5_000 + DAY });
  });

  it('pauses the sender on 131048 (spam limit) and records an opt-out on 131050', () => {
    expect(adviseFailure(131048).kind).toBe('pause_sender');
    expect(adviseFailure(131050).kind).toBe('opted_out');
    expect(adviseFailure(131047).kind).toBe('window_closed');
  });

  it('explains every known code in plain words, with an action', () => {
    for (const code of knownFailureCodes) {
      const a = adviseFailure(code);
      expect(a.code).toBe(code);
      expect(a.title.length).toBeGreaterThan(3);
      expect(a.explanation).toMatch(/[a-z]{3,}.*\.$/);
      expect(a.action.length).toBeGreaterThan(10);
      // Plain language: no Meta jargon like error codes in the explanation.
      expect(a.explanation).not.toMatch(/\b13\d{4}\b/);
      if (a.kind === 'retry_after') expect(a.retryAfterMs).toBeGreaterThan(0);
      else expect(a.retryAfterMs).toBeUndefined();
    }
  });

  it('treats an unknown code as unknown, never as retryable', () => {
    const a = adviseFailure(999_999);
    expect(a.kind).toBe('unknown');
    expect(failurePlan(999_999, 1).retryAfterAt).toBeNull();
    expect(a.title).toContain('999999');
  });
});
