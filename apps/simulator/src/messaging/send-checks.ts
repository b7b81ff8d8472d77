import type { SendMessageRequest } from '@kiana/contracts';
import type { SimContext } from '../context';
import { waIdOfBsuid } from '../customers/identity';
import { MetaError } from '../graph/errors';
import { liveMedia, mediaIdOfSend } from '../media/lifetime';
import { normaliseRecipient, toWaId } from '../numbers/wa-id';
import { digitsOf, type PhoneNumberDef } from '../state/model';

// The synchronous checks of a send that are not about limits or templates: who the recipient
// is, whether the account may send at all, and whether media ids exist.

const DAY_MS = 24 * 3600 * 1000;

export interface Recipient {
  /** What the business sent (`to` or `recipient`), echoed in `contacts[].input`. */
  input: string;
  waId: string;
  /** True when addressed by business-scoped user id (`recipient`). */
  byUserId: boolean;
}

/**
 * Resolves `to` (a phone number in any formatting) or `recipient` (a BSUID; `to` wins when
 * both are given, NOTES §1.1) to the customer's wa_id.
 */
export function resolveRecipient(
  ctx: SimContext,
  phone: PhoneNumberDef,
  body: SendMessageRequest,
): Recipient {
  let recipient: Recipient;
  if (body.to !== undefined) {
    const digits = normaliseRecipient(body.to);
    if (digits === undefined)
      throw new MetaError(100, `Invalid parameter: to (${body.to}) is not a valid phone number`);
    recipient = { input: body.to, waId: toWaId(digits), byUserId: false };
    if (phone.testNumber === true && !isAllowed(phone, digits, recipient.waId)) {
      // Test numbers only reach the (at most five) numbers on their allow-list.
      throw new MetaError(131030, 'Recipient phone number not in allowed list');
    }
  } else {
    const userId = body.recipient ?? '';
    const waId = waIdOfBsuid(ctx.store, userId);
    if (waId === undefined)
      throw new MetaError(100, `Invalid parameter: recipient (${userId}) is not a known user id`);
    recipient = { input: userId, waId, byUserId: true };
  }
  if (recipient.waId === digitsOf(phone.displayPhoneNumber))
    throw new MetaError(131021, 'Recipient cannot be sender.');
  return recipient;
}

function isAllowed(phone: PhoneNumberDef, digits: string, waId: string): boolean {
  const allowed = phone.allowedRecipients ?? [];
  return allowed.includes(waId) || allowed.includes(digits);
}

/**
 * Account restrictions (`account_update`, NOTES §3.7): a banned WABA sends nothing (131031,
 * "Business account has been locked"); one under RESTRICTED_BIZ_INITIATED_MESSAGING may still
 * answer inside a service window but business-initiated sends fail (368, "Temporarily blocked
 * for policies violations"). Meta documents no dedicated code for the restriction; 368 is the
 * policy-block code of its catalogue (NOTES §2.4).
 */
export function checkAccount(
  ctx: SimContext,
  phone: PhoneNumberDef,
  windowOpen: boolean,
  now: number,
): void {
  const r = ctx.store.restrictions.get(phone.wabaId);
  if (r === undefined) return;
  if (r.banned === true)
    throw new MetaError(131031, 'Business account has been locked: the account is banned.');
  if (!windowOpen && r.bizInitiatedUntil !== undefined && now < r.bizInitiatedUntil)
    throw new MetaError(
      368,
      'Business-initiated messaging is restricted for this account (RESTRICTED_BIZ_INITIATED_MESSAGING).',
    );
}

/**
 * A media id the business never uploaded (and that did not expire) is refused at once:
 * "(#100) Param image['id'] is not a valid whatsapp business account media attachment ID".
 * Expired ids pass here and fail later with 131053 (media lifetimes, NOTES §5.2).
 */
export function checkMediaId(ctx: SimContext, body: SendMessageRequest): void {
  const id = mediaIdOfSend(body);
  if (id === undefined || ctx.store.expiredMedia.has(id)) return;
  if (ctx.store.media.has(id) || liveMedia(ctx, id) !== undefined) return;
  throw new MetaError(
    100,
    `Param ${body.type}['id'] is not a valid whatsapp business account media attachment ID`,
  );
}

/**
 * A reaction is delivered only when its target is a message of this chat not older than 30
 * days (Meta, "Reaction messages": otherwise it is not delivered and a failed status with
 * 131009 follows). Returns the async failure code, if any.
 */
export function reactionFailure(
  ctx: SimContext,
  phone: PhoneNumberDef,
  body: SendMessageRequest,
  waId: string,
  now: number,
): number | undefined {
  if (body.type !== 'reaction') return undefined;
  const target = body.reaction.message_id;
  const inbound = ctx.store.inbound.get(target);
  if (inbound !== undefined)
    return inbound.phoneNumberId === phone.id &&
      inbound.waId === waId &&
      now - inbound.at <= 30 * DAY_MS
      ? undefined
      : 131009;
  const outbound = ctx.store.messagesById.get(target);
  if (
    outbound !== undefined &&
    outbound.type !== 'reaction' &&
    outbound.phone_number_id === phone.id &&
    outbound.wa_id === waId &&
    now - outbound.received_at <= 30 * DAY_MS
  )
    return undefined;
  return 131009;
}
