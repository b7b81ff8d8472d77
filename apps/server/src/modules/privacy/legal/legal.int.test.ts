import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HtmlValidate } from 'html-validate';
import { buildTestApp, type TestApp } from '../../../../test/test-app';
import { userWithRole, type SignedIn } from '../../auth/auth.testkit';
import { signRequest } from './meta-signed-request';

const APP_SECRET = 'meta-app-secret-for-tests-1234';
let kiana: TestApp;
let admin: SignedIn;

beforeAll(async () => {
  kiana = await buildTestApp({ env: { KIANA_DEMO: '1' } });
  admin = await userWithRole(kiana, 'admin');
  const created = await kiana.app.inject({
    method: 'POST',
    url: '/api/v1/whatsapp/accounts',
    headers: admin.headers,
    payload: {
      name: 'Test WABA',
      wabaId: '1234567890',
      accessToken: 'EAAG-test-token-0000',
      appSecret: APP_SECRET,
    },
  });
  expect(created.statusCode).toBe(201);
});
afterAll(async () => {
  await kiana.close();
});

const callback = (signedRequest: string) =>
  kiana.app.inject({
    method: 'POST',
    url: '/legal/data-deletion/callback',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ signed_request: signedRequest }).toString(),
  });

describe("Meta's data deletion callback", () => {
  it('answers { url, confirmation_code } to a correctly signed request and opens a request', async () => {
    const res = await callback(
      signRequest(
        {
          algorithm: 'HMAC-SHA256',
          user_id: '10203040',
          issued_at: Math.floor(Date.now() / 1000),
        },
        APP_SECRET,
      ),
    );
    expect(res.statusCode).toBe(200);
    const body = res.json<{ url: string; confirmation_code: string }>();
    expect(body.confirmation_code).toMatch(/^DR-[A-Z0-9]{10}$/);
    expect(body.url).toBe(
      `http://localhost:3000/legal/data-deletion/status/${body.confirmation_code}`,
    );
    const row = await kiana.ctx.db.kysely
      .selectFrom('deletionRequests')
      .selectAll()
      .where('code', '=', body.confirmation_code)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      source: 'meta_callback',
      status: 'pending',
      metaUserId: '10203040',
    });
    const status = await kiana.app.inject({ method: 'GET', url: new URL(body.url).pathname });
    expect(status.statusCode).toBe(200);
    expect(status.body).toContain('Received: waiting to be processed');
  });

  it('refuses a request signed with another secret, a tampered payload and garbage', async () => {
    const before = await kiana.ctx.db.kysely.selectFrom('deletionRequests').select('id').execute();
    const wrong = await callback(
      signRequest({ algorithm: 'HMAC-SHA256', user_id: '1' }, 'some-other-app-secret'),
    );
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({ code: 'invalid_signed_request' });
    const good = signRequest({ algorithm: 'HMAC-SHA256', user_id: '1' }, APP_SECRET);
    const [sig] = good.split('.');
    const tampered = `${sig}.${Buffer.from(JSON.stringify({ algorithm: 'HMAC-SHA256', user_id: '2' })).toString('base64url')}`;
    expect((await callback(tampered)).statusCode).toBe(400);
    expect((await callback('not-a-signed-request')).statusCode).toBe(400);
    expect(
      (await callback(signRequest({ algorithm: 'none', user_id: '1' }, APP_SECRET))).statusCode,
    ).toBe(400);
    const missing = await kiana.app.inject({
      method: 'POST',
      url: '/legal/data-deletion/callback',
      headers: { 'content-type': 'application/json' },
      payload: {},
    });
    expect(missing.statusCode).toBe(400);
    const after = await kiana.ctx.db.kysely.selectFrom('deletionRequests').select('id').execute();
    expect(after.length).toBe(before.length);
  });
});

describe('public legal pages', () => {
  const pages = [
    '/legal',
    '/legal/privacy',
    '/legal/terms',
    '/legal/data-deletion',
    '/legal/support',
  ];

  it('render without login, with the configured company, contact and retention periods', async () => {
    const put = await kiana.app.inject({
      method: 'PUT',
      url: '/api/v1/privacy/retention',
      headers: admin.headers,
      payload: {
        periods: {
          messages_media: 200,
          webhook_events: 14,
          graph_api_logs: 21,
          audit_log: 400,
          deletion_requests: 900,
          campaign_recipients: 90,
          inactive_contacts: 1000,
        },
      },
    });
    expect(put.statusCode).toBe(200);
    for (const url of pages) {
      const res = await kiana.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.body).toContain('Kiana &amp; Business Partner LLC');
    }
    const privacy = (await kiana.app.inject({ method: 'GET', url: '/legal/privacy' })).body;
    expect(privacy).toContain('info@kianallc.com');
    for (const text of [
      '200 days',
      '14 days',
      '21 days',
      '400 days',
      '900 days',
      '90 days',
      '1000 days',
    ])
      expect(privacy).toContain(text);
    expect(privacy).toMatch(/Effective date: <time datetime="\d{4}-\d{2}-\d{2}">/);
    const deletion = (await kiana.app.inject({ method: 'GET', url: '/legal/data-deletion' })).body;
    expect(deletion).toContain('Data Deletion Request');
    expect(deletion).toContain('<label for="phone">');
    const support = (await kiana.app.inject({ method: 'GET', url: '/legal/support' })).body;
    expect(support).toContain('Monday to Friday');
  });

  it('pass an HTML validator with its accessibility rules and carry no script or inline style', async () => {
    const validator = new HtmlValidate({
      extends: ['html-validate:recommended', 'html-validate:a11y'],
      rules: { 'no-inline-style': 'error' },
    });
    const urls = [...pages, '/legal/data-deletion/status/DR-UNKNOWN000'];
    for (const url of urls) {
      const body = (await kiana.app.inject({ method: 'GET', url })).body;
      const report = await validator.validateString(body);
      const messages = report.results.flatMap((r) =>
        r.messages.map((m) => `${url}: ${m.ruleId} ${m.message}`),
      );
      expect(messages).toEqual([]);
      expect(body).toMatch(/<html lang="en" dir="ltr">/);
      expect(body).toContain('<a class="skip-link" href="#content">');
      expect(body).not.toMatch(/<script|style=/i);
    }
    const unknown = await kiana.app.inject({ method: 'GET', url: '/legal/cookies' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain('Page not found');
    const css = await kiana.app.inject({ method: 'GET', url: '/legal/assets/legal.css' });
    expect(css.headers['content-type']).toContain('text/css');
  });

  it('show a form error again as an accessible page and keep the typed values', async () => {
    const res = await kiana.app.inject({
      method: 'POST',
      url: '/legal/data-deletion',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'phone=&email=&message=hello',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('role="alert"');
    expect(res.body).toContain('>hello</textarea>');
    const bad = await kiana.app.inject({
      method: 'POST',
      url: '/legal/data-deletion',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'phone=12&email=',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('phone number is not valid');
    // What a visitor typed comes back escaped, in attributes and in the textarea alike.
    const hostile = await kiana.app.inject({
      method: 'POST',
      url: '/legal/data-deletion',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        phone: '"><img src=x onerror=alert(1)>',
        email: '',
        message: '</textarea><script>alert(1)</script>',
      }).toString(),
    });
    expect(hostile.statusCode).toBe(400);
    expect(hostile.body).toContain('value="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"');
    expect(hostile.body).toContain('&lt;/textarea&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(hostile.body).not.toMatch(/<script|<img/i);
  });

  it('escape raw HTML in published Markdown and keep earlier versions with their effective dates', async () => {
    const today = new Date(kiana.ctx.clock.now()).toISOString().slice(0, 10);
    const publish = (markdown: string) =>
      kiana.app.inject({
        method: 'POST',
        url: '/api/v1/privacy/legal/pages/terms/versions',
        headers: admin.headers,
        payload: { markdown, effectiveAt: today },
      });
    expect((await publish('# Terms v1\n\nFirst text by {{company}}.')).statusCode).toBe(200);
    const second = await publish(
      '# Terms v2\n\n<script>alert(1)</script> [x](javascript:alert(1))',
    );
    expect(second.json<{ versions: unknown[] }>().versions).toHaveLength(2);
    const page = (await kiana.app.inject({ method: 'GET', url: '/legal/terms' })).body;
    expect(page).toContain('Terms v2');
    expect(page).toContain('&lt;script&gt;');
    expect(page).not.toContain('<script>');
    expect(page).not.toContain('href="javascript:');
    expect(page).toContain('href="/legal/terms?version=1"');
    const v1 = (await kiana.app.inject({ method: 'GET', url: '/legal/terms?version=1' })).body;
    expect(v1).toContain('First text by Kiana &amp; Business Partner LLC.');
    const past = await kiana.app.inject({
      method: 'POST',
      url: '/api/v1/privacy/legal/pages/terms/versions',
      headers: admin.headers,
      payload: { markdown: '# Old', effectiveAt: '2001-01-01' },
    });
    expect(past.statusCode).toBe(400);
  });

  it('rate-limits the public form', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const res = await kiana.app.inject({
        method: 'POST',
        url: '/legal/data-deletion',
        remoteAddress: '203.0.113.9',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: `email=limit${i}%40example.org`,
      });
      statuses.push(res.statusCode);
    }
    expect(statuses.slice(0, 5).every((s) => s === 303)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });
});
