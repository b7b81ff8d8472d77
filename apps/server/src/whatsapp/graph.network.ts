import { GraphApiError } from './graph.errors';
import type { GraphErrorClass } from './graph.classify';

/**
 * Failures that happen before a single byte of the request leaves this process: no
 * connection was made, so Meta cannot have acted on it and a retry cannot double-send.
 */
const beforeSendCodes: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_DESTROYED', // our pool was closed before dispatching
  'UND_ERR_CLOSED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'CERT_HAS_EXPIRED',
]);

/**
 * The request was refused by our own HTTP stack before it was written (an invalid header,
 * such as a token holding a control character): nothing was sent, and repeating it cannot
 * work either, so it is `permanent` — never "outcome unknown", which must mean only "it may
 * have reached Meta".
 */
const refusedLocallyCodes: ReadonlySet<string> = new Set([
  'UND_ERR_INVALID_ARG',
  'UND_ERR_NOT_SUPPORTED',
  'UND_ERR_REQ_CONTENT_LENGTH_MISMATCH',
  'ERR_INVALID_ARG_TYPE',
  'ERR_INVALID_ARG_VALUE',
  'ERR_INVALID_CHAR',
  'ERR_INVALID_HTTP_TOKEN',
  'ERR_INVALID_URL',
]);

function errorCode(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  // Happy-eyeballs connects (autoSelectFamily) fail with an AggregateError of per-address errors.
  if (err instanceof AggregateError) {
    for (const inner of err.errors) {
      const c = errorCode(inner);
      if (c !== undefined) return c;
    }
  }
  return undefined;
}

/**
 * Classifies a transport failure. Connect-phase failures are `retryable`; anything later
 * (socket reset, headers or body timeout, parser error, abort) is `unknown-outcome`: the
 * request may have reached Meta and been acted upon, so a send must be reconciled, not
 * repeated (ARCHITECTURE.md invariant 1). Unrecognised errors are treated as unknown too,
 * because assuming "not sent" is the unsafe direction.
 */
export function classifyNetworkError(err: unknown): GraphErrorClass {
  const code = errorCode(err);
  if (code !== undefined && refusedLocallyCodes.has(code)) return 'permanent';
  return code !== undefined && beforeSendCodes.has(code) ? 'retryable' : 'unknown-outcome';
}

/** Wraps a transport failure into a classified GraphApiError (never includes headers). */
export function graphErrorFromNetwork(
  request: { method: string; path: string },
  err: unknown,
): GraphApiError {
  const classification = classifyNetworkError(err);
  const code = errorCode(err) ?? 'unknown';
  const what = err instanceof Error ? err.message : String(err);
  return new GraphApiError({
    ...request,
    source: 'network',
    classification,
    message:
      classification === 'retryable'
        ? `Graph API unreachable before sending (${code}): ${what}`
        : classification === 'permanent'
          ? `Graph API request refused before sending (${code}): ${what}`
          : `Graph API request outcome unknown (${code}): ${what}`,
    cause: err,
  });
}
