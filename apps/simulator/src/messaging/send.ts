import type { SendMessageRequest, SendMessageResponse } from '@kiana/contracts';
import type { SimContext } from '../context';
import { detailsOf, MetaError } from '../graph/errors';
import { normaliseRecipient, toWaId } from '../numbers/wa-id';
import { newWamid } from '../state/ids';
import { digitsOf, type PhoneNumberDef, type TemplateDef } from '../state/model';
import type { SentMessage } from '../state/store';
import { checkTemplateSend } from '../templates/send-check';
import { isExpiredMedia, mediaIdOfSend } from '../media/lifetime';
import { expirePauses } from '../templates/lifecycle';
import { describeOutbound } from './describe';

// Accepting a send: synchronous checks in Meta's order (recipient, throughput, pair limit,
// template), then the asynchronous outcome the status webhooks will report (NOTES §1, §6).

export interface Accepted {
  response: SendMessageResponse;
  message: SentMessage;
  /** Set when the message will fail asynchronously with this code. */
  failCode?: number;
}

/** Numbers ending in 0000 are not on WhatsApp (131026) unless they are known customers. */
export function isOnWhatsApp(ctx: SimContext, waId: string): boolean {
  const customer = ctx.store.customers.get(waId);
  if (customer !== undefined) return customer.onWhatsApp !== false;
  return !waId.endsWith('0000');
}

/** Validates and records a send, or throws the synchronous Meta error. */
export function acceptSend(
  ctx: SimContext,
  phone: PhoneNumberDef,
  body: SendMessageRequest,
  version: string,
  now = Date.now(),
): Accepted {
  const digits = normaliseRecipient(body.to);
  if (digits === undefined)
    throw new MetaError(100, `Invalid parameter: to (${body.to}) is not a valid phone number`);
  const waId = toWaId(digits);
  if (waId === digitsOf(phone.displayPhoneNumber))
    throw new MetaError(131021, 'Recipient cannot be sender.');
  if (phone.testNumber === true && !isAllowedRecipient(phone, digits, waId)) {
    // Test numbers only reach the (at most five) numbers on their allow-list.
    throw new MetaError(131030, 'Recipient phone number not in allowed list');
  }
  if (!ctx.limiter.takeThroughput(phone, now)) {
    throw new MetaError(130429, 'Cloud API message throughput has been reached.');
  }
  if (!ctx.limiter.takePair(phone.id, waId, now)) {
    throw new MetaError(
      131056,
      'Message failed to send because there were too many messages sent from this phone number to the same phone number in a short period of time.',
    );
  }
  let template: TemplateDef | undefined;
  if (body.type === 'template') {
    const { name, language, components } = body.template;
    template = ctx.store.findTemplate(phone.wabaId, name, language.code);
    // A pause ends by itself after 3 h / 6 h (simulated); checked lazily, only when paused.
    if (template?.status === 'PAUSED') expirePauses(ctx);
    checkTemplateSend(template, name, language.code, components ?? []);
  }
  const limits = ctx.settings.limits;
  const windowOpen = ctx.store.isWindowOpen(phone.id, waId, now);
  if (template === undefined && !windowOpen && limits.windowFailureMode === 'sync') {
    throw new MetaError(131047, detailsOf(131047));
  }
  const withinTier =
    windowOpen || ctx.limiter.takeTier(phone.wabaId, ctx.store.waba.messagingLimitTier, waId, now);
  if (!withinTier && limits.tierFailureMode === 'sync') {
    throw new MetaError(131048, detailsOf(131048));
  }
  const category = template !== undefined ? template.category.toLowerCase() : 'service';
  const failCode = asyncFailure(ctx, body, waId, template, windowOpen, withinTier);
  const message: SentMessage = {
    id: newWamid(waId, 'outbound'),
    phone_number_id: phone.id,
    to: body.to,
    wa_id: waId,
    type: body.type,
    ...(template !== undefined
      ? { template_name: template.name, template_language: template.language }
      : {}),
    category,
    ...(body.biz_opaque_callback_data !== undefined
      ? { biz_opaque_callback_data: body.biz_opaque_callback_data }
      : {}),
    received_at: now,
    api_version: version,
    status: 'accepted',
    payload: body,
  };
  ctx.store.addMessage(message);
  // Only simulated customers have a chat to show; keeping one per random recipient would
  // cost memory on benchmark runs.
  if (ctx.store.customers.has(waId)) {
    ctx.store.addConversation(waId, describeOutbound(message, template, phone.id));
  }
  return {
    response: {
      messaging_product: 'whatsapp',
      contacts: [{ input: body.to, wa_id: waId }],
      // message_status is present on template sends (template pacing, NOTES §1.3).
      messages: [
        {
          id: message.id,
          ...(template !== undefined ? { message_status: 'accepted' as const } : {}),
        },
      ],
    },
    message,
    ...(failCode !== undefined ? { failCode } : {}),
  };
}

function isAllowedRecipient(phone: PhoneNumberDef, digits: string, waId: string): boolean {
  const allowed = phone.allowedRecipients ?? [];
  return allowed.includes(waId) || allowed.includes(digits);
}

function asyncFailure(
  ctx: SimContext,
  body: SendMessageRequest,
  waId: string,
  template: TemplateDef | undefined,
  windowOpen: boolean,
  withinTier: boolean,
): number | undefined {
  if (!isOnWhatsApp(ctx, waId)) return 131026;
  if (template === undefined && !windowOpen) return 131047;
  const customer = ctx.store.customers.get(waId);
  if (template?.category === 'MARKETING') {
    if (customer?.marketingOptOut === true) return 131050;
    const held = ctx.settings.limits.experimentRecipients;
    if (customer?.marketingExperiment === true || (held.length > 0 && held.includes(waId)))
      return 130472;
    if (customer?.marketingCapped === true) return 131049;
  }
  if (!withinTier) return 131048;
  // A media id past its lifetime cannot be fetched by WhatsApp (131053, async).
  const mediaId =
    body.type === 'text' || body.type === 'template' ? undefined : mediaIdOfSend(body);
  if (mediaId !== undefined && isExpiredMedia(ctx, mediaId)) return 131053;
  return undefined;
}
