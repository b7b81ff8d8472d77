import { roll, type SimContext } from '../context';
import type { PhoneNumberDef } from '../state/model';
import type { SentMessage } from '../state/store';
import { buttonsOf } from '../templates/variables';
import { deliverInbound } from './inbound';
import { setMarketingPreference } from './preferences';

// Customers answering the business on their own: after reading a message some reply (a
// quick-reply tap when the message has one, otherwise text), some send STOP and some use
// WhatsApp's own "Stop promotions", which arrives as a user_preferences event.

/** Called when a business message is read; may schedule the customer's reply. */
export function onBusinessMessageRead(
  ctx: SimContext,
  phone: PhoneNumberDef,
  msg: SentMessage,
): void {
  const b = ctx.settings.behaviour;
  if (!roll(ctx, b.replyRate)) return;
  ctx.scheduler.after(b.replyDelayMs, () => reply(ctx, phone, msg));
}

function reply(ctx: SimContext, phone: PhoneNumberDef, msg: SentMessage): void {
  const b = ctx.settings.behaviour;
  const context = { from: phone.displayPhoneNumber.replace(/\D/g, ''), id: msg.id };
  if (roll(ctx, b.optOutRate)) {
    setMarketingPreference(ctx, phone, msg.wa_id, 'stop');
    return;
  }
  if (roll(ctx, b.stopRate)) {
    deliverInbound(ctx, phone, msg.wa_id, { type: 'text', text: { body: 'STOP' } });
    return;
  }
  const tpl =
    msg.template_name !== undefined
      ? ctx.store.findTemplate(phone.wabaId, msg.template_name, msg.template_language ?? '')
      : undefined;
  const quick = tpl !== undefined ? buttonsOf(tpl).filter((x) => x.type === 'QUICK_REPLY') : [];
  const pick = quick[Math.floor(ctx.random() * quick.length)];
  if (pick?.text !== undefined) {
    // A template quick-reply tap arrives as type "button" (S1 "Button Message" example).
    deliverInbound(ctx, phone, msg.wa_id, {
      type: 'button',
      context,
      button: { payload: pick.text, text: pick.text },
    });
    return;
  }
  deliverInbound(ctx, phone, msg.wa_id, { type: 'text', context, text: { body: 'Thanks! 👍' } });
}
