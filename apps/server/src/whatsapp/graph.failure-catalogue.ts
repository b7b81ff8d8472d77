import { describeFailure, type FailureDescription } from '@kiana/contracts';
import type { GraphApiError } from './graph.errors';

/**
 * The failure catalogue (packages/contracts/src/failures.ts) as the server uses it: what to
 * show for a Meta error code wherever one is recorded or returned (campaign recipients, the
 * inbox, logs, reports, exports). Screens render `explanationKey` / `actionKey` in the user's
 * language; exports may use the English `title`.
 */

/** The description of a Meta code, or null when there is none (no answer, or no envelope). */
export function describeMetaCode(code: number | null | undefined): FailureDescription | null {
  return code === null || code === undefined ? null : describeFailure(code);
}

/** The description of a failed Graph call: by Meta's code when Meta answered with one. */
export function describeGraphFailure(error: GraphApiError): FailureDescription | null {
  return describeMetaCode(error.metaCode);
}
