import { describe, expect, it } from 'vitest';
import {
  classifyGraphError,
  graphErrorClasses,
  isAccountBlocking,
  isRetryableClass,
  type GraphErrorClass,
} from './graph.classify';
import { classifyNetworkError } from './graph.network';

// The table of issue 3, code by code, plus the neighbours a careless range would swallow.
const cases: [code: number, expected: GraphErrorClass][] = [
  [1, 'retryable'],
  [2, 'retryable'],
  [131000, 'retryable'],
  [131016, 'retryable'],
  [131057, 'retryable'],
  [130429, 'throttled'],
  [80007, 'throttled'],
  [80008, 'throttled'],
  [4, 'throttled'],
  [17, 'throttled'],
  [131056, 'pair-limited'],
  [131047, 'window-closed'],
  [131048, 'spam-quality'],
  [131049, 'spam-quality'],
  [131050, 'spam-quality'],
  [131026, 'permanent'],
  [131021, 'permanent'],
  [132000, 'permanent'],
  [132001, 'permanent'],
  [132012, 'permanent'],
  [132015, 'permanent'],
  [132016, 'permanent'],
  [132999, 'permanent'],
  [100, 'permanent'],
  [131030, 'permanent'],
  [190, 'auth'],
  [10, 'auth'],
  [200, 'auth'],
  [250, 'auth'],
  [299, 'auth'],
  [104, 'auth'],
  [0, 'auth'],
  [131031, 'auth'],
];

describe('classifyGraphError', () => {
  it.each(cases)('code %i is %s whatever the HTTP status', (code, expected) => {
    // Meta sends the same code with different statuses (NOTES.md §2.3): the code must win.
    for (const httpStatus of [400, 403, 429, 500, 503]) {
      expect(classifyGraphError({ code, httpStatus })).toBe(expected);
    }
  });

  it('does not let the 200–299 permission range leak to neighbouring codes', () => {
    expect(classifyGraphError({ code: 199, httpStatus: 400 })).toBe('permanent');
    expect(classifyGraphError({ code: 300, httpStatus: 400 })).toBe('permanent');
    expect(classifyGraphError({ code: 133000, httpStatus: 400 })).toBe('permanent');
  });

  it('falls back to is_transient, then the HTTP status, for codes it does not know', () => {
    expect(classifyGraphError({ code: 999_999, isTransient: true, httpStatus: 400 })).toBe(
      'retryable',
    );
    expect(classifyGraphError({ code: 999_999, httpStatus: 503 })).toBe('retryable');
    expect(classifyGraphError({ code: 999_999, httpStatus: 429 })).toBe('throttled');
    expect(classifyGraphError({ code: 999_999, httpStatus: 401 })).toBe('auth');
    expect(classifyGraphError({ code: 999_999, httpStatus: 400 })).toBe('permanent');
    expect(classifyGraphError({ httpStatus: 502 })).toBe('retryable');
    expect(classifyGraphError({})).toBe('permanent');
  });

  it('never lets is_transient override a known code', () => {
    expect(classifyGraphError({ code: 190, isTransient: true })).toBe('auth');
    expect(classifyGraphError({ code: 131056, isTransient: true })).toBe('pair-limited');
  });

  it('says which classes may be retried and which stop the account', () => {
    const retryable = graphErrorClasses.filter(isRetryableClass);
    expect(retryable).toEqual(['retryable', 'throttled', 'pair-limited']);
    expect(graphErrorClasses.filter(isAccountBlocking)).toEqual(['auth']);
  });
});

function sysError(code: string): Error {
  return Object.assign(new Error(code), { code });
}

describe('classifyNetworkError', () => {
  it.each([
    ['ECONNREFUSED', 'retryable'],
    ['ENOTFOUND', 'retryable'],
    ['EHOSTUNREACH', 'retryable'],
    ['UND_ERR_CONNECT_TIMEOUT', 'retryable'],
    ['ECONNRESET', 'unknown-outcome'],
    ['EPIPE', 'unknown-outcome'],
    ['UND_ERR_SOCKET', 'unknown-outcome'],
    ['UND_ERR_HEADERS_TIMEOUT', 'unknown-outcome'],
    ['UND_ERR_BODY_TIMEOUT', 'unknown-outcome'],
    ['UND_ERR_ABORTED', 'unknown-outcome'],
  ] as const)('%s is %s', (code, expected) => {
    expect(classifyNetworkError(sysError(code))).toBe(expected);
  });

  it('reads the code of a happy-eyeballs AggregateError', () => {
    const err = new AggregateError([sysError('ECONNREFUSED'), sysError('ECONNREFUSED')], 'connect');
    expect(classifyNetworkError(err)).toBe('retryable');
  });

  it('treats an error it cannot recognise as an unknown outcome, the safe side', () => {
    expect(classifyNetworkError(new Error('mystery'))).toBe('unknown-outcome');
    expect(classifyNetworkError('string thrown')).toBe('unknown-outcome');
  });
});
