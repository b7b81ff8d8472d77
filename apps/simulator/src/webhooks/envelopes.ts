import type {
  MessagesValue,
  WebhookContact,
  WebhookEnvelope,
  WebhookInboundMessage,
  WebhookStatus,
} from '@kiana/contracts';
import { digitsOf, type PhoneNumberDef } from '../state/model';

// Builders of the webhook bodies Meta sends (NOTES §3.2, §3.7).

/** A `messages` change for one phone number: statuses, inbound messages or errors. */
export function messagesEnvelope(
  phone: PhoneNumberDef,
  content: Omit<MessagesValue, 'messaging_product' | 'metadata'>,
  /** `messages`, `user_preferences` or a `group_*` field. */
  field = 'messages',
): WebhookEnvelope {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: phone.wabaId,
        changes: [
          {
            value: {
              messaging_product: 'whatsapp',
              // Webhooks carry the display number as digits only (NOTES §3.2).
              metadata: {
                display_phone_number: digitsOf(phone.displayPhoneNumber),
                phone_number_id: phone.id,
              },
              ...content,
            },
            field,
          },
        ],
      },
    ],
  };
}

/** What one number has waiting for the next webhook POST. */
export interface PendingChange {
  phone: PhoneNumberDef;
  statuses: WebhookStatus[];
  messages: WebhookInboundMessage[];
  contacts: WebhookContact[];
}

/**
 * Several numbers' pending items in one body: one entry per WABA (two WABAs of one app can
 * share a POST), one `messages` change per number, statuses and messages mixed.
 */
export function combinedEnvelope(pending: PendingChange[]): WebhookEnvelope {
  const byWaba = new Map<string, PendingChange[]>();
  for (const p of pending) byWaba.set(p.phone.wabaId, [...(byWaba.get(p.phone.wabaId) ?? []), p]);
  return {
    object: 'whatsapp_business_account',
    entry: [...byWaba].map(([wabaId, changes]) => ({
      id: wabaId,
      changes: changes.map((p) => ({
        value: {
          messaging_product: 'whatsapp',
          metadata: {
            display_phone_number: digitsOf(p.phone.displayPhoneNumber),
            phone_number_id: p.phone.id,
          },
          ...(p.contacts.length > 0 ? { contacts: p.contacts } : {}),
          ...(p.messages.length > 0 ? { messages: p.messages } : {}),
          ...(p.statuses.length > 0 ? { statuses: p.statuses } : {}),
        },
        field: 'messages',
      })),
    })),
  };
}

/** An account-level change (template status, quality…): carries `entry[].time`, no metadata. */
export function accountEnvelope(
  wabaId: string,
  field: string,
  value: object,
  now = Date.now(),
): WebhookEnvelope {
  return {
    object: 'whatsapp_business_account',
    entry: [{ id: wabaId, time: Math.floor(now / 1000), changes: [{ value, field }] }],
  };
}
