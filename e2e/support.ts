import fs from 'node:fs';
import { createRequire } from 'node:module';
import { expect, type Page } from '@playwright/test';
import { e2eAdminPassword } from '../playwright.config';

const require = createRequire(import.meta.url);
// Evaluated through the DevTools protocol, which the panel's CSP (script-src 'self') does
// not govern, so no spec needs to bypass the CSP to be audited.
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Signs in as the demo admin through the sign-in page, as a person would. */
export async function signIn(page: Page): Promise<void> {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Sign in to Kiana' })).toBeVisible();
  await expectAccessible(page, 'sign-in');
  await page.getByLabel('Username').fill('admin');
  await page.getByRole('textbox', { name: 'Password' }).fill(e2eAdminPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('navigation', { name: 'Main navigation' })).toBeVisible();
}

/** axe-core's WCAG 2.0/2.1/2.2 A and AA rules on the page as it is; serious and critical only. */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run(o: object): Promise<{ violations: AxeViolation[] }> } }
    ).axe;
    const result = await axe.run({
      runOnly: {
        type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'],
      },
      resultTypes: ['violations'],
    });
    return result.violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact ?? '?'}: ${v.help}) at ${v.nodes
          .slice(0, 5)
          .map((n) => n.target.join(' '))
          .join(', ')}`,
    );
}

/** Sets the theme the way a visitor gets it: Mantine's attribute, and the OS preference for the legal pages. */
async function setScheme(page: Page, scheme: 'light' | 'dark'): Promise<void> {
  await page.emulateMedia({ colorScheme: scheme });
  await page.evaluate((s) => {
    const html = document.documentElement;
    if (html.hasAttribute('data-mantine-color-scheme'))
      html.setAttribute('data-mantine-color-scheme', s);
  }, scheme);
}

/**
 * Audits the page with axe-core in the light and the dark theme, and fails on any serious
 * or critical violation (contrast, names, labels, landmarks...). Every spec calls it on
 * each page it visits, so a regression anywhere is caught where it appears.
 */
export async function expectAccessible(page: Page, where = page.url()): Promise<void> {
  // A button busy with its request hides its label behind a spinner; audit the settled page.
  await expect(page.locator('button[data-loading]')).toHaveCount(0);
  // The label of a button that just stopped loading fades back in (~150 ms).
  await page.waitForTimeout(400);
  const original = await page.evaluate(() =>
    document.documentElement.getAttribute('data-mantine-color-scheme'),
  );
  // Colours change with a transition (SegmentedControl labels: 200 ms); axe would sample a
  // colour half-way between the two themes. Audit each theme as it settles, not in passing.
  const still = await page.addStyleTag({
    content: '*, *::before, *::after { transition: none !important; animation: none !important; }',
  });
  const found: string[] = [];
  for (const scheme of ['light', 'dark'] as const) {
    await setScheme(page, scheme);
    found.push(...(await seriousViolations(page)).map((v) => `[${scheme}] ${v}`));
  }
  await setScheme(page, original === 'dark' ? 'dark' : 'light');
  await still.evaluate((node) => node.parentNode?.removeChild(node));
  expect(found, `axe on ${where}`).toEqual([]);
}

/** The language and direction the document declares. */
export async function documentLocale(page: Page): Promise<{ lang: string; dir: string }> {
  return page.evaluate(() => ({
    lang: document.documentElement.lang,
    dir: document.documentElement.dir,
  }));
}
