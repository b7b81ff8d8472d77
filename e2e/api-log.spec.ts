import { expect, test } from '@playwright/test';
import { expectAccessible, signIn } from './support';

// Logs → Graph API: the demo account's start-up sync (connection test: WABA and phone
// numbers read from the simulator) is listed with its status and duration, filterable by
// path, and no token appears on the page. Screenshot goes to test-results/screenshots/.

const SIM = { wabaId: '102290129340398', token: 'sim_access_token' };

test('Logs → Graph API lists the calls of the demo account sync', async ({ page }) => {
  await signIn(page);
  await page.getByRole('link', { name: 'Logs' }).click();
  await page.getByRole('tab', { name: 'Graph API' }).click();
  await expect(page).toHaveURL(/\/logs\/graph-api$/);

  const log = page.getByTestId('api-log');
  await expect(log.getByText(`/v23.0/${SIM.wabaId}/phone_numbers`).first()).toBeVisible();
  const wabaRead = log
    .getByTestId('api-log-row')
    .filter({ has: page.getByText(`/v23.0/${SIM.wabaId}`, { exact: true }) })
    .first();
  await expect(wabaRead).toBeVisible();
  await expect(wabaRead.getByText('200', { exact: true })).toBeVisible();
  await expect(wabaRead.getByText('Kiana Demo Store')).toBeVisible();
  await expect(wabaRead.getByText(/^\d+ ms$/)).toBeVisible();

  // The path filter narrows the list to the phone number reads.
  await page.getByTestId('api-log-search').fill('phone_numbers');
  await expect(log.getByTestId('api-log-row').first()).toContainText('phone_numbers');
  await expect(log.getByText(`/v23.0/${SIM.wabaId}`, { exact: true })).toHaveCount(0);
  await page.getByTestId('api-log-search').fill('');
  await expect(wabaRead).toBeVisible();

  await expect(page.locator('body')).not.toContainText(SIM.token);
  await expectAccessible(page);
  await page.screenshot({ path: 'test-results/screenshots/api-log.png', fullPage: true });
});
