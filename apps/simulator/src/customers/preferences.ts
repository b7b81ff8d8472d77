import type { SimContext } from '../context';
import type { PhoneNumberDef } from '../state/model';
import { messagesEnvelope } from '../webhooks/envelopes';

/**
 * A customer stops or resumes marketing messages from the app (NOTES §7): a
 * `user_preferences` webhook, and while stopped MARKETING templates fail with 131050.
 */
export function setMarketingPreference(
  ctx: SimContext,
  phone: PhoneNumberDef,
  waId: string,
  value: 'stop' | 'resume',
): void {
  const customer = ctx.store.customers.get(waId) ?? { waId, name: waId };
  customer.marketingOptOut = value === 'stop';
  ctx.store.customers.set(waId, customer);
  ctx.sender.send(
    phone.wabaId,
    messagesEnvelope(
      phone,
      {
        contacts: [{ profile: { name: customer.name }, wa_id: waId }],
        user_preferences: [
          {
            wa_id: waId,
            detail:
              value === 'stop'
                ? 'User requested to stop marketing messages'
                : 'User requested to resume marketing messages',
            category: 'marketing_messages',
            value,
            timestamp: Math.floor(Date.now() / 1000),
          },
        ],
      },
      'user_preferences',
    ),
    'user_preferences',
  );
}
