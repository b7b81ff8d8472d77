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
        : `Graph API request outcome unknown (${code}): ${what}`,
    cause: err,
  });
}
