import type { RecipientStatus } from '@kiana/contracts';
import type { Executor } from '../../../db/executor';
import { adviseFailure } from '../../../whatsapp/graph.failures';
import type { DispatchAction, NumberPauseReason } from './dispatch.policy';
import * as repo from './dispatch.repo';

/**
 * What a policy decision does to a recipient and its campaigns, shared by the send's answer
 * (dispatcher) and a `failed` status webhook (intake): one place maps actions to recipient
 * states, defer reasons and campaign pause reasons.
 */

export type ActionTarget = { phoneNumberId: string } | { campaignId: string };

export interface ActionInput {
  recipient: { id: number; campaignId: string; attemptId: string; status: RecipientStatus };
  phoneNumberId: string;
  action: DispatchAction;
  error: { code: number | null; title: string; detail: string | null };
  now: number;
}

export interface ActionEffect {
  /** The recipient's new status, or null if it had moved meanwhile. */
  status: RecipientStatus | null;
  /** Campaigns to pause (the caller pauses them in the same transaction). */
  pause: { target: ActionTarget; reason: string; detail: string | null } | null;
}

const numberPauseReasons: Record<NumberPauseReason, string> = {
  auth: 'auth_error_190',
  spam: 'spam_limit_131048',
  restriction: 'account_restricted',
  quality: 'quality_drop',
};

/** Applies `action` to the recipient (conditional on its current status); returns the effect. */
export async function applyAction(
  tx: Executor,
  moves: repo.CountMoves,
  input: ActionInput,
): Promise<ActionEffect> {
  const { recipient: r, action, error, now } = input;
  const detail = `${error.code ?? ''} ${error.title}`.trim();
  const failed = (reason: string | null): [RecipientStatus, repo.RecipientPatch] => {
    const advice = error.code === null ? null : adviseFailure(error.code);
    return [
      'failed',
      {
        reason,
        errorCode: error.code,
        errorTitle: error.title.slice(0, 300),
        errorDetail: error.detail?.slice(0, 1000) ?? null,
        failureKind: advice?.kind ?? 'unknown',
        failedAt: now,
      },
    ];
  };
  const deferred = (reason: string, dueAt: number): [RecipientStatus, repo.RecipientPatch] => [
    'deferred',
    { reason, dueAt, errorCode: error.code, errorTitle: error.title.slice(0, 300) },
  ];
  // Refused before sending: it goes back to the queue as it was, due now.
  const requeued: [RecipientStatus, repo.RecipientPatch] = ['queued', { reason: null, dueAt: now }];
  let next: [RecipientStatus, repo.RecipientPatch];
  let pause: ActionEffect['pause'] = null;
  switch (action.action) {
    case 'slow_down':
      next = deferred('throttled', action.retryAt);
      break;
    case 'retry_pair':
      next = deferred('pair_limit', action.retryAt);
      break;
    case 'retry_backoff':
      next = deferred('retry_backoff', action.retryAt);
      break;
    case 'retry_after_24h':
      next = deferred('retry_24h', action.retryAt);
      break;
    case 'defer_limit':
      next = deferred('messaging_limit', now + 60_000);
      break;
    case 'fail':
      next = failed(null);
      break;
    case 'not_on_whatsapp':
      next = failed('not_on_whatsapp');
      break;
    case 'mark_unknown':
      next = ['unknown', {}];
      break;
    case 'pause_number':
      next = requeued;
      pause = {
        target: { phoneNumberId: input.phoneNumberId },
        reason: numberPauseReasons[action.reason],
        detail,
      };
      break;
    case 'pause_campaign':
      next = requeued;
      pause = {
        target: { campaignId: r.campaignId },
        reason: action.reason === 'template_paused' ? 'template_paused' : 'template_disabled',
        detail,
      };
      break;
  }
  const [to, patch] = next;
  const moved = await repo.moveRecipient(tx, { attemptId: r.attemptId }, r.status, to, patch, now);
  if (!moved) return { status: null, pause };
  moves.move(r.campaignId, r.status, to);
  return { status: to, pause };
}
