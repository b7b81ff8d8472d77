import fc from 'fast-check';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PHONE_ID, TEST_TOKEN, WABA_ID, startHarness, type Harness } from '../testing/harness';

// Found by fuzzing the simulator with Meta's own spec (issue 12): a malformed
// `override_callback_uri` answered 500 (Meta: 400), and `DELETE` of a media id with
// `Content-Type: application/json` and no body was refused by the JSON parser. The simulator
// never answers 5xx to a malformed request: random bodies on every write route prove it.

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ limits: { throughputEnabled: false, pairEnabled: false } });
});
afterAll(() => h.close());

type Method = 'POST' | 'DELETE' | 'PUT' | 'PATCH';

async function raw(
  method: Method,
  path: string,
  body?: string,
  contentType = 'application/json',
): Promise<{ status: number; text: string }> {
  const res = await request(`${h.sim.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': contentType },
    ...(body !== undefined ? { body } : {}),
  });
  return { status: res.statusCode, text: await res.body.text() };
}

describe('fuzz findings', () => {
  it.each(['not a url', 'ftp://example.com/hook', 'http//missing-colon', '::::', ''])(
    'answers 400 (code 100) to override_callback_uri %j',
    async (uri) => {
      const res = await h.graph('POST', `/v23.0/${WABA_ID}/subscribed_apps`, {
        override_callback_uri: uri,
        verify_token: 'token',
      });
      expect(res.status).toBe(400);
      expect(res.body.error?.code).toBe(100);
    },
  );

  it('deletes a media id sent with Content-Type: application/json and no body', async () => {
    h.sim.control.addMedia('5550001112223334', 'image/png');
    const res = await raw('DELETE', '/v23.0/5550001112223334');
    expect(res.status, res.text).toBe(200);
    expect(JSON.parse(res.text)).toEqual({ success: true });
  });
});

const writeRoutes: [method: Method, path: string][] = [
  ['POST', `/v23.0/${PHONE_ID}/messages`],
  ['POST', `/v24.0/${PHONE_ID}/marketing_messages`],
  ['POST', `/v23.0/${PHONE_ID}/media`],
  ['POST', `/v23.0/${WABA_ID}/message_templates`],
  ['POST', `/v23.0/${WABA_ID}/subscribed_apps`],
  ['POST', '/v23.0/1192339204654487'],
  ['DELETE', `/v23.0/${WABA_ID}/message_templates`],
  ['POST', '/v23.0/1234567890123456/uploads'],
  ['POST', '/_sim/customers/16505551234/messages'],
  ['PUT', '/_sim/customers'],
  ['PATCH', '/_sim/settings'],
  ['POST', '/_sim/account-update'],
];

/** Bodies shaped like sends, with fields of random types and values. */
const sendLike = fc.record(
  {
    messaging_product: fc.oneof(fc.constant('whatsapp'), fc.jsonValue()),
    to: fc.oneof(fc.constant('16505551234'), fc.jsonValue()),
    recipient: fc.jsonValue(),
    type: fc.constantFrom('text', 'template', 'interactive', 'image', 'reaction', 'bogus'),
    text: fc.jsonValue(),
    template: fc.jsonValue(),
    interactive: fc.jsonValue(),
    image: fc.jsonValue(),
    reaction: fc.jsonValue(),
    status: fc.constantFrom(undefined, 'read', 7),
    message_id: fc.jsonValue(),
  },
  { requiredKeys: [] },
);

describe('the simulator never answers 5xx to a malformed request', () => {
  it.each(writeRoutes)('%s %s', async (method, path) => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.jsonValue().map((v) => JSON.stringify(v) ?? 'null'),
          sendLike.map((v) => JSON.stringify(v)),
          fc.string({ maxLength: 40 }),
        ),
        async (body) => {
          const res = await raw(method, path, body);
          expect(res.status, `${body} → ${res.text}`).toBeLessThan(500);
        },
      ),
      { numRuns: 40, seed: 20261130 },
    );
  });
});
