import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { FormData } from 'undici';
import { ValidationError } from '../errors';
import { GraphClient } from './graph.client';
import type { SendMessageBody } from './graph.schemas';
import { headersOf, mockGraph, PHONE, TOKEN, WABA, type Seen } from './graph.test-support';

let mock = mockGraph();
afterEach(async () => {
  mock.agent.assertNoPendingInterceptors();
  await mock.client.close();
  mock = mockGraph();
});

const accepted = (to: string) => ({
  messaging_product: 'whatsapp',
  contacts: [{ input: to, wa_id: to }],
  messages: [{ id: 'wamid.HBgLMTU1NTAwMDMzMzMVAgARGBJBQkNE', message_status: 'accepted' }],
});

/** Intercepts one call and records what the client sent. */
function capture(path: string, method: string, reply: unknown, status = 200): Seen[] {
  const seen: Seen[] = [];
  mock.pool.intercept({ path, method }).reply((opts) => {
    const body = typeof opts.body === 'string' ? (JSON.parse(opts.body) as unknown) : opts.body;
    seen.push({ path: opts.path, method: opts.method, headers: headersOf(opts.headers), body });
    return { statusCode: status, data: JSON.stringify(reply) };
  });
  return seen;
}

const to = '15550003333';
const bodies: SendMessageBody[] = [
  { to, type: 'text', text: { body: 'hello', preview_url: false } },
  { to, type: 'image', image: { id: '1003000000000001', caption: 'New arrivals' } },
  { to, type: 'document', document: { link: 'https://cdn.example.com/a.pdf', filename: 'a.pdf' } },
  { to, type: 'audio', audio: { link: 'https://cdn.example.com/a.ogg' } },
  { to, type: 'video', video: { id: '1003000000000002' } },
  { to, type: 'sticker', sticker: { id: '1003000000000003' } },
  { to, type: 'location', location: { latitude: 37.75, longitude: -122.42, name: 'HQ' } },
  { to, type: 'contacts', contacts: [{ name: { formatted_name: 'Ana', first_name: 'Ana' } }] },
  { to, type: 'reaction', reaction: { message_id: 'wamid.X', emoji: '😀' } },
  {
    to,
    type: 'interactive',
    interactive: {
      type: 'button',
      body: { text: 'How can we help?' },
      action: { buttons: [{ type: 'reply', reply: { id: 'a', title: 'A' } }] },
    },
  },
  {
    to,
    type: 'template',
    biz_opaque_callback_data: 'campaign:42:recipient:7',
    context: { message_id: 'wamid.PREV' },
    template: {
      name: 'summer_sale',
      language: { code: 'en_US' },
      components: [{ type: 'body', parameters: [{ type: 'text', text: 'Ana' }] }],
    },
  },
];

describe('sendMessage', () => {
  it.each(bodies.map((b) => [b.type, b] as const))(
    'sends a %s message with the token only in the Authorization header',
    async (_type, body) => {
      const seen = capture(`/v23.0/${PHONE}/messages`, 'POST', accepted(to));
      const res = await mock.api.sendMessage(PHONE, body);
      expect(res.messages[0]?.id).toMatch(/^wamid\./);
      expect(res.contacts[0]?.wa_id).toBe(to);
      const req = seen[0];
      expect(req?.headers.authorization).toBe(`Bearer ${TOKEN}`);
      expect(req?.path).not.toContain(TOKEN);
      expect(req?.body).toEqual({ messaging_product: 'whatsapp', ...body });
    },
  );

  it('refuses a malformed body before anything is sent', async () => {
    await expect(
      mock.api.sendMessage(PHONE, {
        to,
        type: 'image',
        image: { id: '1', link: 'https://x/y.jpg' },
      }),
    ).rejects.toBeInstanceOf(ValidationError);
    await expect(
      mock.api.sendMessage(PHONE, { to, type: 'text', text: { body: '' } }),
    ).rejects.toBeInstanceOf(ValidationError);
  });

  it('uses the API version of the account it was created for', async () => {
    const seen = capture(`/v25.0/${PHONE}/messages`, 'POST', accepted(to));
    await mock.client
      .forAccount({ accessToken: TOKEN, apiVersion: 'v25.0' })
      .sendMessage(PHONE, bodies[0] as SendMessageBody);
    expect(seen).toHaveLength(1);
    await expect(
      mock.client.forAccount({ accessToken: TOKEN, apiVersion: '23' }).getWaba(WABA),
    ).rejects.toThrow(/v23\.0/);
  });

  it('marks a message as read with a typing indicator', async () => {
    const seen = capture(`/v23.0/${PHONE}/messages`, 'POST', { success: true });
    await expect(
      mock.api.markAsRead(PHONE, 'wamid.IN', { typingIndicator: true }),
    ).resolves.toEqual({ success: true });
    expect(seen[0]?.body).toEqual({
      messaging_product: 'whatsapp',
      status: 'read',
      message_id: 'wamid.IN',
      typing_indicator: { type: 'text' },
    });
  });
});

describe('templates', () => {
  it('follows cursors until a page has no `next`, passing filters on every page', async () => {
    const page = (ids: string[], after: string, next: boolean) => ({
      data: ids.map((id) => ({
        id,
        name: `t_${id}`,
        language: 'en_US',
        status: 'APPROVED',
        category: 'UTILITY',
        components: [],
      })),
      paging: {
        cursors: { before: 'b', after },
        ...(next ? { next: `https://graph/next?after=${after}` } : {}),
      },
    });
    const paths: string[] = [];
    const replies = [
      page(['1', '2'], 'c1', true),
      page(['3'], 'c2', true),
      page(['4'], 'c3', false),
    ];
    for (const reply of replies) {
      mock.pool
        .intercept({
          path: (p) => p.startsWith(`/v23.0/${WABA}/message_templates?`),
          method: 'GET',
        })
        .reply((opts) => {
          paths.push(opts.path);
          return { statusCode: 200, data: JSON.stringify(reply) };
        });
    }
    const all = await mock.api.listAllTemplates(WABA, {
      status: 'APPROVED',
      fields: ['name', 'status'],
    });
    expect(all.map((t) => t.id)).toEqual(['1', '2', '3', '4']);
    const queries = paths.map((p) => new URL(p, 'http://x').searchParams);
    expect(queries.map((q) => q.get('after'))).toEqual([null, 'c1', 'c2']);
    for (const q of queries) {
      expect(q.get('status')).toBe('APPROVED');
      expect(q.get('fields')).toBe('name,status');
      expect(q.has('access_token')).toBe(false);
    }
  });

  it('creates a template and deletes one language version by hsm_id', async () => {
    const created = capture(`/v23.0/${WABA}/message_templates`, 'POST', {
      id: '555',
      status: 'PENDING',
      category: 'UTILITY',
    });
    const res = await mock.api.createTemplate(WABA, {
      name: 'order_update',
      language: 'en_US',
      category: 'UTILITY',
      components: [{ type: 'BODY', text: 'Order {{1}} shipped', example: { body_text: [['42']] } }],
    });
    expect(res).toMatchObject({ id: '555', status: 'PENDING' });
    expect(created[0]?.body).toMatchObject({ name: 'order_update', category: 'UTILITY' });

    capture(`/v23.0/${WABA}/message_templates?name=order_update&hsm_id=555`, 'DELETE', {
      success: true,
    });
    await expect(
      mock.api.deleteTemplate(WABA, { name: 'order_update', hsmId: '555' }),
    ).resolves.toEqual({ success: true });
    await expect(
      mock.api.createTemplate(WABA, {
        name: 'Bad Name',
        language: 'en',
        category: 'UTILITY',
        components: [{ type: 'BODY' }],
      }),
    ).rejects.toBeInstanceOf(ValidationError);
  });
});

describe('account and numbers', () => {
  it('reads the WABA, its numbers, one number with fields, and subscribes the app', async () => {
    capture(`/v23.0/${WABA}`, 'GET', { id: WABA, name: 'Lucky Shrub', timezone_id: '1' });
    expect((await mock.api.getWaba(WABA)).name).toBe('Lucky Shrub');

    capture(`/v23.0/${WABA}/phone_numbers?fields=id%2Cquality_rating`, 'GET', {
      data: [{ id: PHONE, quality_rating: 'GREEN' }],
    });
    expect(await mock.api.listAllPhoneNumbers(WABA, ['id', 'quality_rating'])).toEqual([
      { id: PHONE, quality_rating: 'GREEN' },
    ]);

    capture(`/v23.0/${PHONE}?fields=throughput%2Cmessaging_limit_tier`, 'GET', {
      id: PHONE,
      throughput: { level: 'STANDARD' },
      messaging_limit_tier: 'TIER_1K',
    });
    const number = await mock.api.getPhoneNumber(PHONE, ['throughput', 'messaging_limit_tier']);
    expect(number.throughput?.level).toBe('STANDARD');

    const sub = capture(`/v23.0/${WABA}/subscribed_apps`, 'POST', { success: true });
    await mock.api.subscribeApp(WABA);
    expect(sub[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });
});

describe('media', () => {
  it('uploads multipart form data with the file, its type and messaging_product', async () => {
    const seen: unknown[] = [];
    mock.pool.intercept({ path: `/v23.0/${PHONE}/media`, method: 'POST' }).reply((opts) => {
      seen.push(opts.body);
      return { statusCode: 200, data: JSON.stringify({ id: '4490709327384033' }) };
    });
    const res = await mock.api.uploadMedia(PHONE, {
      data: Buffer.from('jpegbytes'),
      mimeType: 'image/jpeg',
      filename: 'a.jpg',
    });
    expect(res.id).toBe('4490709327384033');
    const form = seen[0] as FormData;
    expect(form).toBeInstanceOf(FormData);
    expect(form.get('messaging_product')).toBe('whatsapp');
    expect(form.get('type')).toBe('image/jpeg');
    const file = form.get('file') as File;
    expect(file.name).toBe('a.jpg');
    expect(Buffer.from(await file.arrayBuffer()).toString()).toBe('jpegbytes');
  });

  it('resolves a media URL and downloads it with the token, within the size limit', async () => {
    capture(`/v23.0/777`, 'GET', {
      id: '777',
      url: 'http://graph.test/media/777?sig=1',
      mime_type: 'image/jpeg',
      file_size: '4',
    });
    const info = await mock.api.getMediaUrl('777');
    expect(info.file_size).toBe(4);
    mock.pool
      .intercept({
        path: '/media/777?sig=1',
        method: 'GET',
        headers: { authorization: `Bearer ${TOKEN}` },
      })
      .reply(200, Buffer.from('abcd'), { headers: { 'content-type': 'image/jpeg' } });
    const media = await mock.api.downloadMedia(info.url, { maxBytes: 10 });
    expect(media).toMatchObject({ size: 4, contentType: 'image/jpeg' });
    expect(media.data.toString()).toBe('abcd');
  });

  it('refuses media larger than maxBytes, whether announced or streamed', async () => {
    mock.pool
      .intercept({ path: '/media/big', method: 'GET' })
      .reply(200, Buffer.alloc(100), { headers: { 'content-length': '100' } });
    await expect(
      mock.api.downloadMedia('http://graph.test/media/big', { maxBytes: 10 }),
    ).rejects.toMatchObject({ code: 'payload_too_large' });
    mock.pool.intercept({ path: '/media/big2', method: 'GET' }).reply(200, Buffer.alloc(100));
    await expect(
      mock.api.downloadMedia('http://graph.test/media/big2', { maxBytes: 10 }),
    ).rejects.toMatchObject({ code: 'payload_too_large' });
  });

  it('never sends the token to a host that is neither the Graph origin nor Meta media', async () => {
    await expect(
      mock.api.downloadMedia('https://evil.example.com/m', { maxBytes: 10 }),
    ).rejects.toMatchObject({ code: 'media_host_not_allowed' });
    await expect(
      mock.api.downloadMedia('http://lookaside.fbsbx.com/m', { maxBytes: 10 }),
    ).rejects.toMatchObject({ code: 'media_host_not_allowed' });
  });
});

it('never shows the token when the account API is logged or serialised', () => {
  expect(inspect(mock.api, { depth: 5, showHidden: true })).not.toContain(TOKEN);
  expect(JSON.stringify(mock.api)).not.toContain(TOKEN);
});

it('reports every finished call to the observer, without the token', async () => {
  const events: unknown[] = [];
  const { agent, pool } = mock;
  const observed = new GraphClient({
    baseUrl: 'http://graph.test',
    dispatcher: agent,
    observer: (e) => events.push(e),
  });
  const api = observed.forAccount({ accessToken: TOKEN, apiVersion: 'v23.0' });
  pool.intercept({ path: `/v23.0/${WABA}`, method: 'GET' }).reply(200, { id: WABA });
  pool
    .intercept({ path: `/v23.0/${WABA}`, method: 'GET' })
    .reply(401, { error: { code: 190, message: 'bad' } });
  await api.getWaba(WABA);
  await expect(api.getWaba(WABA)).rejects.toMatchObject({ classification: 'auth' });
  expect(events).toMatchObject([
    { method: 'GET', path: `/v23.0/${WABA}`, httpStatus: 200, classification: undefined },
    { method: 'GET', path: `/v23.0/${WABA}`, httpStatus: 401, classification: 'auth' },
  ]);
  expect(JSON.stringify(events)).not.toContain(TOKEN);
});
