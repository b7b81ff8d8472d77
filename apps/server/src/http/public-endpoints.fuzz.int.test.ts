import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { buildTestApp, type TestApp } from '../../test/test-app';
import { TEST_ORIGIN } from '../modules/auth/auth.testkit';

/**
 * Findings 7 and 15 of the outside probe, as a class: whatever a stranger posts to a public
 * endpoint, the answer is never a 5xx, and a 4xx answer leaves no error in the server log.
 */
const endpoints = [
  '/legal/data-deletion',
  '/legal/data-deletion/callback',
  '/webhooks/whatsapp',
  '/api/v1/auth/login',
] as const;

const scalar = fc.oneof(
  fc.string({ maxLength: 50 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
);
const fieldValue = fc.oneof(
  scalar,
  fc.array(scalar, { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), scalar, { maxKeys: 3 }),
);
/** Bodies shaped like each endpoint's fields, with wrong types, and plain garbage. */
const jsonBody = fc.oneof(
  fc.record(
    {
      phone: fieldValue,
      email: fieldValue,
      message: fieldValue,
      signed_request: fieldValue,
      username: fieldValue,
      password: fieldValue,
      totpCode: fieldValue,
      object: fieldValue,
      entry: fieldValue,
    },
    { requiredKeys: [] },
  ),
  fc.jsonValue({ maxDepth: 3 }),
);
const request = fc.record({
  url: fc.constantFrom(...endpoints),
  kind: fc.constantFrom('json', 'form', 'text', 'raw-json', 'none'),
  body: jsonBody,
  text: fc.string({ maxLength: 200 }),
  ip: fc.integer({ min: 1, max: 250 }),
});

type FuzzRequest = typeof request extends fc.Arbitrary<infer T> ? T : never;

describe('public endpoints under fuzzing', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ logLevel: 'warn' });
  });
  afterAll(async () => {
    await t.close();
  });

  const send = async (r: FuzzRequest, n: number): Promise<LightMyRequestResponse> => {
    const headers: Record<string, string> = { origin: TEST_ORIGIN };
    let payload: string | undefined;
    if (r.kind === 'json' || r.kind === 'raw-json') {
      headers['content-type'] = 'application/json';
      payload = r.kind === 'json' ? JSON.stringify(r.body) : r.text;
    } else if (r.kind === 'form') {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      const o = typeof r.body === 'object' && r.body !== null ? r.body : { v: r.body };
      payload = new URLSearchParams(
        Object.entries(o).map(([k, v]): [string, string] => [
          k,
          typeof v === 'string' ? v : JSON.stringify(v),
        ]),
      ).toString();
    } else if (r.kind === 'text') {
      headers['content-type'] = 'text/plain';
      payload = r.text;
    }
    return t.app.inject({
      method: 'POST',
      url: r.url,
      headers,
      payload,
      // A fresh address per run keeps rate limits from hiding the handler's own answer.
      remoteAddress: `10.${n % 250}.${r.ip}.${(n >> 8) % 250}`,
    });
  };

  it('never answers 5xx, and logs no error for a 4xx', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        n += 1;
        const before = t.logLines.length;
        const res = await send(r, n);
        expect(res.statusCode, `${r.url} ${res.body.slice(0, 200)}`).toBeLessThan(500);
        if (res.statusCode >= 400) {
          const errors = t.logLines
            .slice(before)
            .filter((l) => (JSON.parse(l) as { level: number }).level >= 50);
          expect(errors, `${r.url} answered ${res.statusCode}`).toEqual([]);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('names the field that is not text, and refuses a body over the form limit whatever its type', async () => {
    const wrongType = await t.app.inject({
      method: 'POST',
      url: '/legal/data-deletion',
      headers: { origin: TEST_ORIGIN, 'content-type': 'application/json' },
      payload: JSON.stringify({ phone: 12345, email: '' }),
      remoteAddress: '192.0.2.201',
    });
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.body).toMatch(/phone/i);
    for (const contentType of ['application/json', 'application/x-www-form-urlencoded']) {
      const big = await t.app.inject({
        method: 'POST',
        url: '/legal/data-deletion',
        headers: { origin: TEST_ORIGIN, 'content-type': contentType },
        payload:
          contentType === 'application/json'
            ? JSON.stringify({ message: 'x'.repeat(100_000) })
            : `message=${'x'.repeat(100_000)}`,
        remoteAddress: '192.0.2.202',
      });
      expect(big.statusCode, contentType).toBe(413);
    }
  });
});
