import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  TEST_TOKEN,
  WABA_ID,
  startHarness,
  type GraphBody,
  type Harness,
} from '../testing/harness';

// The Resumable Upload API and the header_handle check at template create.

const APP_ID = '1234567890123456';
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

// A 1×1 PNG: the magic bytes are all the simulator needs, but real bytes read better.
const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

async function raw(
  method: 'GET' | 'POST',
  path: string,
  headers: Record<string, string>,
  body?: Buffer,
): Promise<{ status: number; body: GraphBody }> {
  const res = await request(`${h.sim.url}${path}`, { method, headers, body });
  return { status: res.statusCode, body: (await res.body.json()) as GraphBody };
}

async function startSession(type = 'image/png', length = png.length): Promise<string> {
  const res = await h.graph(
    'POST',
    `/v23.0/${APP_ID}/uploads?file_name=sample.png&file_length=${length}&file_type=${encodeURIComponent(type)}`,
  );
  expect(res.status).toBe(200);
  expect(res.body.id).toMatch(/^upload:[A-Za-z0-9_-]+\?sig=[A-Za-z0-9_-]+$/);
  return String(res.body.id);
}

const sendBytes = (id: string, offset: number, bytes: Buffer, scheme = 'OAuth') =>
  raw(
    'POST',
    `/v23.0/${id}`,
    {
      authorization: `${scheme} ${TEST_TOKEN}`,
      file_offset: String(offset),
      'content-type': 'application/octet-stream',
    },
    bytes,
  );

async function uploadHandle(type = 'image/png', bytes = png): Promise<string> {
  const id = await startSession(type, bytes.length);
  const res = await sendBytes(id, 0, bytes);
  expect(res.status).toBe(200);
  return String(res.body.h);
}

const mediaTemplate = (name: string, format: string, handle?: string) => ({
  name,
  language: 'en_US',
  category: 'MARKETING',
  components: [
    {
      type: 'HEADER',
      format,
      ...(handle === undefined ? {} : { example: { header_handle: [handle] } }),
    },
    { type: 'BODY', text: 'Our new collection is here.' },
  ],
});

describe('resumable upload', () => {
  it('issues a session, takes the bytes with OAuth or Bearer and answers a 4:: handle naming the type', async () => {
    const h1 = await uploadHandle();
    expect(h1).toMatch(/^4::aW1hZ2UvcG5n:/); // base64("image/png"), like Meta's handles
    const id = await startSession();
    const bearer = await sendBytes(id, 0, png, 'Bearer');
    expect(bearer.body.h).toMatch(/^4::aW1hZ2UvcG5n:/);
  });

  it('resumes: GET tells the offset reached, the rest goes from there', async () => {
    const id = await startSession();
    const first = await sendBytes(id, 0, png.subarray(0, 20));
    expect(first.body).toEqual({ id: id.split('?')[0], file_offset: 20 });
    const status = await raw('GET', `/v23.0/${id}`, { authorization: `OAuth ${TEST_TOKEN}` });
    expect(status.body.file_offset).toBe(20);
    const wrong = await sendBytes(id, 0, png);
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.error_data.details).toContain('does not match the 20 bytes');
    const rest = await sendBytes(id, 20, png.subarray(20));
    expect(rest.body.h).toMatch(/^4::/);
  });

  it('refuses bad sessions, types, sizes and missing tokens with Meta errors', async () => {
    const badType = await h.graph(
      'POST',
      `/v23.0/${APP_ID}/uploads?file_length=10&file_type=image/gif`,
    );
    expect(badType.body.error.code).toBe(100);
    expect(badType.body.error.error_data.details).toContain('image/png');
    const tooBig = await h.graph(
      'POST',
      `/v23.0/${APP_ID}/uploads?file_length=${6 * 1024 * 1024}&file_type=image/png`,
    );
    expect(tooBig.body.error.error_data.details).toContain('at most 5242880 bytes');
    const otherApp = await h.graph('POST', `/v23.0/999/uploads?file_length=10&file_type=image/png`);
    expect(otherApp.body.error.error_subcode).toBe(33);
    const id = await startSession();
    const forged = await sendBytes(id.replace(/sig=.*/, 'sig=forged'), 0, png);
    expect(forged.body.error.error_subcode).toBe(33);
    const noToken = await raw('POST', `/v23.0/${id}`, { file_offset: '0' }, png);
    expect(noToken.body.error.code).toBe(104);
    const tooLong = await sendBytes(id, 0, Buffer.concat([png, png]));
    expect(tooLong.body.error.error_data.details).toContain('longer than file_length');
  });
});

describe('media header examples at template create', () => {
  const base = `/v23.0/${WABA_ID}/message_templates`;

  it('accepts an IMAGE header whose handle the upload issued', async () => {
    const res = await h.graph('POST', base, mediaTemplate('img_ok', 'IMAGE', await uploadHandle()));
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('PENDING');
  });

  it('accepts VIDEO with an mp4 and DOCUMENT with a PDF', async () => {
    const mp4 = await uploadHandle('video/mp4', Buffer.from('....ftypisom'));
    const pdf = await uploadHandle('application/pdf', Buffer.from('%PDF-1.4\n%%EOF'));
    expect((await h.graph('POST', base, mediaTemplate('vid_ok', 'VIDEO', mp4))).status).toBe(200);
    expect((await h.graph('POST', base, mediaTemplate('doc_ok', 'DOCUMENT', pdf))).status).toBe(
      200,
    );
  });

  it('refuses a missing example (2388273), a made-up handle (2494102) and a wrong file type', async () => {
    const missing = await h.graph('POST', base, mediaTemplate('img_none', 'IMAGE'));
    expect(missing.body.error).toMatchObject({ code: 100, error_subcode: 2388273 });
    const madeUp = await h.graph(
      'POST',
      base,
      mediaTemplate('img_fake', 'IMAGE', '4::aW1hZ2UvcG5n:x'),
    );
    expect(madeUp.body.error).toMatchObject({ code: 100, error_subcode: 2494102 });
    const tampered = (await uploadHandle()).replace(/:e:/, 'x:e:');
    const bad = await h.graph('POST', base, mediaTemplate('img_tampered', 'IMAGE', tampered));
    expect(bad.body.error.error_subcode).toBe(2494102);
    const mismatch = await h.graph(
      'POST',
      base,
      mediaTemplate('vid_png', 'VIDEO', await uploadHandle()),
    );
    expect(mismatch.body.error.error_subcode).toBe(2494102);
    expect(mismatch.body.error.error_data.details).toContain('video/mp4');
    const listed = await h.graph('GET', `${base}?name=img_`);
    expect((listed.body.data as { name: string }[]).map((t) => t.name)).toEqual(['img_ok']);
  });
});
