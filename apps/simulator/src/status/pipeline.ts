import type { WebhookStatus } from '@kiana/contracts';
import { roll, type SimContext } from '../context';
import { webhookError } from '../graph/errors';
import type { PhoneNumberDef } from '../state/model';
import type { SentMessage } from '../state/store';
import { onBusinessMessageRead } from '../customers/replies';
import { considerScaling, portfolioOf } from '../limits/scaling';

// The life of an accepted message as status webhooks: sent → delivered → read, or failed
// with errors[] (NOTES §3.5). Faults reorder or drop steps on demand.

type Step = 'sent' | 'delivered' | 'read' | 'played';
const rank: Record<SentMessage['status'], number> = {
  accepted: 0,
  sent: 1,
  delivered: 2,
  read: 3,
  played: 4,
  failed: 5,
};

/**
 * Builds one status object for a message, version-dependent like Meta's (NOTES §3.5, §0):
 * `pricing` (PMP) on priced steps, `pricing.type` from v24, the `conversation` object below
 * v24 (and from v24 only for free entry-point messages), never pricing on `failed`. Since 2026
 * statuses carry the business-scoped user id (`recipient_user_id`), except a failed status of a
 * message sent to a phone number; `recipient_id` is left out when Meta withholds the number
 * (Meta, "Business-scoped user IDs", statuses).
 */
export function buildStatus(
  msg: SentMessage,
  status: WebhookStatus['status'],
  options: { withPricing: boolean; errorCode?: number; now: number; phoneWithheld?: boolean },
): WebhookStatus {
  const nowS = Math.floor(options.now / 1000);
  const out: WebhookStatus = {
    id: msg.id,
    status,
    timestamp: String(nowS),
    ...(msg.sent_to_user_id === true && options.phoneWithheld === true
      ? {}
      : { recipient_id: msg.wa_id }),
  };
  if (status !== 'failed' || msg.sent_to_user_id === true) out.recipient_user_id = msg.user_id;
  if (msg.biz_opaque_callback_data !== undefined)
    out.biz_opaque_callback_data = msg.biz_opaque_callback_data;
  if (options.errorCode !== undefined) {
    out.errors = [webhookError(options.errorCode)];
    return out;
  }
  if (!options.withPricing) return out;
  const { pricing } = msg;
  const version = Number(msg.api_version.slice(1));
  // From v24.0 the conversation object is omitted (except for free entry points) and
  // pricing.type is present (D3).
  if (version < 24 || pricing.type === 'free_entry_point') {
    out.conversation = {
      id: conversationId(msg),
      ...(status === 'sent' ? { expiration_timestamp: String(nowS + 86400) } : {}),
      origin: { type: pricing.category },
    };
  }
  out.pricing = {
    billable: pricing.billable,
    pricing_model: 'PMP',
    ...(version >= 24 ? { type: pricing.type } : {}),
    category: pricing.category,
  };
  return out;
}

function conversationId(msg: SentMessage): string {
  let hash = 0;
  for (const ch of `${msg.phone_number_id}:${msg.wa_id}:${msg.pricing.category}`)
    hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return hash.toString(16).padStart(32, '0');
}

/** True for audio the business sent as a voice message (`audio.voice: true`). */
function isVoiceMessage(msg: SentMessage): boolean {
  if (msg.type !== 'audio') return false;
  const audio = (msg.payload as { audio?: { voice?: unknown } }).audio;
  return audio?.voice === true;
}

/** Emits a status now and advances the oracle's status (never backwards). */
export function emitStatus(
  ctx: SimContext,
  phone: PhoneNumberDef,
  msg: SentMessage,
  status: WebhookStatus,
): void {
  if (rank[status.status as SentMessage['status']] > rank[msg.status])
    msg.status = status.status as SentMessage['status'];
  ctx.sender.enqueueStatus(phone, status);
}

/** A status of `msg` stamped with the simulator clock's now. */
function statusNow(
  ctx: SimContext,
  msg: SentMessage,
  step: WebhookStatus['status'],
  withPricing: boolean,
  errorCode?: number,
): WebhookStatus {
  return buildStatus(msg, step, {
    withPricing,
    now: ctx.clock.now(),
    phoneWithheld: ctx.store.customers.get(msg.wa_id)?.phoneWithheld === true,
    ...(errorCode !== undefined ? { errorCode } : {}),
  });
}

/**
 * The customer reads `msg` now: `read` at the clock's now, priced only when no status carried
 * the pricing yet (D3: it rides on the first of delivered/read), then the customer may answer
 * as after any read. The caller decides whether the message can be read.
 */
export function readNow(ctx: SimContext, phone: PhoneNumberDef, msg: SentMessage): void {
  emitStatus(ctx, phone, msg, statusNow(ctx, msg, 'read', rank[msg.status] < rank.delivered));
  onBusinessMessageRead(ctx, phone, msg);
}

/**
 * Schedules the statuses of an accepted message. `failCode` makes it fail asynchronously;
 * `sentAlreadyEmitted` is set when the `sent` status went out before the HTTP response.
 */
export function scheduleStatuses(
  ctx: SimContext,
  phone: PhoneNumberDef,
  msg: SentMessage,
  failCode: number | undefined,
  sentAlreadyEmitted = false,
): void {
  const s = ctx.settings.statuses;
  const delivered = failCode === undefined && roll(ctx, s.deliveredProbability);
  const code = failCode ?? (delivered ? tierFailure(ctx, msg) : undefined);
  if (code !== undefined) {
    msg.error_code = code;
    ctx.scheduler.after(s.sentLatencyMs, () =>
      emitStatus(ctx, phone, msg, statusNow(ctx, msg, 'failed', false, code)),
    );
    return;
  }
  const f = ctx.settings.faults;
  const steps: { step: Step; delay: number }[] = [];
  if (!sentAlreadyEmitted) steps.push({ step: 'sent', delay: s.sentLatencyMs });
  // A reaction gets only a `sent` status (Meta, "Reaction messages").
  const isReaction = msg.type === 'reaction';
  const read = delivered && !isReaction && roll(ctx, s.readProbability);
  const skip = read && roll(ctx, f.skipDelivered);
  if (delivered && !isReaction && !skip)
    steps.push({ step: 'delivered', delay: s.deliveredLatencyMs });
  if (read) steps.push({ step: 'read', delay: s.readLatencyMs });
  // A voice message gets `played` when the user first plays it, after `read` (NOTES §3.5).
  if (read && isVoiceMessage(msg) && roll(ctx, s.playedProbability))
    steps.push({ step: 'played', delay: Math.max(s.playedLatencyMs, s.readLatencyMs + 1) });
  if (roll(ctx, f.outOfOrderStatuses)) {
    // Reverse the order: the last step gets the earliest time.
    const delays = steps.map((x) => x.delay);
    steps.forEach(
      (x, i) => (x.delay = delays[0]! + (delays.length - 1 - i) * 2 * ctx.scheduler.tick),
    );
  }
  // Pricing rides on `sent` and on the first of delivered/read (D3).
  const priced = steps.find((x) => x.step === 'delivered' || x.step === 'read')?.step;
  for (const { step, delay } of steps) {
    ctx.scheduler.after(delay, () => {
      emitStatus(ctx, phone, msg, statusNow(ctx, msg, step, step === 'sent' || step === priced));
      if (step === 'read') onBusinessMessageRead(ctx, phone, msg);
    });
  }
}

/**
 * The portfolio messaging limit (Meta "Messaging limits", since 2025-10-07): unique users
 * *delivered to* outside a service window per rolling 24 h, shared by every number of the
 * portfolio. Only a message that will be delivered counts (an accepted send that fails does
 * not); one to a new user past the limit fails instead — Meta documents no dedicated code, the
 * simulator answers 131048 (NOTES §6.2).
 */
function tierFailure(ctx: SimContext, msg: SentMessage): number | undefined {
  if (msg.counts_for_limit !== true) return undefined;
  const now = ctx.clock.now();
  const portfolio = portfolioOf(ctx);
  const tier = ctx.store.waba.messagingLimitTier;
  if (!ctx.limiter.admitTier(portfolio, tier, msg.wa_id, now)) return 131048;
  ctx.limiter.recordDelivery(portfolio, msg.wa_id, now);
  considerScaling(ctx, now);
  return undefined;
}
