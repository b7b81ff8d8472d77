import type { AccountsService } from '../accounts/accounts.service';
import type { MediaFetcher } from './conversations.media';

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
