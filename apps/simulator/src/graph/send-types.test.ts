import { FormData, request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { PHONE_ID, TEST_TOKEN, startHarness, type Harness } from '../testing/harness';
import { failedCode, idOf, send, statusTrail, templateBody } from '../testing/sends';

// The send types the inbox needs, validated as Meta does (issue 12; spec InteractiveObject,
// Meta's interactive, reaction, read-receipt and media guides).

const SECOND_PHONE = '106540352242923';
const USER = '16505551234';
const DAY = 24 * 3600 * 1000;
let h: Harness;
afterEach(() => h.close());

async function open(): Promise<string> {
  h = await startHarness({ limits: { pairEnabled: false } });
  return h.sim.control.inbound(USER, { type: 'text', text: { body: 'hi' } }).id;
}
const interactive = (i: Record<string, unknown>) => ({
  messaging_product: 'whatsapp',
  to: USER,
  type: 'interactive',
  interactive: i,
});
const body = { text: 'Pick one' };

describe('interactive types', () => {
  it.each([
    [
      'cta_url',
      {
        type: 'cta_url',
        body,
        action: { name: 'cta_url', parameters: { display_text: 'Open', url: 'https://x.io' } },
      },
    ],
    [
      'flow',
      {
        type: 'flow',
        body,
        action: {
          name: 'flow',
          parameters: { flow_message_version: '3', flow_cta: 'Book', flow_id: '1234' },
        },
      },
    ],
    ['product', { type: 'product', action: { catalog_id: '1', product_retailer_id: 'sku-1' } }],
    [
      'product_list',
      {
        type: 'product_list',
        header: { type: 'text', text: 'Our picks' },
        body,
        action: {
          catalog_id: '1',
          sections: [{ title: 'Shoes', product_items: [{ product_retailer_id: 'sku-1' }] }],
        },
      },
    ],
    ['catalog_message', { type: 'catalog_message', body, action: { name: 'catalog_message' } }],
  ])('accepts a valid %s message', async (_name, i) => {
    await open();
    const res = await send(h, interactive(i));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  });

  it.each([
    ['button without body', 131008, { type: 'button', action: { buttons: [] } }],
    [
      'cta_url display_text over 20',
      131009,
      {
        type: 'cta_url',
        body,
        action: {
          name: 'cta_url',
          parameters: { display_text: 'x'.repeat(21), url: 'https://x.io' },
        },
      },
    ],
    [
      'flow with both flow_id and flow_name',
      131009,
      {
        type: 'flow',
        body,
        action: {
          name: 'flow',
          parameters: { flow_message_version: '3', flow_cta: 'Go', flow_id: '1', flow_name: 'f' },
        },
      },
    ],
    [
      'product with a header',
      131009,
      {
        type: 'product',
        header: { type: 'text', text: 'x' },
        action: { catalog_id: '1', product_retailer_id: 'a' },
      },
    ],
    [
      'product_list with 31 products',
      131009,
      {
        type: 'product_list',
        header: { type: 'text', text: 'x' },
        body,
        action: {
          catalog_id: '1',
          sections: [
            {
              title: 'All',
              product_items: Array.from({ length: 31 }, (_, n) => ({
                product_retailer_id: `s${n}`,
              })),
            },
          ],
        },
      },
    ],
    [
      'catalog_message without body',
      131008,
      { type: 'catalog_message', action: { name: 'catalog_message' } },
    ],
  ])('refuses %s with %i', async (_name, code, i) => {
    await open();
    const res = await send(h, interactive(i));
    expect(res.body.error?.code, JSON.stringify(res.body)).toBe(code);
  });
});

describe('reactions', () => {
  const react = (messageId: string) => ({
    messaging_product: 'whatsapp',
    to: USER,
    type: 'reaction',
    reaction: { message_id: messageId, emoji: '❤️' },
  });

  it('delivers a reaction to a message of the chat (a sent status only)', async () => {
    const inbound = await open();
    const id = idOf(await send(h, react(inbound)));
    expect(await statusTrail(h, id)).toEqual(['sent']);
  });

  it('does not deliver a reaction to an unknown message or one older than 30 days (131009)', async () => {
    const inbound = await open();
    const unknown = idOf(await send(h, react('wamid.unknown')));
    expect(await failedCode(h, unknown)).toBe(131009);
    h.advanceClock(30 * DAY + 1000);
    h.sim.control.inbound(USER, { type: 'text', text: { body: 'still here' } });
    const old = idOf(await send(h, react(inbound)));
    expect(await failedCode(h, old)).toBe(131009);
  });
});

describe('read receipts and typing indicator', () => {
  const read = (messageId: string, typing = false) => ({
    messaging_product: 'whatsapp',
    status: 'read',
    message_id: messageId,
    ...(typing ? { typing_indicator: { type: 'text' } } : {}),
  });

  it('accepts them for a message this number received and records them in the oracle', async () => {
    const inbound = await open();
    expect((await send(h, read(inbound, true))).body).toEqual({ success: true });
    expect(h.sim.control.readReceipts({ waId: USER })).toEqual([
      expect.objectContaining({
        message_id: inbound,
        phone_number_id: PHONE_ID,
        typing_indicator: true,
      }),
    ]);
  });

  it('refuses them for an unknown message or one another number received (100)', async () => {
    const inbound = await open();
    expect((await send(h, read('wamid.nope'))).body.error?.code).toBe(100);
    expect((await send(h, read(inbound), { phoneId: SECOND_PHONE })).body.error?.code).toBe(100);
    expect(h.sim.control.readReceipts()).toEqual([]);
  });
});

describe('media', () => {
  async function upload(type: string, bytes: number): Promise<{ status: number; body: unknown }> {
    const form = new FormData();
    form.set('messaging_product', 'whatsapp');
    form.set('type', type);
    form.set('file', new Blob([Buffer.alloc(bytes)], { type }), 'f.bin');
    const res = await request(`${h.sim.url}/v23.0/${PHONE_ID}/media`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_TOKEN}` },
      body: form,
    });
    return { status: res.statusCode, body: await res.body.json() };
  }

  it('refuses unsupported types (100) and oversized files (131053); accepts the allow-list', async () => {
    await open();
    expect(await upload('image/gif', 10)).toMatchObject({
      status: 400,
      body: { error: { code: 100 } },
    });
    expect(await upload('image/webp', 600 * 1024)).toMatchObject({
      body: { error: { code: 131053 } },
    });
    expect((await upload('image/png', 10)).status).toBe(200);
    expect((await upload('audio/ogg; codecs=opus', 10)).status).toBe(200);
  });

  it('refuses a media id it never issued (100)', async () => {
    await open();
    const res = await send(h, {
      messaging_product: 'whatsapp',
      to: USER,
      type: 'image',
      image: { id: '9999999999' },
    });
    expect(res.body.error).toMatchObject({ code: 100 });
    expect(res.body.error.error_data.details).toContain("image['id']");
  });
});

describe('template text parameters', () => {
  const withParam = (text: string) =>
    templateBody(USER, 'welcome_offer', 'en_US', [
      { type: 'header', parameters: [{ type: 'text', text: 'Ana' }] },
      { type: 'body', parameters: [{ type: 'text', text }] },
      {
        type: 'button',
        sub_type: 'copy_code',
        index: 0,
        parameters: [{ type: 'coupon_code', coupon_code: 'W15' }],
      },
    ]);

  it.each(['15%\noff', 'tab\there', 'five     spaces'])('refuses %j with 132018', async (text) => {
    await open();
    expect((await send(h, withParam(text))).body.error?.code).toBe(132018);
  });

  it('accepts four consecutive spaces', async () => {
    await open();
    expect((await send(h, withParam('four    spaces'))).status).toBe(200);
  });
});
