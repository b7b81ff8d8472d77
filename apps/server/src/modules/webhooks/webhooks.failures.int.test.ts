import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { useIntakeHarness } from './webhooks.fixture';
import { testDialect } from '../../../test/test-db';
import { findMessageById, findMessageByWamid } from '../conversations/conversations.repo';
import { toMessageDto } from '../conversations/conversations.mapper';
import { inboundEnvelope, storeOutbound } from './webhooks.testkit';

// Meta's failed-status example (131047), vendored beside the simulator: the other codes
// below reuse its shape with the code, title and details of Meta's error-codes page.
const failedExample = JSON.parse(
  readFileSync(
    fileURLToPath(
      new URL(
        '../../../../simulator/spec/examples/error_131047_status_webhook.json',
        import.meta.url,
      ),
    ),
    'utf8',
  ),
) as { entry: { changes: { value: { statuses: Record<string, unknown>[] } }[] }[] };

const DAY = 24 * 60 * 60 * 1000;
const t = useIntakeHarness();
let seq = 0;
const wamid = () => `wamid.fail-${Date.now()}-${(seq += 1)}`;
const waIdOf = () => `1555066${String((seq += 1) + 1000).slice(-4)}`;

function failed(id: string, waId: string, at: number, code: number, title: string): object {
  const body = structuredClone(failedExample);
  const status = body.entry[0]?.changes[0]?.value.statuses[0];
  if (status === undefined) throw new Error('example without a status');
  Object.assign(status, {
    id,
    recipient_id: waId,
    timestamp: String(at),
    errors: [{ code, title, message: title, error_data: { details: title } }],
  });
  return body;
}

describe(`asynchronous send failures on ${testDialect}`, () => {
  it('stores a 131049 (marketing cap) failure as "retry no sooner than 24 h"', async () => {
    const id = wamid();
    const waId = waIdOf();
    const at = 1_767_600_000;
    await storeOutbound(t.h, t.db, id, waId);
    await t.h.post(
      failed(id, waId, at, 131049, 'Message failed to send because of an unknown error'),
    );
    const row = await findMessageByWamid(t.db.kysely, id);
    expect(row).toMatchObject({
      status: 'failed',
      errorCode: 131049,
      failureKind: 'retry_after',
      retryAfterAt: at * 1000 + DAY,
    });
    const dto = toMessageDto(row ?? (await Promise.reject(new Error('no row'))));
    expect(dto.error).toMatchObject({
      code: 131049,
      kind: 'retry_after',
      retryAfterAt: at * 1000 + DAY,
      action: 'Try again no sooner than 24 hours later.',
    });
  });

  it('marks 131026 as an invalid recipient and 131048 as a reason to pause the sender', async () => {
    const a = wamid();
    const b = wamid();
    const waId = waIdOf();
    await storeOutbound(t.h, t.db, a, waId);
    await storeOutbound(t.h, t.db, b, waId);
    await t.h.post(failed(a, waId, 1_767_600_100, 131026, 'Message undeliverable'));
    await t.h.post(failed(b, waId, 1_767_600_200, 131048, 'Spam rate limit hit'));
    expect(await findMessageByWamid(t.db.kysely, a)).toMatchObject({
      failureKind: 'invalid_recipient',
      retryAfterAt: null,
    });
    expect(await findMessageByWamid(t.db.kysely, b)).toMatchObject({
      failureKind: 'pause_sender',
      retryAfterAt: null,
    });
  });

  it('applies a failure that arrived before the send was stored (held status) the same way', async () => {
    const id = wamid();
    const waId = waIdOf();
    await t.h.post(failed(id, waId, 1_767_600_300, 131049, 'Marketing cap'));
    await storeOutbound(t.h, t.db, id, waId);
    expect(await findMessageByWamid(t.db.kysely, id)).toMatchObject({
      failureKind: 'retry_after',
      retryAfterAt: 1_767_600_300_000 + DAY,
    });
  });

  it('records a 131050 failure as the contact’s marketing opt-out, with the message as evidence', async () => {
    const id = wamid();
    const waId = waIdOf();
    const at = 1_767_700_000;
    const sent = await storeOutbound(t.h, t.db, id, waId);
    await t.h.post(failed(id, waId, at, 131050, 'User has stopped marketing messages'));
    expect(await t.h.contacts.findByWaId(t.db.kysely, waId)).toMatchObject({
      isOptedOut: 1,
      optedOutAt: at * 1000,
      optOutSource: 'failed_status:131050',
      consentMessageId: sent.messageId,
    });
    expect(await findMessageById(t.db.kysely, sent.messageId)).toMatchObject({
      failureKind: 'opted_out',
    });
    expect(
      t.h.events.some(
        (e) =>
          e.name === 'contacts.consent' &&
          (e.payload as { source?: string }).source === 'failed_status:131050',
      ),
    ).toBe(true);
  });

  it('never lets an older 131050 flip a newer opt-in back', async () => {
    const id = wamid();
    const waId = waIdOf();
    const at = 1_767_800_000;
    await storeOutbound(t.h, t.db, id, waId);
    // The customer typed START after Meta had already refused the send.
    await t.h.post(
      inboundEnvelope({
        from: waId,
        id: wamid(),
        timestamp: String(at + 60),
        type: 'text',
        text: { body: 'START' },
      }),
    );
    await t.h.post(failed(id, waId, at, 131050, 'User has stopped marketing messages'));
    expect(await t.h.contacts.findByWaId(t.db.kysely, waId)).toMatchObject({
      isOptedOut: 0,
      optedInAt: (at + 60) * 1000,
      optInSource: 'keyword:START',
    });
  });
});

describe(`inbound orders on ${testDialect}`, () => {
  it('keeps the note as the text and the catalog, items and total on the message', async () => {
    const id = wamid();
    await t.h.post(
      inboundEnvelope({
        from: waIdOf(),
        id,
        timestamp: '1767900000',
        type: 'order',
        order: {
          catalog_id: 'CAT-1',
          text: 'Please gift-wrap the mug',
          product_items: [
            { product_retailer_id: 'mug-01', quantity: 2, item_price: 12.5, currency: 'EUR' },
            { product_retailer_id: 'tea-07', quantity: '1', item_price: '4.99', currency: 'EUR' },
          ],
        },
      }),
    );
    const row = await findMessageByWamid(t.db.kysely, id);
    expect(row?.text).toBe('Please gift-wrap the mug');
    const dto = toMessageDto(row ?? (await Promise.reject(new Error('no row'))));
    expect(dto.text).toBe('Please gift-wrap the mug');
    expect(dto.order).toEqual({
      catalogId: 'CAT-1',
      items: [
        { productRetailerId: 'mug-01', quantity: 2, itemPrice: 12.5, currency: 'EUR' },
        { productRetailerId: 'tea-07', quantity: 1, itemPrice: 4.99, currency: 'EUR' },
      ],
      total: { amount: 29.99, currency: 'EUR' },
    });
  });
});
