import { describe, expect, it } from 'vitest';
import type { MessageRow } from './conversations.repo';
import { toInboxMessage } from './inbox.mapper';

function row(overrides: Partial<MessageRow>): MessageRow {
  const base: MessageRow = {
    id: 'm1',
    conversationId: 'c1',
    contactId: 'p1',
    accountId: 'a1',
    phoneNumberId: 'n1',
    wamid: 'wamid.1',
    direction: 'out',
    type: 'text',
    text: null,
    payload: '{}',
    contextWamid: null,
    status: 'delivered',
    sentAt: 1,
    deliveredAt: 2,
    readAt: null,
    playedAt: null,
    failedAt: null,
    errorCode: null,
    errorTitle: null,
    errorMessage: null,
    errorDetails: null,
    failureKind: null,
    retryAfterAt: null,
    orderJson: null,
    pricingModel: null,
    pricingCategory: null,
    pricingType: null,
    pricingBillable: null,
    metaConversationId: null,
    metaConversationOrigin: null,
    metaConversationExpiresAt: null,
    bizOpaqueCallbackData: null,
    campaignId: null,
    attemptId: null,
    mediaId: null,
    mediaMime: null,
    mediaSha256: null,
    mediaFilename: null,
    mediaStatus: null,
    mediaPath: null,
    mediaSize: null,
    mediaError: null,
    sentByMetaAt: null,
    kind: 'message',
    authorUserId: null,
    clientId: null,
    createdAt: 1,
    updatedAt: 2,
  };
  return { ...base, ...overrides };
}

describe('a thread message', () => {
  it('names the template a campaign sent, which stores no text', () => {
    const sent = row({
      type: 'template',
      campaignId: 'k1',
      payload: JSON.stringify({ type: 'template', template: { name: 'order_confirmation' } }),
    });
    expect(toInboxMessage(sent, undefined, []).text).toBe('order_confirmation');
  });

  it('keeps a stored text, and shows none for a template payload it cannot read', () => {
    const stored = row({ type: 'template', text: 'Hi Ava', payload: '{"template":{"name":"x"}}' });
    expect(toInboxMessage(stored, undefined, []).text).toBe('Hi Ava');
    expect(toInboxMessage(row({ type: 'template', payload: 'not json' }), undefined, []).text).toBe(
      null,
    );
    expect(
      toInboxMessage(row({ type: 'text', payload: '{"template":{"name":"x"}}' }), undefined, [])
        .text,
    ).toBe(null);
  });
});
