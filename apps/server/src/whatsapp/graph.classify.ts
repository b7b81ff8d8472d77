/**
 * The one place that decides what a Graph API failure means for the caller. Meta says to
 * build logic on `error.code` (plus `error_data.details`), never on the HTTP status or the
 * title: the same code arrives as 400 or 429 depending on the day (shared/cloud-api/NOTES.md §2.3).
 */

/** What a failed Graph API call means for whoever made it. */
export type GraphErrorClass =
  /** Transient failure on Meta's side: retry with jittered exponential back-off. */
  | 'retryable'
  /** Throughput or call-rate limit: slow down, then retry. */
  | 'throttled'
  /** Too many messages to one recipient: retry that recipient after 4^n seconds. */
  | 'pair-limited'
  /** Free-form message outside the 24-hour customer service window: send a template instead. */
  | 'window-closed'
  /** Spam / quality / per-user marketing limits and opt-outs: do not retry soon. */
  | 'spam-quality'
  /** The request or the recipient is wrong: retrying the same request cannot succeed. */
  | 'permanent'
  /** Token, permission or account-level block: stop every call for that account. */
  | 'auth'
  /** The request left and no answer came: the send may have happened; never retry blindly. */
  | 'unknown-outcome';

export const graphErrorClasses: readonly GraphErrorClass[] = [
  'retryable',
  'throttled',
  'pair-limited',
  'window-closed',
  'spam-quality',
  'permanent',
  'auth',
  'unknown-outcome',
];

/** Exact Meta error codes and their class (NOTES.md §2.4). */
const byCode: ReadonlyMap<number, GraphErrorClass> = new Map<number, GraphErrorClass>([
  // Transient errors on Meta's side.
  [1, 'retryable'], // API Unknown: "invalid request or possible server error"
  [2, 'retryable'], // API Service: temporary downtime or overload
  [131000, 'retryable'], // Something went wrong
  [131016, 'retryable'], // Service unavailable
  [131057, 'retryable'], // Account in maintenance mode (≤ 1 min during a throughput upgrade)
  [133004, 'retryable'], // Server temporarily unavailable (registration)
  // Rate limits: per number throughput (130429), app BUC (4), per-user (17), WABA (80007/80008).
  [4, 'throttled'],
  [17, 'throttled'],
  [80007, 'throttled'],
  [80008, 'throttled'],
  [130429, 'throttled'],
  [133016, 'throttled'], // register/deregister attempts
  [131056, 'pair-limited'],
  [131047, 'window-closed'],
  [470, 'window-closed'], // legacy On-Premises equivalent of 131047
  // Spam, quality and marketing caps: retrying soon makes the number's quality worse.
  [131048, 'spam-quality'], // spam rate limit hit
  [131049, 'spam-quality'], // per-user marketing cap ("healthy ecosystem"); Meta: wait ≥ 24 h
  [131050, 'spam-quality'], // user stopped marketing messages from this business
  [131064, 'spam-quality'], // messaging limit reached after template classification violations
  // Token, permission and account-level blocks stop every call for the account.
  [0, 'auth'], // AuthException
  [10, 'auth'], // permission denied
  [102, 'auth'], // session key invalid / no longer valid
  [104, 'auth'], // access token required
  [190, 'auth'], // access token invalid or expired (subcode 463 = expired)
  [368, 'auth'], // temporarily blocked for policy violations
  [131005, 'auth'], // access denied
  [131031, 'auth'], // business account locked
  [131042, 'auth'], // payment method problem: nothing can be sent until it is fixed
  // Request or recipient problems.
  [3, 'permanent'],
  [100, 'permanent'], // invalid parameter (also invalid recipient format)
  [803, 'permanent'], // object does not exist
  [130472, 'permanent'], // recipient is in a marketing experiment holdout
  [130497, 'permanent'], // business restricted from messaging users in this country
  [131008, 'permanent'],
  [131009, 'permanent'],
  [131021, 'permanent'], // recipient cannot be sender
  [131026, 'permanent'], // message undeliverable (not on WhatsApp, old client, ToS)
  [131030, 'permanent'], // recipient not in the allow-list of a test number
  [131051, 'permanent'],
  [131053, 'permanent'],
  [131062, 'permanent'],
  [131063, 'permanent'],
  [137000, 'permanent'], // identity key hash mismatch
]);

/** Code ranges, checked after the exact codes. */
const byRange: readonly { from: number; to: number; cls: GraphErrorClass }[] = [
  { from: 200, to: 299, cls: 'auth' }, // API Permission: asset not accessible by the token
  { from: 132000, to: 132999, cls: 'permanent' }, // template problems (132000 params, 132001 missing …)
  { from: 133000, to: 133999, cls: 'permanent' }, // registration problems
  { from: 139000, to: 139999, cls: 'permanent' }, // block-users API
  { from: 2388000, to: 2388999, cls: 'permanent' }, // template creation validation
];

/** Every exact code the table knows (for tables built on it, such as the dispatcher's policy). */
export const classifiedErrorCodes: readonly number[] = [...byCode.keys()];

/** What the classifier looks at: Meta's code first, then its hints. */
export interface GraphErrorFacts {
  code?: number | undefined;
  isTransient?: boolean | undefined;
  httpStatus?: number | undefined;
}

/**
 * Classifies a Graph API error response. The table decides whenever it knows the code; for
 * codes it does not know, Meta's `is_transient` flag and then the HTTP status decide.
 */
export function classifyGraphError(facts: GraphErrorFacts): GraphErrorClass {
  const { code, isTransient, httpStatus } = facts;
  if (code !== undefined) {
    const exact = byCode.get(code);
    if (exact !== undefined) return exact;
    const range = byRange.find((r) => code >= r.from && code <= r.to);
    if (range !== undefined) return range.cls;
  }
  if (isTransient === true) return 'retryable';
  if (httpStatus === undefined) return 'permanent';
  if (httpStatus === 429) return 'throttled';
  if (httpStatus === 401 || httpStatus === 403) return 'auth';
  if (httpStatus >= 500) return 'retryable';
  return 'permanent';
}

/** Whether an error of this class stops every call for the account until an admin acts. */
export function isAccountBlocking(cls: GraphErrorClass): boolean {
  return cls === 'auth';
}

/** Whether repeating the very same request later may succeed and cannot double-send. */
export function isRetryableClass(cls: GraphErrorClass): boolean {
  return cls === 'retryable' || cls === 'throttled' || cls === 'pair-limited';
}
