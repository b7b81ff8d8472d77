import type { FastifyInstance } from 'fastify';
import { phoneById, roll, type SimContext } from '../context';
import { acceptSend } from '../messaging/send';
import { buildStatus, scheduleStatuses } from '../status/pipeline';
import { authorize, checkVersion, unknownObject } from './auth';
import { MetaError } from './errors';
import { parseMessageBody } from './message-body';

// POST /{version}/{phone-number-id}/messages — sends and mark-as-read (NOTES §1, §10.1),
// with the send faults injected here: 5xx, resets, slow answers, status before response.

interface Params {
  version: string;
  phoneNumberId: string;
}

/** Registers the send-message endpoint. */
export function registerMessageRoutes(app: FastifyInstance, ctx: SimContext): void {
  app.post<{ Params: Params }>('/:version/:phoneNumberId/messages', async (request, reply) => {
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
    if (parsed.kind === 'read') return { success: true };
    const accepted = acceptSend(ctx, phone, parsed.body, version);
    const { message, failCode } = accepted;
    if (failCode === undefined && roll(ctx, faults.statusBeforeResponse)) {
      // The `sent` webhook reaches the receiver before this response does (NOTES §3.4).
      const sent = buildStatus(message, 'sent', { withPricing: true });
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
  });
}
