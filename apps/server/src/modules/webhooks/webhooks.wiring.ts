import type { AccountsService } from '../accounts/accounts.service';
import type { MediaFetcher } from '../conversations/conversations.media';
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

/** Media download through the account's Graph API client: media URL first, then the bytes. */
export function accountMediaFetcher(accounts: AccountsService): MediaFetcher {
  return async ({ accountId, phoneNumberId, mediaId, maxBytes }) => {
    if (accountId === null)
      throw new Error('no account for this phone number; cannot download media');
    const { api } = await accounts.graphAccess(accountId);
    const url = await api.getMediaUrl(mediaId, phoneNumberId);
    const media = await api.downloadMedia(url.url, { maxBytes });
    return { data: media.data, contentType: media.contentType };
  };
}
