import { expect, test } from '@playwright/test';
import { expectAccessible, signIn } from './support';

// The dashboard over the demo history, and Logs → Messages filtered to a failure with its
// reason. Screenshots go to test-results/screenshots/.

test('the dashboard shows the demo history from the rollups', async ({ page }) => {
  await signIn(page);
  await page.goto('/');
  await page.getByText('Last 30 days').click();
  // The rollup job runs every 15 seconds; the page refreshes on the same beat.
  await expect(page.getByTestId('figure-sent-value')).not.toHaveText('0', { timeout: 45_000 });
  await expect(page.getByTestId('daily-chart')).toBeVisible();
  await expect(page.getByTestId('failures')).toContainText('131026');
  await expect(page.getByTestId('top-templates')).toContainText('spring_sale');
  await expectAccessible(page, 'dashboard');
  await page.screenshot({ path: 'test-results/screenshots/dashboard.png', fullPage: true });
});

test('the messages log filters by an error code and explains the failure', async ({ page }) => {
  await signIn(page);
  await page.goto('/logs/messages');
  await expect(page.getByRole('tab', { name: 'Messages' })).toBeVisible();
  await page.getByTestId('error-code-filter').fill('131026');
  const rows = page.getByTestId('message-log').getByRole('row');
  await expect(rows.nth(1)).toContainText('131026');
  await rows.nth(1).getByRole('button').first().click();
  await expect(page.getByTestId('message-detail')).toContainText('131026');
  await expect(page.getByTestId('message-detail')).toContainText('Status history');
  await expectAccessible(page, 'messages-log');
  await page.screenshot({ path: 'test-results/screenshots/messages-log.png', fullPage: true });
});
