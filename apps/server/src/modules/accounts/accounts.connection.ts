import type { ConnectionError } from '@kiana/contracts';
import { GraphApiError } from '../../whatsapp/graph.errors';

/**
 * Turns a failed Graph API call made with an account's credentials into the specific,
 * actionable message the Settings page shows. Codes per NOTES.md §2.4: 190 token invalid or
 * expired (subcode 463 = expired), 10 and 200–299 permission missing, 100/803 an object the
 * token cannot see (for `GET /{waba-id}` that is a wrong WABA id), network = unreachable.
 */
export function describeConnectionError(
  err: unknown,
  context: { wabaId: string; graphUrl: string },
): ConnectionError {
  if (!(err instanceof GraphApiError)) {
    return {
      kind: 'meta_error',
      message: `The check failed unexpectedly: ${String(err)}`,
      metaCode: null,
    };
  }
  const code = err.metaCode ?? null;
  if (err.source === 'network') {
    const host = safeHost(context.graphUrl);
    return {
      kind: 'unreachable',
      message: `Could not reach the Graph API at ${host}. Check this server's internet access, DNS and proxy settings, then try again.`,
      metaCode: null,
    };
  }
  if (code === 190 || code === 102 || code === 104) {
    const expired = err.metaSubcode === 463;
    return {
      kind: 'invalid_token',
      message: expired
        ? 'The access token has expired (Meta error 190). Generate a new permanent system-user token in Meta Business Settings and save it here.'
        : 'The access token is invalid (Meta error 190). Paste a valid permanent system-user token for this WhatsApp Business Account.',
      metaCode: code,
    };
  }
  if (code === 10 || (code !== null && code >= 200 && code <= 299)) {
    return {
      kind: 'missing_permission',
      message: `The access token lacks a permission for this account (Meta error ${code}). Give the system user the whatsapp_business_management and whatsapp_business_messaging permissions and assign it to WABA ${context.wabaId}.`,
      metaCode: code,
    };
  }
  if (code === 100 || code === 803) {
    return {
      kind: 'wrong_waba_id',
      message: `Meta does not know WhatsApp Business Account ${context.wabaId}, or this token cannot see it (Meta error ${code}). Copy the WABA id from WhatsApp Manager → Account tools.`,
      metaCode: code,
    };
  }
  if (err.classification === 'throttled') {
    return {
      kind: 'rate_limited',
      message: `Meta is rate-limiting this app (error ${code ?? err.httpStatus ?? '?'}). Wait a few minutes and test again.`,
      metaCode: code,
    };
  }
  return {
    kind: 'meta_error',
    message: `Meta answered: ${err.title ?? err.message}${code === null ? '' : ` (error ${code})`}.`,
    metaCode: code,
  };
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
