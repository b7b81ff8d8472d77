import { randomBytes } from 'node:crypto';
import type { SimContext } from '../context';
import { digitsOf, tierSize, type MessagingTier, type PhoneNumberDef } from '../state/model';
import { accountEnvelope, messagesEnvelope } from './envelopes';

// Account-level webhooks Meta sends on its own (NOTES §3.7): messaging-limit changes
// (`phone_number_quality_update` + `business_capability_update`), `account_update`
// (restrictions, violations, bans, verification), display-name reviews
// (`phone_number_name_update`) and the group events of the spec's webhook examples.

/**
 * A portfolio messaging-limit change: `phone_number_quality_update` (UPGRADE / DOWNGRADE)
 * first, then `business_capability_update` once the first has been attempted, so
 * receivers see them in Meta's order.
 */
export function emitMessagingLimitChange(
  ctx: SimContext,
  phone: PhoneNumberDef,
  previous: MessagingTier,
  tier: MessagingTier,
): void {
  const up = tierSize[tier] > tierSize[previous];
  ctx.sender.send(
    phone.wabaId,
    accountEnvelope(phone.wabaId, 'phone_number_quality_update', {
      display_phone_number: digitsOf(phone.displayPhoneNumber),
      event: up ? 'UPGRADE' : 'DOWNGRADE',
      old_limit: previous,
      current_limit: tier,
      max_daily_conversations_per_business: tier,
    }),
    'phone_number_quality_update',
    1,
    () => emitBusinessCapability(ctx, phone.wabaId, tier),
  );
}

/** `business_capability_update` for a portfolio tier (Meta's reference payload). */
export function emitBusinessCapability(ctx: SimContext, wabaId: string, tier: MessagingTier): void {
  const size = tierSize[tier];
  const perPhone = Number.isFinite(size) ? size : -1;
  ctx.sender.send(
    wabaId,
    accountEnvelope(wabaId, 'business_capability_update', {
      // Deprecated count (-1 = unlimited), still sent until Meta removes it.
      max_daily_conversation_per_phone: perPhone,
      max_daily_conversations_per_business: tier,
      // Meta sends the per-portfolio number limit only at 250, the per-WABA one otherwise.
      ...(perPhone === 250
        ? { max_phone_numbers_per_business: 2 }
        : { max_phone_numbers_per_waba: 25 }),
    }),
    'business_capability_update',
  );
}

export interface AccountUpdateInput {
  event: string;
  [key: string]: unknown;
}

/** `account_update` with Meta's per-event details filled in when not given. */
export function emitAccountUpdate(
  ctx: SimContext,
  wabaId: string,
  input: AccountUpdateInput,
): object {
  const value = { ...defaultsFor(ctx, input.event), ...input };
  ctx.sender.send(
    wabaId,
    accountEnvelope(wabaId, 'account_update', value, ctx.clock.now()),
    'account_update',
  );
  return value;
}

function defaultsFor(ctx: SimContext, event: string): Record<string, unknown> {
  const nowS = Math.floor(ctx.clock.now() / 1000);
  switch (event) {
    case 'ACCOUNT_RESTRICTION':
      return {
        restriction_info: [
          { restriction_type: 'RESTRICTED_BIZ_INITIATED_MESSAGING', expiration: nowS + 7 * 86400 },
        ],
      };
    case 'ACCOUNT_VIOLATION':
      return { violation_info: { violation_type: 'SCAM' } };
    case 'DISABLED_UPDATE':
      return {
        ban_info: {
          waba_ban_state: 'DISABLE',
          waba_ban_date: new Date().toLocaleDateString('en-US', {
            month: 'long',
            day: 'numeric',
            year: 'numeric',
          }),
        },
      };
    case 'VERIFIED_ACCOUNT': {
      const first = ctx.store.numbers.values().next().value;
      return first !== undefined ? { phone_number: digitsOf(first.displayPhoneNumber) } : {};
    }
    default:
      return {};
  }
}

export interface NameDecision {
  decision: 'APPROVED' | 'REJECTED' | 'DEFERRED' | 'PENDING';
  requestedName?: string;
  rejectionReason?: string | null;
}

/** `phone_number_name_update`; APPROVED makes the requested name the verified name. */
export function emitPhoneNameUpdate(
  ctx: SimContext,
  phone: PhoneNumberDef,
  d: NameDecision,
): object {
  const requested = d.requestedName ?? phone.verifiedName;
  if (d.decision === 'APPROVED') phone.verifiedName = requested;
  const value = {
    display_phone_number: digitsOf(phone.displayPhoneNumber),
    decision: d.decision,
    requested_verified_name: requested,
    rejection_reason:
      d.decision === 'REJECTED' ? (d.rejectionReason ?? 'NAME_FORMAT_UNACCEPTABLE') : null,
  };
  ctx.sender.send(
    phone.wabaId,
    accountEnvelope(phone.wabaId, 'phone_number_name_update', value),
    'phone_number_name_update',
  );
  return value;
}

export interface GroupEventInput {
  group_id: string;
  type: string;
  request_id?: string;
  [key: string]: unknown;
}

/** A `group_*` webhook shaped like the spec's examples (`value.groups[]` with metadata). */
export function emitGroupEvent(
  ctx: SimContext,
  phone: PhoneNumberDef,
  field: string,
  group: GroupEventInput,
): object {
  const event = {
    // A string in the spec's examples although its schema says integer.
    timestamp: String(Math.floor(Date.now() / 1000)),
    request_id: randomBytes(16).toString('hex').toUpperCase(),
    ...group,
  };
  ctx.sender.send(phone.wabaId, messagesEnvelope(phone, { groups: [event] }, field), field);
  return event;
}
