import type { SendMessageRequest, SendMessageResponse } from '@kiana/contracts';
import type { SimContext } from '../context';
import { bsuidOf } from '../customers/identity';
import { detailsOf, MetaError } from '../graph/errors';
import { isExpiredMedia, mediaIdOfSend } from '../media/lifetime';
import { portfolioOf } from '../limits/scaling';
import { priceOf } from '../pricing/pricing';
import { isPaced } from '../quality/pacing';
import { newWamid } from '../state/ids';
import type { PhoneNumberDef, TemplateDef } from '../state/model';
import type { SentMessage } from '../state/store';
import { expirePauses } from '../templates/lifecycle';
import { checkTemplateSend } from '../templates/send-check';
import { describeOutbound } from './describe';
import { checkAccount, checkMediaId, reactionFailure, resolveRecipient } from './send-checks';

// Accepting a send: synchronous checks in Meta's order (recipient, account, throughput, pair
// limit, template), then the asynchronous outcome the status webhooks will report (NOTES §1,
// §6). Everything time-based runs on the simulated clock except throughput (real seconds).

const DAY_MS = 24 * 3600 * 1000;

export interface Accepted {
  response: SendMessageResponse;
  message: SentMessage;
  /** Set when the message will fail asynchronously with this code. */
  failCode?: number;
}

export interface SendOptions {
  /** Sent through the Marketing Messages Lite API (`/marketing_messages`). */
  viaMarketingLite?: boolean;
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
  options: SendOptions = {},
): Accepted {
  const now = ctx.clock.now();
  const recipient = resolveRecipient(ctx, phone, body);
  const { waId } = recipient;
  const windowOpen = ctx.store.isWindowOpen(phone.id, waId, now);
  checkAccount(ctx, phone, windowOpen, now);
  if (!ctx.limiter.takeThroughput(phone, Date.now())) {
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
  checkMediaId(ctx, body);
  const limits = ctx.settings.limits;
  if (template === undefined && !windowOpen && limits.windowFailureMode === 'sync') {
    throw new MetaError(131047, detailsOf(131047));
  }
  const tier = ctx.store.waba.messagingLimitTier;
  if (
    !windowOpen &&
    limits.tierFailureMode === 'sync' &&
    ctx.limiter.isOverTier(portfolioOf(ctx), tier, waId, now)
  ) {
    throw new MetaError(131048, detailsOf(131048));
  }
  const pricing = priceOf({
    template,
    waId,
    businessCountry: ctx.store.waba.country ?? 'US',
    windowOpen,
    entryPointOpen: ctx.store.isEntryPointOpen(phone.id, waId, now),
    viaMarketingLite: options.viaMarketingLite === true,
  });
  const failCode =
    asyncFailure(ctx, body, waId, template, windowOpen) ??
    reactionFailure(ctx, phone, body, waId, now) ??
    marketingCapFailure(ctx, template, waId, windowOpen, now);
  const held = failCode === undefined && template !== undefined && isPaced(ctx, template, now);
  const customer = ctx.store.customers.get(waId);
  const message: SentMessage = {
    id: newWamid(waId, 'outbound'),
    phone_number_id: phone.id,
    to: recipient.input,
    wa_id: waId,
    user_id: bsuidOf(waId, customer),
    ...(recipient.byUserId ? { sent_to_user_id: true } : {}),
    type: body.type,
    ...(template !== undefined
      ? { template_name: template.name, template_language: template.language }
      : {}),
    category: pricing.category,
    pricing,
    // Outside an open window a delivery counts against the portfolio's messaging limit.
    ...(!windowOpen ? { counts_for_limit: true } : {}),
    ...(held ? { held: true } : {}),
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
  if (customer !== undefined)
    ctx.store.addConversation(waId, describeOutbound(message, template, phone.id));
  return {
    response: {
      messaging_product: 'whatsapp',
      // A send by BSUID answers with the user id instead of the wa_id (NOTES §1.3).
      contacts: [
        recipient.byUserId
          ? { input: recipient.input, user_id: message.user_id }
          : { input: recipient.input, wa_id: waId },
      ],
      // message_status is present on template sends (template pacing, NOTES §1.3).
      messages: [
        {
          id: message.id,
          ...(template !== undefined
            ? {
                message_status: held
                  ? ('held_for_quality_assessment' as const)
                  : ('accepted' as const),
              }
            : {}),
        },
      ],
    },
    message,
    ...(failCode !== undefined ? { failCode } : {}),
  };
}

function asyncFailure(
  ctx: SimContext,
  body: SendMessageRequest,
  waId: string,
  template: TemplateDef | undefined,
  windowOpen: boolean,
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
  // A media id past its lifetime cannot be fetched by WhatsApp (131053, async).
  const mediaId = mediaIdOfSend(body);
  if (mediaId !== undefined && isExpiredMedia(ctx, mediaId)) return 131053;
  return undefined;
}

/**
 * The per-user marketing cap (131049, NOTES §6.4): WhatsApp limits how many marketing templates
 * one user receives per day; a further one fails and may be retried after 24 h. Sends inside an
 * open window are neither limited nor counted (Meta, "Per-user marketing template message
 * limits").
 */
function marketingCapFailure(
  ctx: SimContext,
  template: TemplateDef | undefined,
  waId: string,
  windowOpen: boolean,
  now: number,
): number | undefined {
  const cap = ctx.settings.limits.marketingCapPerUser;
  if (template?.category !== 'MARKETING' || windowOpen || cap === 0) return undefined;
  const recent = (ctx.store.marketingLog.get(waId) ?? []).filter((at) => now - at < DAY_MS);
  if (recent.length >= cap) {
    ctx.store.marketingLog.set(waId, recent);
    return 131049;
  }
  recent.push(now);
  ctx.store.marketingLog.set(waId, recent);
  return undefined;
}
