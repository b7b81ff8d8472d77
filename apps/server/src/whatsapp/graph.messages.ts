import { ValidationError } from '../errors';
import type { GraphCredentials, GraphTransport } from './graph.transport';
import { markReadRequestSchema, sendMessageRequestSchema } from '@kiana/contracts';
import {
  sendMessageResponseSchema,
  successResponseSchema,
  type SendMessageBody,
  type SendMessageResponse,
  type SuccessResponse,
} from './graph.schemas';

/**
 * Who a send goes to: a phone number (`to`), or — for a customer who adopted a username
 * and whose number Meta withholds — the business-scoped user id as `recipient` (Meta's
 * "Business-scoped user IDs" page, 2026: `to` wins when both are sent, so we send one).
 */
export type Recipient = { kind: 'phone'; waId: string } | { kind: 'user'; userId: string };

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A message body without its address. */
export type MessageContent = DistributiveOmit<SendMessageBody, 'to'>;

/** The JSON of a send to `recipient`, validated; throws a ValidationError when malformed. */
export function buildSendRequest(
  recipient: Recipient,
  content: MessageContent,
): Record<string, unknown> & { type: string } {
  const address = recipient.kind === 'phone' ? recipient.waId : recipient.userId;
  // Checked before sending: a malformed body is our bug, and Meta would answer 100 anyway.
  // The v23 schema knows only `to`; the address is checked there under that name.
  const parsed = sendMessageRequestSchema.safeParse({
    messaging_product: 'whatsapp',
    ...content,
    to: address,
  });
  if (!parsed.success) {
    throw new ValidationError('Invalid WhatsApp message', parsed.error.issues);
  }
  if (recipient.kind === 'phone') return parsed.data;
  const { to: _to, ...rest } = parsed.data;
  return { ...rest, recipient: address };
}

/** Sends any message type: `POST /{phone-number-id}/messages`. */
export async function sendMessage(
  t: GraphTransport,
  creds: GraphCredentials,
  phoneNumberId: string,
  body: SendMessageBody,
): Promise<SendMessageResponse> {
  const { to, ...content } = body as SendMessageBody & { to: string };
  return sendTo(t, creds, phoneNumberId, { kind: 'phone', waId: to }, content as MessageContent);
}

/** Sends `content` to a phone number or a BSUID: `POST /{phone-number-id}/messages`. */
export async function sendTo(
  t: GraphTransport,
  creds: GraphCredentials,
  phoneNumberId: string,
  recipient: Recipient,
  content: MessageContent,
): Promise<SendMessageResponse> {
  const json = buildSendRequest(recipient, content);
  const template = (json as { template?: { name?: unknown } }).template;
  return t.call(creds, {
    method: 'POST',
    segments: [phoneNumberId, 'messages'],
    json,
    schema: sendMessageResponseSchema,
    // The call log keeps what kind of message went out, never its content or recipient.
    logNote: json.type === 'template' ? `template:${String(template?.name)}` : json.type,
  });
}

export interface MarkAsReadOptions {
  /** Also show "typing…" to the customer (Meta dismisses it after 25 s or on the reply). */
  typingIndicator?: boolean;
}

/** Marks an inbound message (and those before it) as read, on the same endpoint as sends. */
export async function markAsRead(
  t: GraphTransport,
  creds: GraphCredentials,
  phoneNumberId: string,
  messageId: string,
  options: MarkAsReadOptions = {},
): Promise<SuccessResponse> {
  return t.call(creds, {
    method: 'POST',
    segments: [phoneNumberId, 'messages'],
    json: markReadRequestSchema.parse({
      messaging_product: 'whatsapp',
      status: 'read',
      message_id: messageId,
      ...(options.typingIndicator === true ? { typing_indicator: { type: 'text' } } : {}),
    }),
    schema: successResponseSchema,
  });
}
