import type { AccountsService } from '../accounts/accounts.service';
import type { WebhookFieldHandlers } from './webhooks.directory';

/** The accounts module's handlers for the fields it owns (NOTES §3.7). */
export function accountWebhookHandlers(accounts: AccountsService): WebhookFieldHandlers {
  return {
    phone_number_quality_update: (wabaId, value) =>
      accounts.applyPhoneNumberQualityUpdate(wabaId, value),
    account_update: (wabaId, value) => accounts.applyAccountUpdate(wabaId, value),
    business_capability_update: (wabaId, value) =>
      accounts.applyBusinessCapabilityUpdate(wabaId, value),
  };
}
