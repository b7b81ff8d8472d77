/**
 * The delivery-status state machine, as a pure function.
 *
 * Meta delivers status webhooks at least once and in no particular order; `delivered` is
 * skipped when delivery and reading happen together (NOTES §3.4). So the state is defined
 * from the *set* of status events seen, never from their order: every timestamp is the
 * earliest one observed for that step or any later step (`read` without `delivered` fills
 * both), the status is the furthest step reached, and `failed` is terminal. Folding events
 * in any order, with any duplicates, gives the same state — the property test checks that.
 */

export const deliveryStatuses = ['sent', 'delivered', 'read', 'played', 'failed'] as const;
export type DeliveryStatus = (typeof deliveryStatuses)[number];
/** `pending`: stored, no status webhook yet (outbound) or `received` (inbound). */
export type MessageStatus = 'pending' | 'received' | DeliveryStatus;

/** Meta's error on a failed message (`statuses[].errors[0]`). */
export interface StatusError {
  code: number;
  title: string;
  message: string | null;
  details: string | null;
}

export interface StatusPricing {
  model: string;
  category: string;
  type: string | null;
  billable: boolean | null;
}

export interface StatusConversation {
  id: string;
  origin: string;
  expiresAt: number | null;
}

/** One status webhook element, normalised (times in epoch ms). */
export interface StatusEvent {
  status: DeliveryStatus;
  at: number;
  error?: StatusError | null;
  pricing?: StatusPricing | null;
  conversation?: StatusConversation | null;
  bizOpaqueCallbackData?: string | null;
}

/** What a message row stores about its delivery. */
export interface StatusState {
  status: MessageStatus;
  sentAt: number | null;
  deliveredAt: number | null;
  readAt: number | null;
  playedAt: number | null;
  failedAt: number | null;
  error: StatusError | null;
  pricing: StatusPricing | null;
  conversation: StatusConversation | null;
  bizOpaqueCallbackData: string | null;
}

const progress = ['sent', 'delivered', 'read', 'played'] as const;
type ProgressStatus = (typeof progress)[number];
const field = {
  sent: 'sentAt',
  delivered: 'deliveredAt',
  read: 'readAt',
  played: 'playedAt',
} as const satisfies Record<ProgressStatus, keyof StatusState>;

/** The state of a message that no status webhook has touched yet. */
export function initialStatusState(status: MessageStatus = 'pending'): StatusState {
  return {
    status,
    sentAt: null,
    deliveredAt: null,
    readAt: null,
    playedAt: null,
    failedAt: null,
    error: null,
    pricing: null,
    conversation: null,
    bizOpaqueCallbackData: null,
  };
}

function earliest(a: number | null, b: number): number {
  return a === null || b < a ? b : a;
}

/** A total order on optional values, so that ties between events resolve the same way. */
function smallerJson<T>(a: T | null, b: T | null | undefined): T | null {
  if (b === null || b === undefined) return a;
  if (a === null) return b;
  return JSON.stringify(b) < JSON.stringify(a) ? b : a;
}

function derivedStatus(s: StatusState): MessageStatus {
  if (s.failedAt !== null) return 'failed';
  for (let i = progress.length - 1; i >= 0; i -= 1) {
    const step = progress[i] as ProgressStatus;
    if (s[field[step]] !== null) return step;
  }
  return s.status === 'received' ? 'received' : 'pending';
}

/** Applies one status event; commutative, associative and idempotent over events. */
export function applyStatus(state: StatusState, event: StatusEvent): StatusState {
  const next: StatusState = { ...state };
  if (event.status === 'failed') {
    // Two different failures for one message: keep the earliest, ties by content.
    if (next.failedAt === null || event.at < next.failedAt) next.error = event.error ?? null;
    else if (event.at === next.failedAt) next.error = smallerJson(next.error, event.error);
    next.failedAt = earliest(next.failedAt, event.at);
  } else {
    // Reaching a step proves every earlier step happened no later than that.
    const reached = progress.indexOf(event.status);
    for (let i = 0; i <= reached; i += 1) {
      const key = field[progress[i] as ProgressStatus];
      next[key] = earliest(next[key], event.at);
    }
  }
  next.pricing = smallerJson(next.pricing, event.pricing);
  next.conversation = mergeConversation(next.conversation, event.conversation);
  next.bizOpaqueCallbackData = smallerJson(next.bizOpaqueCallbackData, event.bizOpaqueCallbackData);
  next.status = derivedStatus(next);
  return next;
}

// `expiration_timestamp` comes only with the first status of a conversation (NOTES §3.5),
// so it is merged on its own rather than lost when a later status's object wins.
function mergeConversation(
  a: StatusConversation | null,
  b: StatusConversation | null | undefined,
): StatusConversation | null {
  if (b === null || b === undefined) return a;
  if (a === null) return b;
  const base = smallerJson({ ...a, expiresAt: null }, { ...b, expiresAt: null }) ?? a;
  const expiresAt =
    a.expiresAt === null
      ? b.expiresAt
      : b.expiresAt === null
        ? a.expiresAt
        : Math.max(a.expiresAt, b.expiresAt);
  return { ...base, expiresAt };
}

/** Folds many events into a state. */
export function applyStatuses(state: StatusState, events: readonly StatusEvent[]): StatusState {
  return events.reduce(applyStatus, state);
}

/** True when two states differ in anything a row stores. */
export function isStatusStateChanged(a: StatusState, b: StatusState): boolean {
  return JSON.stringify(a) !== JSON.stringify(b);
}
