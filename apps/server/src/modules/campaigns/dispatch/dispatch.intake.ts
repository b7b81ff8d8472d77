import type { RecipientStatus } from '@kiana/contracts';
import type { Executor } from '../../../db/executor';
import { parseStatus, type ParsedStatus } from '../../conversations/conversations.service';
import type { IntakeHandler } from '../../webhooks/webhooks.intake';
import { attemptIdOf } from '../sender/sender';
import { applyAction, type ActionEffect } from './dispatch.outcome';
import { decideOnFailure, failureOfStatusCode } from './dispatch.policy';
import * as repo from './dispatch.repo';
import type { CampaignFinishedHooks } from '../campaigns.finished';

/**
 * Campaign recipients follow their status webhooks in the intake transaction (never through
 * the bus): a status carrying `c:<attemptId>` in `biz_opaque_callback_data` resolves the
 * recipient of that attempt, whether its send's answer came back already, never came (a
 * crash: `unknown`), or is still on its way (`sending`). States only move forward (sent <
 * delivered < read; `failed` is terminal and comes only before delivery), so duplicates and
 * any order give one result. A `failed` status goes through the same policy as a send's
 * error. Inbound messages within the reply window mark `repliedAt`, opt-outs `optedOutAt`.
 */

const rank: Partial<Record<RecipientStatus, number>> = {
  sending: 0,
  unknown: 0,
  sent: 1,
  delivered: 2,
  read: 3,
};
const timeColumn = { sent: 'sentAt', delivered: 'deliveredAt', read: 'readAt' } as const;
const HOUR = 3_600_000;
const MAX_REPLY_HOURS = 24 * 30;

export function campaignsIntakeHandler(deps: {
  now: () => number;
  /** What follows a completion, in the intake transaction (the `campaign.finished` event). */
  finished?: CampaignFinishedHooks;
  /** Whether the portfolio of the number has reached its messaging limit (131048 vs spam). */
  isLimitReached?: (phoneNumberId: string) => boolean;
}): IntakeHandler {
  return {
    name: 'campaigns.recipients',
    fields: ['messages'],
    after: ['conversations.messages', 'contacts.consent'],
    async apply(tx, changes, context) {
      const statuses: ParsedStatus[] = [];
      for (const { value } of changes) {
        if (!Array.isArray(value.statuses)) continue;
        for (const raw of value.statuses as unknown[]) {
          const data = (raw as { biz_opaque_callback_data?: unknown }).biz_opaque_callback_data;
          if (attemptIdOf(typeof data === 'string' ? data : null) === null) continue;
          try {
            statuses.push(parseStatus(raw));
          } catch {
            // The conversations handler notes malformed elements; nothing to add here.
          }
        }
      }
      if (statuses.length > 0) await applyStatuses(tx, statuses, deps);
      for (const m of context.received) {
        if (m.waId === null) continue;
        await attributeInbound(tx, `+${m.waId}`, m.at);
      }
    },
  };
}

async function applyStatuses(
  tx: Executor,
  statuses: readonly ParsedStatus[],
  deps: {
    now: () => number;
    isLimitReached?: (phoneNumberId: string) => boolean;
    finished?: CampaignFinishedHooks;
  },
): Promise<void> {
  const ids = [
    ...new Set(statuses.map((s) => attemptIdOf(s.event.bizOpaqueCallbackData ?? null) ?? '')),
  ];
  const rows = await repo.recipientsByAttempt(tx, ids);
  const now = deps.now();
  const moves = new repo.CountMoves();
  const pauses: NonNullable<ActionEffect['pause']>[] = [];
  const touched = new Set<string>();
  // Earliest event first, so the furthest state wins and times are the earliest seen.
  const ordered = [...statuses].sort((a, b) => a.event.at - b.event.at);
  for (const s of ordered) {
    const attemptId = attemptIdOf(s.event.bizOpaqueCallbackData ?? null);
    const row = attemptId === null ? undefined : rows.get(attemptId);
    if (attemptId === null || row === undefined) continue;
    const current = rank[row.status];
    if (current === undefined) continue; // queued, deferred, skipped, failed: not this attempt's
    const at = s.event.at;
    if (s.event.status === 'failed') {
      if (current > 1) continue; // delivered or read: the customer has it
      const code = s.event.error?.code ?? 0;
      const action = decideOnFailure(failureOfStatusCode(code), {
        at: now,
        priorTransientFailures: row.reason === 'retry_backoff' ? row.attempts : 0,
        priorPairFailures: row.reason === 'pair_limit' ? row.attempts : 0,
        hasRetriedAfter24h: row.reason === 'retry_24h',
        isMessagingLimitReached: deps.isLimitReached?.(row.phoneNumberId) ?? false,
      });
      const effect = await applyAction(tx, moves, {
        recipient: { id: row.id, campaignId: row.campaignId, attemptId, status: row.status },
        phoneNumberId: row.phoneNumberId,
        action,
        error: {
          code,
          title: s.event.error?.title ?? 'Failed',
          detail: s.event.error?.details ?? s.event.error?.message ?? null,
        },
        now,
      });
      if (effect.status !== null) {
        row.status = effect.status;
        touched.add(row.campaignId);
        if (effect.status === 'deferred') await repo.reopenCampaign(tx, row.campaignId, now);
      }
      if (effect.pause !== null) pauses.push(effect.pause);
      continue;
    }
    const step = s.event.status === 'played' ? 'read' : s.event.status;
    const target = rank[step];
    if (target === undefined) continue;
    const patch: repo.RecipientPatch = { wamid: row.wamid ?? s.wamid };
    let isChanged = row.wamid === null;
    row.wamid = patch.wamid ?? null;
    // Reaching a step proves the earlier ones: fill their times too (earliest wins, to the
    // second: Meta's timestamps are whole seconds, so the send's answer, stored to the
    // millisecond, is not pulled back to the start of its own second).
    for (const k of ['sent', 'delivered', 'read'] as const) {
      if ((rank[k] ?? 0) > target) break;
      const col = timeColumn[k];
      const stored = row[col];
      if (stored === null || Math.floor(at / 1000) < Math.floor(stored / 1000)) {
        patch[col] = at;
        row[col] = at;
        isChanged = true;
      }
    }
    if (target > current) {
      let moved = await repo.moveRecipient(tx, { attemptId }, row.status, step, patch, now);
      if (!moved) {
        // Moved by another writer since it was read: the dispatcher marks a send whose answer
        // never came `unknown` while this status may be on its way (PostgreSQL, no shared
        // lock: the send has no wamid). Move it on from where it is now.
        const fresh = (await repo.recipientsByAttempt(tx, [attemptId])).get(attemptId);
        if (fresh !== undefined && (rank[fresh.status] ?? target) < target) {
          row.status = fresh.status;
          moved = await repo.moveRecipient(tx, { attemptId }, row.status, step, patch, now);
        }
      }
      if (moved) {
        moves.move(row.campaignId, row.status, step);
        row.status = step;
        touched.add(row.campaignId);
      }
    } else if (isChanged) {
      // A `sent` after the send's answer already wrote it: nothing new, no statement.
      await repo.patchRecipient(tx, row.id, patch, now);
    }
  }
  await moves.apply(tx);
  for (const p of pauses) await repo.pauseCampaigns(tx, p.target, p.reason, p.detail, now);
  for (const id of touched)
    if (await repo.completeIfDone(tx, id, now)) await deps.finished?.finished(tx, id, now);
}

/** A message from a recipient: a reply within the campaign's window, and a later opt-out. */
async function attributeInbound(tx: Executor, phoneE164: string, at: number): Promise<void> {
  const candidates = await repo.replyCandidates(tx, phoneE164, at - MAX_REPLY_HOURS * HOUR);
  const replied = candidates
    .filter(
      (c) => c.sentAt !== null && c.sentAt <= at && at - c.sentAt <= c.replyAttributionHours * HOUR,
    )
    .map((c) => c.id);
  await repo.markReplied(tx, replied, at);
  const optedOutAt = await repo.optedOutAtOf(tx, phoneE164);
  if (optedOutAt !== null) await repo.markOptedOut(tx, phoneE164, optedOutAt);
}
