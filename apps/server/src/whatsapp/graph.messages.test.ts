import { afterEach, describe, expect, it } from 'vitest';
import { ValidationError } from '../errors';
import { buildSendRequest } from './graph.messages';
import { headersOf, mockGraph, PHONE, type Seen } from './graph.test-support';

let mock = mockGraph();
afterEach(async () => {
  mock.agent.assertNoPendingInterceptors();
  await mock.client.close();
  mock = mockGraph();
});

const BSUID = 'US.13491208655302741918';

describe('send addressing (phone or business-scoped user id)', () => {
  it('addresses a phone number with `to` and a BSUID with `recipient`, never both', () => {
    const content = { type: 'text', text: { body: 'Hi' } } as const;
    expect(buildSendRequest({ kind: 'phone', waId: '15550003333' }, content)).toEqual({
      messaging_product: 'whatsapp',
      to: '15550003333',
      type: 'text',
      text: { body: 'Hi' },
    });
    expect(buildSendRequest({ kind: 'user', userId: BSUID }, content)).toEqual({
      messaging_product: 'whatsapp',
      recipient: BSUID,
      type: 'text',
      text: { body: 'Hi' },
    });
  });

  it('validates the content and the address whichever way it is addressed', () => {
    expect(() =>
      buildSendRequest({ kind: 'user', userId: BSUID }, { type: 'text', text: { body: '' } }),
    ).toThrow(ValidationError);
    expect(() =>
      buildSendRequest({ kind: 'user', userId: '' }, { type: 'text', text: { body: 'x' } }),
    ).toThrow(ValidationError);
  });

  it('sends a reply to a BSUID as `recipient` through the client', async () => {
    const seen: Seen[] = [];
    mock.pool.intercept({ path: `/v23.0/${PHONE}/messages`, method: 'POST' }).reply((opts) => {
      seen.push({
        path: opts.path,
        method: opts.method,
        headers: headersOf(opts.headers),
        body: JSON.parse(String(opts.body)) as unknown,
      });
      // Meta answers a BSUID send with `user_id` instead of `wa_id` (BSUID page, 2026).
      return {
        statusCode: 200,
        data: JSON.stringify({
          messaging_product: 'whatsapp',
          contacts: [{ input: BSUID, user_id: BSUID }],
          messages: [{ id: 'wamid.BSUID1' }],
        }),
      };
    });
    const res = await mock.api.sendTo(
      PHONE,
      { kind: 'user', userId: BSUID },
      { type: 'text', text: { body: 'Hello there' } },
    );
    expect(res.contacts[0]?.user_id).toBe(BSUID);
    expect(seen[0]?.body).toEqual({
      messaging_product: 'whatsapp',
      recipient: BSUID,
      type: 'text',
      text: { body: 'Hello there' },
    });
  });
});
