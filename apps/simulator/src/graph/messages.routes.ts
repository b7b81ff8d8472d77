import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { MarkReadRequest } from '@kiana/contracts';
import { phoneById, roll, type SimContext } from '../context';
import { acceptSend, type SendOptions } from '../messaging/send';
import type { PhoneNumberDef } from '../state/model';
import { buildStatus, scheduleStatuses } from '../status/pipeline';
import { authorize, checkVersion, unknownObject } from './auth';
import { MetaError } from './errors';
import { parseMessageBody } from './message-body';

// POST /{version}/{phone-number-id}/messages — sends and mark-as-read (NOTES §1, §10.1), with
// the send faults injected here: 5xx, resets, slow answers, status before response — and
// POST …/marketing_messages, the Marketing Messages Lite API (NOTES §9): the same template body,
// marketing templates only, billed as `marketing_lite`.

interface Params {
  version: string;
  phoneNumberId: string;
}

/** Registers the send-message and marketing-message endpoints. */
export function registerMessageRoutes(app: FastifyInstance, ctx: SimContext): void {
  app.post<{ Params: Params }>('/:version/:phoneNumberId/messages', (request, reply) =>
    handleSend(ctx, request, reply, {}),
  );
  app.post<{ Params: Params }>('/:version/:phoneNumberId/marketing_messages', (request, reply) =>
    handleSend(ctx, request, reply, { viaMarketingLite: true }),
  );
}

async function handleSend(
  ctx: SimContext,
  request: FastifyRequest<{ Params: Params }>,
  reply: FastifyReply,
  options: SendOptions,
): Promise<unknown> {
  const version = checkVersion(ctx, request.params.version);
  const phone = phoneById(ctx, request.params.phoneNumberId);
  authorize(ctx, request, phone?.wabaId, 'whatsapp_business_messaging');
  if (phone === undefined) throw unknownObject(request.params.phoneNumberId, 'post');
  const faults = ctx.settings.faults;
  if (roll(ctx, faults.slowResponse))
    await new Promise((r) => setTimeout(r, faults.slowResponseMs));
  if (roll(ctx, faults.connectionReset)) {
    request.raw.socket.destroy();
    return reply.hijack();
  }
  if (roll(ctx, faults.serverError)) {
    throw roll(ctx, 0.5)
      ? new MetaError(131000, 'Something went wrong.')
      : new MetaError(2, 'Service temporarily unavailable.');
  }
  const parsed = parseMessageBody(request.body);
  if (parsed.kind === 'read') {
    if (options.viaMarketingLite === true)
      throw new MetaError(100, 'marketing_messages only sends templates');
    markRead(ctx, phone, parsed.body);
    return { success: true };
  }
  if (options.viaMarketingLite === true) checkMarketingLite(ctx, phone, parsed.body);
  const accepted = acceptSend(ctx, phone, parsed.body, version, options);
  const { message, failCode } = accepted;
  if (message.held === true) {
    // Template pacing: nothing happens until the assessment ends (quality/pacing.ts).
    const key = message.template_name ?? '';
    const tpl = ctx.store.findTemplate(phone.wabaId, key, message.template_language ?? '');
    if (tpl !== undefined)
      ctx.store.held.set(tpl.id, [...(ctx.store.held.get(tpl.id) ?? []), message]);
  } else if (failCode === undefined && roll(ctx, faults.statusBeforeResponse)) {
    // The `sent` webhook reaches the receiver before this response does (NOTES §3.4).
    const sent = buildStatus(message, 'sent', { withPricing: true, now: ctx.clock.now() });
    message.status = 'sent';
    await ctx.sender.sendStatusNow(phone, sent);
    scheduleStatuses(ctx, phone, message, undefined, true);
  } else {
    scheduleStatuses(ctx, phone, message, failCode);
  }
  if (roll(ctx, faults.connectionResetAfterAccept)) {
    request.raw.socket.destroy();
    return reply.hijack();
  }
  return accepted.response;
}

/**
 * Mark-as-read (and the typing indicator) only for a message this number received (Meta,
 * "Mark messages as read"; an unknown id is refused with 100), recorded for the oracle.
 */
function markRead(ctx: SimContext, phone: PhoneNumberDef, body: MarkReadRequest): void {
  const inbound = ctx.store.inbound.get(body.message_id);
  if (inbound === undefined || inbound.phoneNumberId !== phone.id)
    throw new MetaError(
      100,
      `Invalid parameter: message_id ${body.message_id} is not a message received by this phone number`,
    );
  ctx.store.addReadReceipt({
    message_id: body.message_id,
    phone_number_id: phone.id,
    wa_id: inbound.waId,
    typing_indicator: body.typing_indicator !== undefined,
    at: ctx.clock.now(),
  });
}

/** MM Lite sends templates only, and only MARKETING ones (Meta, "Marketing Messages Lite API"). */
function checkMarketingLite(
  ctx: SimContext,
  phone: PhoneNumberDef,
  body: ReturnType<typeof parseMessageBody>['body'],
): void {
  if (!('type' in body) || body.type !== 'template')
    throw new MetaError(100, 'Param type must be "template" on marketing_messages');
  const tpl = ctx.store.findTemplate(phone.wabaId, body.template.name, body.template.language.code);
  if (tpl !== undefined && tpl.category !== 'MARKETING')
    throw new MetaError(100, `Template ${tpl.name} is not a MARKETING template`);
}
