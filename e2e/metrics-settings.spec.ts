import { expect, test } from '@playwright/test';
import { expectAccessible, signIn } from './support';

// Settings → Metrics: the admin creates the scrape token (shown once), and /metrics answers
// with it and 401 without it; the allow-list is saved. Screenshots go to
// test-results/screenshots/.

test('the metrics token is created once, opens /metrics, and the allow-list is saved', async ({
  page,
}) => {
  await signIn(page);
  await page.goto('/settings');
  await page.getByRole('link', { name: /Metrics/ }).click();
  await expect(page).toHaveURL(/\/settings\/metrics$/);
  await page.getByTestId('metrics-rotate').click();
  const token = (await page.getByTestId('metrics-token').innerText()).trim();
  expect(token.length).toBeGreaterThan(20);
  await expect(page.getByTestId('metrics-token-state')).toContainText('A token is set');

  const denied = await page.request.get('/metrics');
  expect(denied.status()).toBe(401);
  const scraped = await page.request.get('/metrics', {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(scraped.status()).toBe(200);
  expect(await scraped.text()).toContain('# TYPE');

  await page.getByTestId('metrics-allow-list').fill('127.0.0.1\n::1');
  await page.getByTestId('metrics-save').click();
  await expect(page.getByText('Allowed addresses saved.')).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('metrics-allow-list')).toHaveValue('127.0.0.1\n::1');
  await expectAccessible(page, 'metrics settings');
  await page.screenshot({ path: 'test-results/screenshots/metrics-settings.png', fullPage: true });
});
