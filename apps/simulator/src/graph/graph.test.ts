import { request, FormData } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mediaInfoSchema, phoneNumberSchema } from '@kiana/contracts';
import { PHONE_ID, TEST_TOKEN, WABA_ID, startHarness, type Harness } from '../testing/harness';
import { validator } from '../testing/spec';

// Auth errors, versions, phone numbers with fields=, subscribed_apps and media.

let h: Harness;
beforeAll(async () => {
  h = await startHarness({
    accessTokens: [
      TEST_TOKEN,
      { token: 'expired', expired: true },
      { token: 'mgmt_only', permissions: ['whatsapp_business_management'] },
      { token: 'other_waba', wabaIds: ['999'] },
    ],
  });
});
afterAll(() => h.close());

const text = {
  messaging_product: 'whatsapp',
  to: '16505551234',
  type: 'text',
  text: { body: 'x' },
};

describe('auth and versions', () => {
  it.each([
    [null, 104, 401],
    ['garbage', 190, 401],
    ['expired', 190, 401],
    ['mgmt_only', 10, 403],
    ['other_waba', 200, 403],
  ])('token %s → code %i', async (token, code, status) => {
    const res = await h.graph('POST', `/v23.0/${PHONE_ID}/messages`, text, token);
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe(code);
    expect(validator('GraphAPIError')(res.body)).toBe(true);
    if (token === 'expired') expect(res.body.error.error_subcode).toBe(463);
  });

  it('accepts v20.0 to v26.0 only', async () => {
    expect((await h.graph('GET', `/v20.0/${PHONE_ID}`)).status).toBe(200);
    expect((await h.graph('GET', `/v26.0/${PHONE_ID}`)).status).toBe(200);
    expect((await h.graph('GET', `/v19.0/${PHONE_ID}`)).body.error.code).toBe(2500);
  });

  it('answers malformed JSON with code 100', async () => {
    const res = await request(`${h.sim.url}/v23.0/${PHONE_ID}/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/json' },
      body: '{"messaging_product":',
    });
    expect(res.statusCode).toBe(400);
    expect(((await res.body.json()) as { error: { code: number } }).error.code).toBe(100);
  });

  it('answers unknown ids with code 100', async () => {
    expect((await h.graph('GET', '/v23.0/123456')).body.error).toMatchObject({
      code: 100,
      error_subcode: 33,
    });
  });
});

describe('phone numbers and recipients', () => {
  it('returns default fields and those asked for', async () => {
    const plain = await h.graph('GET', `/v23.0/${PHONE_ID}`);
    expect(Object.keys(plain.body).sort()).toEqual([
      'display_phone_number',
      'id',
      'quality_rating',
      'verified_name',
    ]);
    const rich = await h.graph(
      'GET',
      `/v23.0/${PHONE_ID}?fields=throughput,messaging_limit_tier,quality_rating,status`,
    );
    expect(rich.body).toEqual({
      id: PHONE_ID,
      throughput: { level: 'STANDARD' },
      messaging_limit_tier: 'TIER_2K',
      quality_rating: 'GREEN',
      // v23's WhatsAppPhoneNumberStatus enum, not the older CONNECTED.
      status: 'LINKED',
    });
    const statusEnum = validator('WhatsAppPhoneNumberStatus');
    expect(statusEnum(rich.body.status)).toBe(true);
    const list = await h.graph('GET', `/v23.0/${WABA_ID}/phone_numbers`);
    expect(list.body.data).toHaveLength(2);
    expect(list.body.data.every((p: unknown) => phoneNumberSchema.safeParse(p).success)).toBe(true);
  });

  it.each([
    ['+55 31 98877-6655', '553188776655'],
    ['5511987654321', '5511987654321'],
    ['525512345678', '5215512345678'],
    ['541123456789', '5491123456789'],
    ['+1 (650) 555-1234', '16505551234'],
  ])('rewrites %s to wa_id %s', async (to, waId) => {
    const res = await h.graph('POST', `/v23.0/${PHONE_ID}/messages`, {
      messaging_product: 'whatsapp',
      to,
      type: 'template',
      template: { name: 'hello_world', language: { code: 'en_US' } },
    });
    expect(res.body.contacts).toEqual([{ input: to, wa_id: waId }]);
    expect(h.sim.control.messages({ to }).at(-1)?.wa_id).toBe(waId);
  });

  it('subscribes apps', async () => {
    expect((await h.graph('POST', `/v23.0/${WABA_ID}/subscribed_apps`, {})).body).toEqual({
      success: true,
    });
    expect((await h.graph('GET', `/v23.0/${WABA_ID}/subscribed_apps`)).body.data).toHaveLength(1);
  });
});

describe('media', () => {
  it('uploads, describes with a short-lived URL and downloads only with the token', async () => {
    const form = new FormData();
    form.set('messaging_product', 'whatsapp');
    form.set('type', 'image/png');
    form.set('file', new Blob([Buffer.from('png-bytes')], { type: 'image/png' }), 'a.png');
    const up = await request(`${h.sim.url}/v23.0/${PHONE_ID}/media`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_TOKEN}` },
      body: form,
    });
    const { id } = (await up.body.json()) as { id: string };
    expect(up.statusCode).toBe(200);
    const info = mediaInfoSchema.parse((await h.graph('GET', `/v23.0/${id}`)).body);
    expect(info).toMatchObject({ id, mime_type: 'image/png', file_size: '9' });
    const without = await request(info.url);
    expect(without.statusCode).toBe(401);
    await without.body.dump();
    const withToken = await request(info.url, {
      headers: { authorization: `Bearer ${TEST_TOKEN}` },
    });
    expect(Buffer.from(await withToken.body.arrayBuffer()).toString()).toBe('png-bytes');
    expect((await h.graph('DELETE', `/v23.0/${id}`)).body).toEqual({ success: true });
  });
});
