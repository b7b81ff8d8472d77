import type { WebhookStatus } from '@kiana/contracts';
import { roll, type SimContext } from '../context';
import { webhookError } from '../graph/errors';
import type { PhoneNumberDef } from '../state/model';
import type { SentMessage } from '../state/store';
import { onBusinessMessageRead } from '../customers/replies';

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

/** Builds one status object for a message, version-dependent like Meta's (NOTES §3.5, §0). */
export function buildStatus(
  msg: SentMessage,
  status: WebhookStatus['status'],
  options: { withPricing: boolean; errorCode?: number },
): WebhookStatus {
  const out: WebhookStatus = {
    id: msg.id,
    status,
    timestamp: String(Math.floor(Date.now() / 1000)),
    recipient_id: msg.wa_id,
  };
  if (msg.biz_opaque_callback_data !== undefined)
    out.biz_opaque_callback_data = msg.biz_opaque_callback_data;
  if (options.errorCode !== undefined) {
    out.errors = [webhookError(options.errorCode)];
    return out;
  }
  if (!options.withPricing) return out;
  const isService = msg.category === 'service';
  const version = Number(msg.api_version.slice(1));
  // From v24.0 the conversation object is omitted and pricing.type is present (D3).
  if (version < 24) {
    out.conversation = {
      id: conversationId(msg),
      ...(status === 'sent'
        ? { expiration_timestamp: String(Math.floor(Date.now() / 1000) + 86400) }
        : {}),
      origin: { type: msg.category },
    };
  }
  out.pricing = {
    billable: !isService,
    pricing_model: 'PMP',
    ...(version >= 24 ? { type: isService ? 'free_customer_service' : 'regular' } : {}),
    category: msg.category,
  };
  return out;
}

function conversationId(msg: SentMessage): string {
  let hash = 0;
  for (const ch of `${msg.phone_number_id}:${msg.wa_id}:${msg.category}`)
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
  if (failCode !== undefined) {
    msg.error_code = failCode;
    ctx.scheduler.after(s.sentLatencyMs, () =>
      emitStatus(
        ctx,
        phone,
        msg,
        buildStatus(msg, 'failed', { withPricing: false, errorCode: failCode }),
      ),
    );
    return;
  }
  const f = ctx.settings.faults;
  const steps: { step: Step; delay: number }[] = [];
  if (!sentAlreadyEmitted) steps.push({ step: 'sent', delay: s.sentLatencyMs });
  const delivered = roll(ctx, s.deliveredProbability);
  const read = delivered && roll(ctx, s.readProbability);
  const skip = read && roll(ctx, f.skipDelivered);
  if (delivered && !skip) steps.push({ step: 'delivered', delay: s.deliveredLatencyMs });
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
      emitStatus(
        ctx,
        phone,
        msg,
        buildStatus(msg, step, { withPricing: step === 'sent' || step === priced }),
      );
      if (step === 'read') onBusinessMessageRead(ctx, phone, msg);
    });
  }
}
