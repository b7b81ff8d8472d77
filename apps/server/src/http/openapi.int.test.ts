import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Validator } from '@seriousme/openapi-schema-validator';
import type { LightMyRequestResponse } from 'fastify';
import { buildTestApp, type TestApp } from '../../test/test-app';
import { authOf, userWithRole, type SignedIn } from '../modules/auth/auth.testkit';
import { operationsOf, responseChecker, urlOf, type DocOperation } from './openapi.testkit';

/**
 * The OpenAPI document is the contract an outside client or fuzzer relies on: it validates,
 * lists every route, and every answer a route gives — to its own examples and to malformed
 * input — is a documented status with a body that matches the documented schema.
 */

// Calls that end or weaken the caller's own session go last, so the rest runs signed in.
const LAST =
  /auth\/logout|account\/password|revoke-others|account\/sessions\/\{|totp|auth\/policy|api-keys\/\{id\}\/revoke|users\/\{id\}/;
// A stream never ends; its answer is checked by events tests.
const isStream = (o: DocOperation): boolean =>
  Object.values(o.op.responses).some((r) => r.content?.['text/event-stream'] !== undefined);

const jsonExample = (o: DocOperation): unknown =>
  o.op.requestBody?.content?.['application/json']?.example;

describe('OpenAPI document', () => {
  let t: TestApp;
  let doc: unknown;
  let admin: SignedIn;
  let apiKey: string;
  let check: ReturnType<typeof responseChecker>;
  let operations: DocOperation[];

  beforeAll(async () => {
    t = await buildTestApp({ logLevel: 'warn' });
    admin = await userWithRole(t, 'admin');
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/api-keys',
      headers: admin.headers,
      payload: { name: 'conformance', scopes: ['read', 'send', 'manage'] },
    });
    expect(created.statusCode).toBe(201);
    apiKey = created.json<{ secret: string }>().secret;
    doc = (await t.app.inject({ url: '/api/v1/docs', headers: admin.headers })).json();
    check = responseChecker(doc);
    operations = operationsOf(doc)
      .filter((o) => !isStream(o))
      .sort((a, b) => Number(LAST.test(a.path)) - Number(LAST.test(b.path)));
  }, 60_000);
  afterAll(async () => {
    await t.close();
  });

  it('validates as OpenAPI 3.1', async () => {
    const validator = new Validator();
    const result = await validator.validate(doc as Parameters<Validator['validate']>[0]);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('lists every registered route, each with a tag, an operation id and its error answers', () => {
    const documented = new Set(operationsOf(doc).map((o) => `${o.method.toUpperCase()} ${o.path}`));
    const registered = authOf(t)
      .routeTable.filter((r) => r.method !== 'HEAD' && r.method !== 'OPTIONS')
      .map((r) => `${r.method} ${r.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`);
    expect(registered.filter((r) => !documented.has(r))).toEqual([]);
    const ids = new Set<string>();
    for (const o of operationsOf(doc)) {
      expect(o.op.tags?.length, `${o.path} tags`).toBeGreaterThan(0);
      expect(o.op.operationId, `${o.path} operationId`).toBeTruthy();
      ids.add(o.op.operationId ?? '');
      if (!o.path.startsWith('/api/')) continue;
      expect(Object.keys(o.op.responses), `${o.method} ${o.path}`).toEqual(
        expect.arrayContaining(['400', '429', '500']),
      );
      for (const [status, r] of Object.entries(o.op.responses))
        if (Number(status) >= 400)
          expect(r.content?.['application/json']?.schema).toEqual({
            $ref: '#/components/schemas/Error',
          });
    }
    expect(ids.size).toBe(operationsOf(doc).length);
  });

  it('documents non-JSON answers with their real content type', () => {
    const ops = operationsOf(doc);
    const typeOf = (path: string): string[] =>
      Object.keys(ops.find((o) => o.path === path)?.op.responses['200']?.content ?? {});
    expect(typeOf('/api/v1/audit/export.csv')).toEqual(['text/csv']);
    expect(typeOf('/api/v1/privacy/contacts/{id}/export.zip')).toEqual(['application/zip']);
    expect(typeOf('/api/v1/contacts/exports/{id}/download')).toEqual(['text/csv']);
    expect(typeOf('/legal/{page}')).toEqual(['text/html']);
    expect(typeOf('/api/docs')).toEqual(['text/html']);
  });

  const call = (
    o: DocOperation,
    headers: Record<string, string>,
    url: string,
    payload: unknown,
    raw?: string,
  ): Promise<LightMyRequestResponse> =>
    t.app.inject({
      method: o.method.toUpperCase() as 'GET',
      url,
      headers: {
        ...headers,
        ...(payload !== undefined || raw !== undefined
          ? { 'content-type': 'application/json' }
          : {}),
      },
      ...(raw !== undefined
        ? { payload: raw }
        : payload === undefined
          ? {}
          : { payload: JSON.stringify(payload) }),
    });

  const exampleUrl = (o: DocOperation): string =>
    urlOf(
      o,
      (name, where) => o.op.parameters?.find((p) => p.name === name && p.in === where)?.example,
    );

  it('answers each route called with its examples, as an admin and as an API key, inside the document', async () => {
    const problems: string[] = [];
    for (const who of ['api key', 'admin'] as const) {
      const headers =
        who === 'admin'
          ? admin.headers
          : { authorization: `Bearer ${apiKey}`, 'user-agent': 'vitest' };
      let succeeded = 0;
      for (const o of operations) {
        const res = await call(o, headers, exampleUrl(o), jsonExample(o));
        if (res.statusCode < 300) succeeded += 1;
        if (res.statusCode >= 500)
          problems.push(`${who}: ${o.method} ${o.path} → ${res.statusCode} ${res.body}`);
        problems.push(...check(o, res).map((p) => `${who}: ${p}`));
      }
      // The examples really reach the routes (not only 401s and 400s); a key's scopes open
      // fewer of them than an admin's role.
      expect(succeeded, who).toBeGreaterThan(who === 'admin' ? 30 : 12);
    }
    expect(problems).toEqual([]);
  }, 120_000);

  it('answers malformed input (wrong types, missing fields, huge strings, bad ids) inside the document, never 5xx', async () => {
    const problems: string[] = [];
    const huge = 'x'.repeat(100_000);
    const wrongTypes = (v: unknown): unknown =>
      typeof v === 'object' && v !== null && !Array.isArray(v)
        ? Object.fromEntries(
            Object.keys(v).map((k) => [
              k,
              typeof (v as Record<string, unknown>)[k] === 'string' ? 12345 : 'text',
            ]),
          )
        : 'text';
    const hugeStrings = (v: unknown): unknown =>
      typeof v === 'string'
        ? huge
        : Array.isArray(v)
          ? v.map(hugeStrings)
          : typeof v === 'object' && v !== null
            ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, hugeStrings(x)]))
            : v;
    for (const o of operations) {
      const example = jsonExample(o);
      const exampleOf = (name: string, where: string): unknown =>
        o.op.parameters?.find((p) => p.name === name && p.in === where)?.example;
      const variants: { name: string; url: string; payload?: unknown; raw?: string }[] = [
        {
          name: 'bad ids',
          url: urlOf(o, (n, w) => (w === 'path' ? '../%00' + 'é'.repeat(300) : exampleOf(n, w))),
        },
        {
          name: 'huge query',
          url: urlOf(o, (n, w) => (w === 'query' ? 'x'.repeat(5000) : exampleOf(n, w))),
        },
        {
          name: 'wrong query types',
          url: urlOf(o, (n, w) => (w === 'query' ? '-1.5e999' : exampleOf(n, w))),
        },
      ];
      if (o.method !== 'get') {
        const url = exampleUrl(o);
        variants.push(
          { name: 'missing fields', url, payload: {} },
          { name: 'wrong types', url, payload: wrongTypes(example) },
          { name: 'huge strings', url, payload: hugeStrings(example ?? { value: 'x' }) },
          { name: 'not an object', url, payload: [1, null, 'x'] },
          { name: 'broken JSON', url, raw: '{"a":' },
        );
      }
      for (const v of variants) {
        const res = await call(o, admin.headers, v.url, v.payload, v.raw);
        if (res.statusCode >= 500)
          problems.push(`${v.name}: ${o.method} ${o.path} → ${res.statusCode} ${res.body}`);
        problems.push(...check(o, res).map((p) => `${v.name}: ${p}`));
      }
    }
    expect(problems).toEqual([]);
  }, 180_000);
});
