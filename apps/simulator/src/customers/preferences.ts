import type { SimContext } from '../context';
import type { PhoneNumberDef } from '../state/model';
import { messagesEnvelope } from '../webhooks/envelopes';
import { bsuidOf } from './identity';

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
  // Like every 2026 webhook: the BSUID always, the wa_id unless Meta withholds the number.
  const userId = bsuidOf(waId, customer);
  const phoneId = customer.phoneWithheld === true ? {} : { wa_id: waId };
  ctx.sender.send(
    phone.wabaId,
    messagesEnvelope(
      phone,
      {
        contacts: [{ profile: { name: customer.name }, ...phoneId, user_id: userId }],
        user_preferences: [
          {
            ...phoneId,
            user_id: userId,
            detail:
              value === 'stop'
                ? 'User requested to stop marketing messages'
                : 'User requested to resume marketing messages',
            category: 'marketing_messages',
            value,
            timestamp: Math.floor(ctx.clock.now() / 1000),
          },
        ],
      },
      'user_preferences',
    ),
    'user_preferences',
  );
}
