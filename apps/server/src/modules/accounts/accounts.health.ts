import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { WhatsAppDeps } from './accounts.deps';
import {
  findPhoneNumberRow,
  insertHealthEventRow,
  listPhoneNumberRows,
  updateAccountRow,
  updatePhoneNumberRow,
  upsertPhoneNumberRow,
  deletePhoneNumbersNotIn,
  type AccountRow,
  type PhoneNumberRow,
} from './accounts.repo';
import { compareTiers, isQualityDrop, normaliseQuality, tierLabel } from './accounts.mapper';
import type { PhoneNumber } from '../../whatsapp/graph.schemas';
import './accounts.events';

export type Severity = 'info' | 'warning' | 'critical';

/** One change of a number's or an account's health, written to history and published. */
export interface HealthChange {
  account: AccountRow;
  phoneNumberId: string | null;
  kind: 'quality' | 'messaging_limit' | 'throughput' | 'status' | 'name_status' | 'account';
  previousValue: string | null;
  newValue: string | null;
  severity: Severity;
  source: 'sync' | 'webhook';
  message: string;
}

/** Records a health change in the history and publishes it for the UI and the campaigns module. */
export async function recordHealthChange(deps: WhatsAppDeps, change: HealthChange): Promise<void> {
  await insertHealthEventRow(deps.db, {
    id: randomUUID(),
    accountId: change.account.id,
    phoneNumberId: change.phoneNumberId,
    kind: change.kind,
    previousValue: change.previousValue,
    newValue: change.newValue,
    severity: change.severity,
    source: change.source,
    message: change.message,
    at: deps.clock.now(),
    acknowledgedAt: null,
  });
  deps.bus.publish('accounts.health', {
    accountId: change.account.id,
    phoneNumberId: change.phoneNumberId,
    kind: change.kind,
    previousValue: change.previousValue,
    newValue: change.newValue,
    severity: change.severity,
    message: change.message,
  });
  if (change.kind === 'quality' && change.phoneNumberId !== null && change.newValue !== null) {
    if (isQualityDrop(change.previousValue, change.newValue)) {
      deps.bus.publish('accounts.quality_dropped', {
        accountId: change.account.id,
        phoneNumberId: change.phoneNumberId,
        previousRating: change.previousValue,
        rating: change.newValue,
      });
    }
  }
}

/** The fields read for every number: health, throughput and the portfolio messaging limit. */
export const phoneNumberFields = [
  'id',
  'display_phone_number',
  'verified_name',
  'quality_rating',
  'throughput',
  'name_status',
  'status',
  'messaging_limit_tier',
  'whatsapp_business_manager_messaging_limit',
] as const;

function qualityMessage(
  number: string,
  previous: string | null,
  current: string,
): { severity: Severity; message: string } {
  if (isQualityDrop(previous, current)) {
    return {
      severity: current === 'RED' ? 'critical' : 'warning',
      message: `Quality of ${number} dropped from ${previous ?? '?'} to ${current}; its running campaigns are paused.`,
    };
  }
  return {
    severity: 'info',
    message: `Quality of ${number} is now ${current}${previous === null ? '' : ` (was ${previous})`}.`,
  };
}

/**
 * Stores the numbers Meta listed for an account, recording every change of quality,
 * throughput, name status and status against what was stored, and the portfolio limit.
 */
export async function applyNumbersFromMeta(
  deps: WhatsAppDeps,
  account: AccountRow,
  numbers: readonly PhoneNumber[],
): Promise<void> {
  const now = deps.clock.now();
  for (const n of numbers) {
    const before = await findPhoneNumberRow(deps.db, n.id);
    const display = n.display_phone_number ?? before?.displayPhoneNumber ?? n.id;
    const next = {
      qualityRating: n.quality_rating ?? null,
      throughputLevel: n.throughput?.level ?? null,
      nameStatus: n.name_status ?? null,
      status: n.status ?? null,
    };
    await upsertPhoneNumberRow(deps.db, {
      id: before?.id ?? randomUUID(),
      accountId: account.id,
      phoneNumberId: n.id,
      displayPhoneNumber: display,
      verifiedName: n.verified_name ?? before?.verifiedName ?? null,
      ...next,
      refreshedAt: now,
      createdAt: before?.createdAt ?? now,
    });
    if (before === undefined) continue;
    await diffNumber(deps, account, before, next, display);
  }
  await deletePhoneNumbersNotIn(
    deps.db,
    account.id,
    numbers.map((n) => n.id),
  );
  const tier = numbers
    .map((n) => n.whatsapp_business_manager_messaging_limit ?? n.messaging_limit_tier)
    .find((t) => t !== undefined);
  if (tier !== undefined) await applyTier(deps, account, tier, 'sync');
}

async function diffNumber(
  deps: WhatsAppDeps,
  account: AccountRow,
  before: PhoneNumberRow,
  next: {
    qualityRating: string | null;
    throughputLevel: string | null;
    nameStatus: string | null;
    status: string | null;
  },
  display: string,
): Promise<void> {
  const base = { account, phoneNumberId: before.phoneNumberId, source: 'sync' as const };
  const prevQ = normaliseQuality(before.qualityRating);
  const nextQ = normaliseQuality(next.qualityRating);
  if (prevQ !== nextQ) {
    await recordHealthChange(deps, {
      ...base,
      kind: 'quality',
      previousValue: prevQ,
      newValue: nextQ,
      ...qualityMessage(display, prevQ, nextQ),
    });
  }
  if (next.throughputLevel !== null && next.throughputLevel !== before.throughputLevel) {
    await recordHealthChange(deps, {
      ...base,
      kind: 'throughput',
      previousValue: before.throughputLevel,
      newValue: next.throughputLevel,
      severity: 'info',
      message: `Throughput of ${display} is now ${next.throughputLevel}.`,
    });
  }
  for (const kind of ['status', 'name_status'] as const) {
    const prev = kind === 'status' ? before.status : before.nameStatus;
    const cur = kind === 'status' ? next.status : next.nameStatus;
    if (cur !== null && prev !== cur && !(kind === 'status' && isSameNumberStatus(prev, cur))) {
      await recordHealthChange(deps, {
        ...base,
        kind,
        previousValue: prev,
        newValue: cur,
        severity:
          cur === 'BANNED' || cur === 'RESTRICTED' || cur === 'DECLINED' ? 'critical' : 'info',
        message: `${kind === 'status' ? 'Status' : 'Display name status'} of ${display} is now ${cur}.`,
      });
    }
  }
}

/** Stores a new business-wide messaging limit tier and records the change. */
export async function applyTier(
  deps: WhatsAppDeps,
  account: AccountRow,
  tier: string,
  source: 'sync' | 'webhook',
): Promise<void> {
  if (tier === account.messagingLimitTier) return;
  await updateAccountRow(deps.db, account.id, {
    messagingLimitTier: tier,
    updatedAt: deps.clock.now(),
  });
  const lower =
    account.messagingLimitTier !== null && compareTiers(tier, account.messagingLimitTier) < 0;
  await recordHealthChange(deps, {
    account,
    phoneNumberId: null,
    kind: 'messaging_limit',
    previousValue: account.messagingLimitTier,
    newValue: tier,
    severity: lower ? 'warning' : 'info',
    source,
    message: `Messaging limit is now ${tierLabel(tier)} unique customers per 24 h${
      account.messagingLimitTier === null ? '' : ` (was ${tierLabel(account.messagingLimitTier)})`
    }.`,
  });
  account.messagingLimitTier = tier;
}

/** `phone_number_quality_update` (NOTES.md §3.7): limits, throughput, flags by display number. */
export const phoneNumberQualityValueSchema = z.looseObject({
  display_phone_number: z.string(),
  event: z.string(),
  old_limit: z.string().optional(),
  current_limit: z.string().optional(),
  max_daily_conversations_per_business: z.string().optional(),
});

/** Finds the number of an account by the digits Meta puts in `display_phone_number`. */
export async function findNumberByDisplay(
  deps: WhatsAppDeps,
  accountId: string,
  display: string,
): Promise<PhoneNumberRow | undefined> {
  const digits = display.replace(/\D/g, '');
  const numbers = await listPhoneNumberRows(deps.db, accountId);
  return numbers.find((n) => n.displayPhoneNumber.replace(/\D/g, '') === digits);
}

/** Applies a flag/unflag or throughput event to a number. */
export async function applyNumberEvent(
  deps: WhatsAppDeps,
  account: AccountRow,
  number: PhoneNumberRow | undefined,
  event: string,
  display: string,
): Promise<void> {
  const phoneNumberId = number?.phoneNumberId ?? null;
  if (event === 'THROUGHPUT_UPGRADE' && number !== undefined) {
    await updatePhoneNumberRow(deps.db, number.phoneNumberId, {
      throughputLevel: 'HIGH',
      refreshedAt: deps.clock.now(),
    });
    await recordHealthChange(deps, {
      account,
      phoneNumberId,
      kind: 'throughput',
      previousValue: number.throughputLevel,
      newValue: 'HIGH',
      severity: 'info',
      source: 'webhook',
      message: `Throughput of ${display} was upgraded to 1,000 messages per second.`,
    });
    return;
  }
  // FLAGGED: Meta warns that the number's quality is low and its limit may drop; the exact
  // rating is read back from the number right after (see refreshNumber in the service).
  const severity: Severity = event === 'FLAGGED' || event === 'DOWNGRADE' ? 'warning' : 'info';
  await recordHealthChange(deps, {
    account,
    phoneNumberId,
    kind: 'status',
    previousValue: null,
    newValue: event,
    severity,
    source: 'webhook',
    message: `Meta reported ${event} for ${display}.`,
  });
}

// Older API versions (and the simulator) report a working number as CONNECTED, which v23's
// enum (PENDING, LINKED, UNLINKED, DELETED, MIGRATED, BANNED, RESTRICTED) replaced by LINKED
// (NOTES §5.1). Both are accepted; a switch between them is not a change of health.
const workingStatuses = new Set(['CONNECTED', 'LINKED']);

/** True when two phone-number statuses mean the same state (CONNECTED and LINKED). */
export function isSameNumberStatus(a: string | null, b: string | null): boolean {
  return a === b || (workingStatuses.has(a ?? '') && workingStatuses.has(b ?? ''));
}
