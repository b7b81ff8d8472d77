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

/** Sends any message type: `POST /{phone-number-id}/messages`. */
export async function sendMessage(
  t: GraphTransport,
  creds: GraphCredentials,
  phoneNumberId: string,
  body: SendMessageBody,
): Promise<SendMessageResponse> {
  // Checked before sending: a malformed body is our bug, and Meta would answer 100 anyway.
  const parsed = sendMessageRequestSchema.safeParse({ messaging_product: 'whatsapp', ...body });
  if (!parsed.success) {
    throw new ValidationError('Invalid WhatsApp message', parsed.error.issues);
  }
  return t.call(creds, {
    method: 'POST',
    segments: [phoneNumberId, 'messages'],
    json: parsed.data,
    schema: sendMessageResponseSchema,
    // The call log keeps what kind of message went out, never its content or recipient.
    logNote:
      parsed.data.type === 'template' ? `template:${parsed.data.template.name}` : parsed.data.type,
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
