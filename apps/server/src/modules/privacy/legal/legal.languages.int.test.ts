import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LegalOverview } from '@kiana/contracts';
import { buildTestApp, type TestApp } from '../../../../test/test-app';
import { userWithRole, type SignedIn } from '../../auth/auth.testkit';

let kiana: TestApp;
let admin: SignedIn;

beforeAll(async () => {
  kiana = await buildTestApp({ env: { KIANA_DEMO: '1' } });
  admin = await userWithRole(kiana, 'admin');
});
afterAll(async () => {
  await kiana.close();
});

const get = (url: string, acceptLanguage?: string) =>
  kiana.app.inject({
    method: 'GET',
    url,
    headers: acceptLanguage === undefined ? {} : { 'accept-language': acceptLanguage },
  });
const today = () => new Date(kiana.ctx.clock.now()).toISOString().slice(0, 10);
const publish = (page: string, language: string, markdown: string) =>
  kiana.app.inject({
    method: 'POST',
    url: `/api/v1/privacy/legal/pages/${page}/versions`,
    headers: admin.headers,
    payload: { markdown, effectiveAt: today(), language },
  });

describe('legal pages in the visitor’s language', () => {
  it('follow the browser’s Accept-Language, right to left for Persian and Arabic', async () => {
    const fa = await get('/legal', 'fa-IR,fa;q=0.9,en;q=0.5');
    expect(fa.body).toMatch(/<html lang="fa" dir="rtl">/);
    expect(fa.body).toContain('اطلاعات حقوقی');
    expect(fa.body).toContain('سیاست حریم خصوصی');
    expect(fa.headers.vary).toContain('Accept-Language');
    const ar = await get('/legal/data-deletion', 'ar-EG');
    expect(ar.body).toMatch(/<html lang="ar" dir="rtl">/);
    expect(ar.body).toContain('رقم الهاتف على واتساب');
    // Portuguese from Portugal reads the Brazilian catalogue rather than English.
    const pt = await get('/legal/support', 'pt-PT, en;q=0.1');
    expect(pt.body).toMatch(/<html lang="pt-BR" dir="ltr">/);
    expect(pt.body).toContain('Contato e suporte');
    expect((await get('/legal', 'de-DE')).body).toMatch(/<html lang="en" dir="ltr">/);
  });

  it('take a ?lang= link over the browser and keep it in every link', async () => {
    const res = await get('/legal/privacy?lang=es', 'fa');
    expect(res.body).toMatch(/<html lang="es" dir="ltr">/);
    expect(res.body).toContain('href="/legal/terms?lang=es"');
    // The retention table and dates of the built-in text are in Spanish too.
    expect(res.body).toContain('Se conservan durante');
    expect(res.body).toMatch(/\d+ días/);
    const form = await get('/legal/data-deletion?lang=es');
    expect(form.body).toContain('action="/legal/data-deletion?lang=es"');
    expect(form.body).toContain('Enviar la solicitud de eliminación');
  });

  it('show the English text, marked, until a translation is published; then the translation', async () => {
    const before = await get('/legal/terms?lang=fa');
    expect(before.body).toContain('این صفحه هنوز به فارسی در دسترس نیست');
    expect(before.body).toMatch(/<div lang="en" dir="ltr">/);
    const overview = await kiana.app.inject({
      method: 'GET',
      url: '/api/v1/privacy/legal?language=fa',
      headers: admin.headers,
    });
    const coverage = overview.json<LegalOverview>().coverage;
    expect(coverage.find((c) => c.page === 'terms')?.missing).toEqual(['es', 'pt-BR', 'ar', 'fa']);

    const published = await publish('terms', 'fa', '# شرایط استفاده\n\nمتن فارسی {{company}}.');
    expect(published.statusCode).toBe(200);
    expect(published.json<{ language: string; current: { language: string } }>()).toMatchObject({
      language: 'fa',
      current: { language: 'fa' },
    });
    const after = await get('/legal/terms?lang=fa');
    expect(after.body).toContain('متن فارسی');
    expect(after.body).not.toContain('این صفحه هنوز به فارسی در دسترس نیست');
    // Persian readers see a Solar Hijri date with Persian digits.
    expect(after.body).toMatch(/تاریخ اجرا: <time datetime="[\d-]+">[۰-۹]+ [^<]+ [۰-۹]{4}<\/time>/);
    // English readers keep the English text.
    expect((await get('/legal/terms')).body).not.toContain('متن فارسی');

    const later = await kiana.app.inject({
      method: 'GET',
      url: '/api/v1/privacy/legal',
      headers: admin.headers,
    });
    const terms = later.json<LegalOverview>().coverage.find((c) => c.page === 'terms');
    expect(terms?.missing).toEqual(['es', 'pt-BR', 'ar']);
    const en = later.json<LegalOverview>().pages.find((p) => p.page === 'terms');
    expect(en?.versions.every((v) => v.language === 'en')).toBe(true);
  });

  it('accept a phone number typed in Persian digits and answer errors in the visitor’s language', async () => {
    const post = (body: Record<string, string>, query = '') =>
      kiana.app.inject({
        method: 'POST',
        url: `/legal/data-deletion${query}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'fa' },
        payload: new URLSearchParams(body).toString(),
      });
    const empty = await post({ phone: '', email: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('لطفاً شماره تلفن یا نشانی ایمیل خود را وارد کنید.');
    const persian = await post({ phone: '+۴۴ ۲۰ ۷۹۴۶ ۰۹۵۸' }, '?lang=fa');
    expect(persian.statusCode).toBe(303);
    expect(persian.headers.location).toMatch(
      /\/legal\/data-deletion\/status\/DR-\w+\?new=1&lang=fa$/,
    );
    const status = await get(String(persian.headers.location));
    expect(status.body).toContain('درخواست شما را دریافت کردیم');
  });
});
