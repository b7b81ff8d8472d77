import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { inboundFacts } from './conversations.inbound';

const base = { id: 'wamid.X1', timestamp: '1767225600' };

describe('inbound facts', () => {
  it('accepts a message from a username user: no `from`, only `from_user_id` (2026)', () => {
    const f = inboundFacts({
      ...base,
      from_user_id: 'US.13491208655302741918',
      type: 'text',
      text: { body: 'hi' },
    });
    expect(f).toMatchObject({ from: null, fromUserId: 'US.13491208655302741918', text: 'hi' });
    expect(f.isKnownType).toBe(true);
  });

  it('refuses a message that names neither a phone nor a BSUID', () => {
    expect(() => inboundFacts({ ...base, type: 'text', text: { body: 'hi' } })).toThrow(ZodError);
  });

  it("keeps an order's note as its text and its items structured", () => {
    const f = inboundFacts({
      ...base,
      from: '15550002222',
      type: 'order',
      order: {
        catalog_id: 'C1',
        text: 'ring the bell twice',
        product_items: [
          { product_retailer_id: 'a', quantity: 3, item_price: 0.1, currency: 'USD' },
          { product_retailer_id: 'b', quantity: 1, item_price: 0.2, currency: 'USD' },
        ],
      },
    });
    expect(f.text).toBe('ring the bell twice');
    // 0.1 × 3 + 0.2 is 0.5000000000000001 in floating point: rounded to cents.
    expect(f.order?.total).toEqual({ amount: 0.5, currency: 'USD' });
  });

  it('gives no total when currencies differ or a price is missing, and no text without a note', () => {
    const order = (items: object[]) =>
      inboundFacts({
        ...base,
        from: '15550002222',
        type: 'order',
        order: { catalog_id: 'C1', product_items: items },
      });
    const mixed = order([
      { product_retailer_id: 'a', quantity: 1, item_price: 1, currency: 'USD' },
      { product_retailer_id: 'b', quantity: 1, item_price: 1, currency: 'EUR' },
    ]);
    expect(mixed.text).toBeNull();
    expect(mixed.order).toMatchObject({ catalogId: 'C1', total: null });
    expect(
      order([{ product_retailer_id: 'a', quantity: 2, currency: 'USD' }]).order?.total,
    ).toBeNull();
  });
});
