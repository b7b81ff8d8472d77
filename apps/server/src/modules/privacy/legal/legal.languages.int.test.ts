import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { legalMessages, legalPages, panelLanguages, type LegalOverview } from '@kiana/contracts';
import { buildTestApp, type TestApp } from '../../../../test/test-app';
import { userWithRole, type SignedIn } from '../../auth/auth.testkit';
import { defaultLegalMarkdown } from './legal.defaults';

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
const publish = (page: string, language: string, markdown: string, effectiveAt = today()) =>
  kiana.app.inject({
    method: 'POST',
    url: `/api/v1/privacy/legal/pages/${page}/versions`,
    headers: admin.headers,
    payload: { markdown, effectiveAt, language },
  });
const coverage = async () =>
  (
    await kiana.app.inject({ method: 'GET', url: '/api/v1/privacy/legal', headers: admin.headers })
  ).json<LegalOverview>().coverage;
/** The first paragraph of a built-in text, as it reads on the page (placeholders filled). */
const firstSentenceOf = (markdown: string) =>
  (markdown.split('\n\n')[1] ?? '').split(/\*\*|\n/)[0]?.trim() ?? '';

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

  it('serve every built-in page in every language in that language, never English', async () => {
    expect((await coverage()).every((c) => c.missing.length === 0)).toBe(true);
    for (const language of panelLanguages.filter((l) => l !== 'en'))
      for (const page of legalPages) {
        const res = await get(`/legal/${page}?lang=${language}`);
        const where = `${page} in ${language}`;
        expect(res.statusCode, where).toBe(200);
        // Nothing in the page's main part is marked as English (the language menu is).
        const main = res.body.split('<main')[1] ?? '';
        expect(main, where).not.toContain('lang="en"');
        expect(res.body, where).not.toContain(legalMessages[language].notTranslated);
        // The page's own heading and its first sentence in the language, not the English ones.
        expect(res.body, where).toContain(`<h1>${legalMessages[language].pageTitles[page]}</h1>`);
        const sentence = firstSentenceOf(defaultLegalMarkdown[language][page]);
        expect(sentence.length, where).toBeGreaterThan(5);
        expect(res.body, where).toContain(sentence);
        expect(res.body, where).not.toContain(firstSentenceOf(defaultLegalMarkdown.en[page]));
      }
    // The editor starts a translation from that language's built-in text.
    const fa = await kiana.app.inject({
      method: 'GET',
      url: '/api/v1/privacy/legal?language=fa',
      headers: admin.headers,
    });
    const terms = fa.json<LegalOverview>().pages.find((p) => p.page === 'terms');
    expect(terms?.defaultMarkdown).toBe(defaultLegalMarkdown.fa.terms);
  });

  it('show the English text, marked, once an English version replaces the built-in one; then the translation', async () => {
    // A built-in translation translates the built-in English text; once an admin publishes
    // another English text, its readers are told the date and then read that text in English.
    const tomorrow = new Date(kiana.ctx.clock.now() + 86_400_000).toISOString().slice(0, 10);
    expect(
      (await publish('support', 'en', '# Support\n\nOur own help.', tomorrow)).statusCode,
    ).toBe(200);
    const announced = await get('/legal/support?lang=fa');
    expect(announced.body).toContain(firstSentenceOf(defaultLegalMarkdown.fa.support));
    expect(announced.body).toContain(legalMessages.fa.upcoming.split('{')[0] ?? '');
    expect(announced.body).not.toMatch(/<div lang="en"/);
    expect((await publish('terms', 'en', '# Terms of use\n\nOur own terms.')).statusCode).toBe(200);
    const before = await get('/legal/terms?lang=fa');
    expect(before.body).toContain('این صفحه هنوز به فارسی در دسترس نیست');
    expect(before.body).toMatch(/<div lang="en" dir="ltr">/);
    expect(before.body).toContain('Our own terms.');
    expect((await coverage()).find((c) => c.page === 'terms')?.missing).toEqual([
      'es',
      'pt-BR',
      'ar',
      'fa',
    ]);
    // Other pages keep their built-in translations.
    expect((await get('/legal/privacy?lang=fa')).body).not.toMatch(/<div lang="en"/);

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
