import { describe, expect, it } from 'vitest';
import type { MessageRow } from './conversations.repo';
import { emptyMessage } from './conversations.service';
import { toInboxMessage } from './inbox.mapper';

function row(overrides: Partial<MessageRow>): MessageRow {
  return {
    ...emptyMessage(),
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
    status: 'delivered',
    createdAt: 1,
    updatedAt: 2,
    ...overrides,
  };
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
