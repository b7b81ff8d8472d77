import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { legalMessages, type PanelLanguage } from '@kiana/contracts';
import { documentLocale, expectAccessible, signIn } from './support';

// Every page of the panel and every public legal page, read in Persian and Arabic (right
// to left) and in Spanish and Portuguese: direction, no sideways scrolling, no English
// label left behind, axe in both themes, and a screenshot of each.

type Tree = { [key: string]: string | Tree };
const catalogue = (language: string): Map<string, string> => {
  const tree = JSON.parse(
    fs.readFileSync(`apps/web/src/i18n/locales/${language}/translation.json`, 'utf8'),
  ) as Tree;
  const out = new Map<string, string>();
  const walk = (t: Tree, prefix: string) => {
    for (const [k, v] of Object.entries(t)) {
      if (typeof v === 'string') out.set(`${prefix}${k}`, v);
      else walk(v, `${prefix}${k}.`);
    }
  };
  walk(tree, '');
  return out;
};
const flatLegal = (language: PanelLanguage): Map<string, string> => {
  const out = new Map<string, string>();
  const walk = (t: unknown, prefix: string) => {
    if (typeof t === 'string') out.set(prefix, t);
    else if (t !== null && typeof t === 'object')
      for (const [k, v] of Object.entries(t)) walk(v, `${prefix}.${k}`);
  };
  walk(legalMessages[language], '');
  return out;
};

/** English messages that the language translates differently (names like "WhatsApp" stay). */
function englishOnly(en: Map<string, string>, theirs: Map<string, string>): Set<string> {
  const out = new Set<string>();
  for (const [key, value] of en)
    if (theirs.get(key) !== value && !value.includes('{{') && !value.includes('{'))
      out.add(value.trim());
  return out;
}

const english = catalogue('en');
const englishLegal = flatLegal('en');

const panelPages = [
  '/',
  '/inbox',
  '/campaigns',
  '/campaigns/new',
  '/templates',
  '/templates/new',
  '/contacts',
  '/contacts/tags',
  '/contacts/segments',
  '/contacts/keywords',
  '/contacts/import',
  '/contacts/imports',
  '/logs',
  '/logs/messages',
  '/logs/graph-api',
  '/logs/security',
  '/settings',
  '/settings/whatsapp',
  '/settings/users',
  '/settings/api-keys',
  '/settings/campaigns',
  '/settings/webhooks',
  '/settings/canned-replies',
  '/settings/automations',
  '/settings/metrics',
  '/settings/inbox',
  '/privacy',
  '/privacy/retention',
  '/privacy/legal',
  '/account',
  '/no-such-page',
];
const legalPages = [
  '/legal',
  '/legal/privacy',
  '/legal/terms',
  '/legal/data-deletion',
  '/legal/support',
];

/** The words a person reads as labels: navigation, headings, buttons, fields, tabs, table heads. */
async function visibleLabels(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const selector =
      'nav a, h1, h2, h3, h4, button, label, [role="tab"], th, legend, dt, .mantine-Badge-label, .mantine-SegmentedControl-label';
    const pageLang = document.documentElement.lang;
    return (
      Array.from(document.querySelectorAll<HTMLElement>(selector))
        .filter((el) => el.offsetParent !== null || el.getClientRects().length > 0)
        // Content marked as written in another language (a legal text's preview) is not UI.
        .filter((el) => (el.closest('[lang]')?.getAttribute('lang') ?? pageLang) === pageLang)
        .map((el) => (el.innerText ?? '').trim())
        .filter((text) => text !== '')
    );
  });
}

async function checkPage(
  page: Page,
  language: PanelLanguage,
  path: string,
  untranslated: Set<string>,
): Promise<void> {
  const { lang, dir } = await documentLocale(page);
  expect(lang, path).toBe(language);
  expect(dir, path).toBe(language === 'ar' || language === 'fa' ? 'rtl' : 'ltr');
  const overflow = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  expect(overflow.scroll, `${path} scrolls sideways`).toBeLessThanOrEqual(overflow.client);
  const leftovers = (await visibleLabels(page)).filter((label) => untranslated.has(label));
  expect(leftovers, `${path}: English labels in ${language}`).toEqual([]);
  await expectAccessible(page, `${path} (${language})`);
  const name = path === '/' ? 'home' : path.slice(1).replace(/[/?=]/g, '-');
  await page.screenshot({
    path: `test-results/screenshots/i18n-${language}-${name}.png`,
    fullPage: language === 'ar' || language === 'fa',
  });
}

/** Stores the admin's language on the server through the API, as the settings page does. */
async function setLanguage(page: Page, language: PanelLanguage | null): Promise<void> {
  const session = await (await page.request.get('/api/v1/auth/session')).json();
  const res = await page.request.put('/api/v1/account/preferences', {
    data: { language, timeZone: null, calendar: null },
    headers: { 'x-csrf-token': session.csrfToken as string },
  });
  expect(res.status()).toBe(200);
}

for (const language of ['fa', 'ar', 'es', 'pt-BR'] as const) {
  test(`the panel and the legal pages in ${language}`, async ({ page }) => {
    test.setTimeout(360_000);
    const untranslated = englishOnly(english, catalogue(language));
    await signIn(page);
    try {
      // The user menu switches at once, without a reload, and stores the choice.
      await page.getByTestId('user-menu').click();
      await page.getByTestId(`language-${language}`).click();
      await expect(page.locator('html')).toHaveAttribute('lang', language);
      await expect(
        page.getByRole('navigation', { name: catalogue(language).get('layout.mainNav') }),
      ).toBeVisible();
      for (const path of panelPages) {
        await page.goto(path);
        await expect(page.getByRole('heading', { level: 2 }).first()).toBeVisible();
        // Pages fetch their data after the first paint; read them once it has arrived.
        await expect(page.locator('.mantine-Loader-root')).toHaveCount(0);
        await checkPage(page, language, path, untranslated);
      }
    } finally {
      await setLanguage(page, null);
    }

    // The public pages follow the visitor's browser (Accept-Language) or a ?lang= link.
    const untranslatedLegal = englishOnly(englishLegal, flatLegal(language));
    for (const path of legalPages) {
      await page.goto(`${path}?lang=${language}`);
      await checkPage(page, language, `${path}?lang=${language}`, untranslatedLegal);
    }
  });
}

test('a Persian browser gets the Persian sign-in page and legal pages without choosing', async ({
  browser,
}) => {
  const context = await browser.newContext({ locale: 'fa-IR' });
  const page = await context.newPage();
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByRole('heading', { name: 'ورود به کیانا' })).toBeVisible();
  await expectAccessible(page, 'sign-in (fa)');
  await page.screenshot({ path: 'test-results/screenshots/i18n-fa-sign-in.png' });
  await page.goto('/legal/data-deletion');
  await expect(page.locator('html')).toHaveAttribute('lang', 'fa');
  await expect(page.getByRole('button', { name: 'ارسال درخواست حذف' })).toBeVisible();
  await context.close();
});
