import type { MessagesValue, WebhookEnvelope } from '@kiana/contracts';
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

/** An account-level change (template status, quality…): carries `entry[].time`, no metadata. */
export function accountEnvelope(wabaId: string, field: string, value: object): WebhookEnvelope {
  return {
    object: 'whatsapp_business_account',
    entry: [{ id: wabaId, time: Math.floor(Date.now() / 1000), changes: [{ value, field }] }],
  };
}
