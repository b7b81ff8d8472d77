import { expect, test } from '@playwright/test';
import { expectAccessible, signIn } from './support';

// /api/docs: the OpenAPI document as a page, under the panel's CSP (no script, no CDN).
// A signed-in user opens it, finds an operation with its error answers and example, and
// no CSP violation is reported. Screenshot goes to test-results/screenshots/.

test('/api/docs renders the API reference for a signed-in user', async ({ page }) => {
  // axe walks every folded schema of the whole reference: slower than an SPA page.
  test.setTimeout(240_000);
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  await signIn(page);
  const res = await page.goto('/api/docs');
  expect(res?.status()).toBe(200);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Kiana WhatsApp Panel API');
  await expect(page.getByRole('heading', { name: 'Contacts', level: 2 })).toBeVisible();
  const op = page.locator('#postContacts');
  await op.locator(':scope > summary').click();
  await expect(op).toContainText('/api/v1/contacts');
  await expect(op).toContainText('409');
  await expect(op).toContainText('Idempotency-Key');
  await expect(op.getByText('Example').first()).toBeVisible();
  expect(violations).toEqual([]);
  await expectAccessible(page);
  await page.screenshot({ path: 'test-results/screenshots/api-docs.png', fullPage: false });
});
