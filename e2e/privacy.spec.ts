import { expect, test } from '@playwright/test';
import { expectAccessible, signIn } from './support';

test('a deletion request from the public page is executed by an admin and the status page says done', async ({
  page,
}) => {
  // Thirteen pages and states, each audited by axe in both themes.
  test.setTimeout(180_000);
  for (const path of ['/legal', '/legal/privacy', '/legal/terms', '/legal/support']) {
    await page.goto(path);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expectAccessible(page, path);
  }
  await page.goto('/legal/privacy');
  await expect(page.getByRole('heading', { level: 1, name: 'Privacy policy' })).toBeVisible();
  await expect(page.getByText('Kiana & Business Partner LLC').first()).toBeVisible();
  await expect(page.getByText(/Effective date:/)).toBeVisible();
  await page.screenshot({
    path: 'test-results/screenshots/privacy-legal-policy.png',
    fullPage: true,
  });

  // The public form: no login, no JavaScript needed.
  await page.goto('/legal/data-deletion');
  await expectAccessible(page);
  // The page also holds the correction form, with the same contact fields.
  const form = page.getByRole('form', { name: 'Request deletion' });
  await form.getByLabel('Phone number on WhatsApp').fill('+44 7700 900456');
  await form.getByLabel('Email address').fill('e2e.person@example.org');
  await form.getByLabel('Message (optional)').fill('Please delete everything about me.');
  await page.screenshot({
    path: 'test-results/screenshots/privacy-deletion-form.png',
    fullPage: true,
  });
  await page.getByRole('button', { name: 'Send deletion request' }).click();
  await expect(page).toHaveURL(/\/legal\/data-deletion\/status\/DR-/);
  await expect(page.getByText('Received: waiting to be processed')).toBeVisible();
  const code = /status\/(DR-[A-Z0-9]+)/.exec(page.url())?.[1] ?? '';
  expect(code).not.toBe('');
  const statusUrl = `/legal/data-deletion/status/${code}`;
  await expectAccessible(page);
  await page.screenshot({
    path: 'test-results/screenshots/privacy-status-received.png',
    fullPage: true,
  });

  // The admin finds it in the Privacy queue and executes it.
  await signIn(page);
  await page.goto('/privacy');
  await expect(page.getByRole('heading', { name: 'Privacy', level: 2 })).toBeVisible();
  const link = page.getByRole('link', { name: code });
  await expect(link).toBeVisible();
  await expect(page.getByTestId('due').first()).toContainText(/due in (29|30) days/);
  await expectAccessible(page);
  await page.screenshot({ path: 'test-results/screenshots/privacy-queue.png', fullPage: true });
  await link.click();
  await expect(page.getByRole('heading', { name: `Deletion request ${code}` })).toBeVisible();
  await page.getByRole('button', { name: 'Find data' }).click();
  await expect(page.getByTestId('preview-table')).toContainText('deletion_requests');
  await expectAccessible(page);
  await page.screenshot({
    path: 'test-results/screenshots/privacy-request-preview.png',
    fullPage: true,
  });
  await page.getByRole('button', { name: 'Execute deletion' }).click();
  await page.getByRole('button', { name: 'Delete permanently' }).click();
  await expect(page.getByTestId('request-status')).toHaveText('Done');
  await expect(page.getByText('+44 7700 900456')).toHaveCount(0);
  await expectAccessible(page);
  await page.screenshot({
    path: 'test-results/screenshots/privacy-request-done.png',
    fullPage: true,
  });

  // The requester's status page now says it is done.
  await page.goto(statusUrl);
  await expect(page.getByText('Done: your data has been deleted')).toBeVisible();
  await expectAccessible(page);
  await page.screenshot({
    path: 'test-results/screenshots/privacy-status-done.png',
    fullPage: true,
  });

  // Retention and legal settings show real numbers and a live preview.
  await page.goto('/privacy/retention');
  await expect(page.getByLabel('Messages and media')).toHaveValue('365 days');
  await expect(page.getByTestId('purge-preview')).toContainText('Raw webhook events');
  await expectAccessible(page);
  await page.screenshot({ path: 'test-results/screenshots/privacy-retention.png', fullPage: true });
  await page.goto('/privacy/legal');
  await expect(page.getByTestId('legal-preview')).toContainText('Kiana & Business Partner LLC');
  await expectAccessible(page);
  await page.screenshot({
    path: 'test-results/screenshots/privacy-legal-editor.png',
    fullPage: true,
  });
});
