import type { CampaignStatus } from '@kiana/contracts';
import { ConflictError } from '../../errors';

/**
 * The campaign state machine: which statuses each operator action may start from. Anything
 * else is refused with 409 `campaign_invalid_transition`, naming the status it was in.
 * (The dispatcher moves running → paused on its own and running → completed; the
 * materialiser moves scheduled → materialising → running.)
 */
export const allowedFrom = {
  update: ['draft'],
  remove: ['draft'],
  launch: ['draft'],
  approve: ['awaiting_approval'],
  /** Back to draft: the maker withdraws, or the checker sends it back. */
  reject: ['awaiting_approval'],
  pause: ['running', 'materialising'],
  resume: ['paused'],
  cancel: ['awaiting_approval', 'scheduled', 'materialising', 'running', 'paused'],
  retry: ['running', 'paused', 'completed'],
  testSend: ['draft', 'awaiting_approval', 'scheduled', 'paused'],
} as const satisfies Record<string, readonly CampaignStatus[]>;

export type CampaignAction = keyof typeof allowedFrom;

/** Throws unless `action` may start from `status`. */
export function assertTransition(action: CampaignAction, status: string): void {
  if (!(allowedFrom[action] as readonly string[]).includes(status)) throw refused(action, status);
}

/** The 409 for an action refused in this status. */
export function refused(action: CampaignAction, status: string): ConflictError {
  return new ConflictError(
    `A campaign that is ${status.replace('_', ' ')} cannot be ${verbs[action]}.`,
    { action, status, allowedFrom: allowedFrom[action] },
    'campaign_invalid_transition',
  );
}

const verbs: Record<CampaignAction, string> = {
  update: 'edited',
  remove: 'deleted',
  launch: 'launched',
  approve: 'approved',
  reject: 'sent back to draft',
  pause: 'paused',
  resume: 'resumed',
  cancel: 'cancelled',
  retry: 'retried',
  testSend: 'test-sent',
};
