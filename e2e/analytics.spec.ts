import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { expectAccessible, signIn } from './support';

// The dashboard over the demo history (four campaigns lived through the simulator at start-up,
// demo.history.ts), and Logs → Messages filtered to a failure with its
// reason. Screenshots go to test-results/screenshots/.

test('the dashboard shows the demo history from the rollups', async ({ page }) => {
  await signIn(page);
  await page.goto('/');
  await page.getByText('Last 30 days').click();
  // The rollup job runs every 15 seconds; the page refreshes on the same beat.
  await expect(page.getByTestId('figure-sent-value')).not.toHaveText('0', { timeout: 45_000 });
  await expect(page.getByTestId('daily-chart')).toBeVisible();
  // How far the rollups reach (the API's watermark), not when the browser fetched.
  await expect(page.getByTestId('rollup-watermark')).toHaveText(/^Updated .*\d/);
  await expect(page.getByTestId('failures')).toContainText('131026');
  await expect(page.getByTestId('top-templates')).toContainText('welcome_offer');
  // What runs now, and the numbers: the demo number's quality, pacing and limit left.
  await expect(page.getByTestId('live-strip')).toContainText('Running now');
  const demoNumber = page.getByTestId('number-health').getByTestId('number-row').first();
  await expect(demoNumber).toContainText('GREEN');
  await expect(demoNumber).toContainText(/messages\/s/);
  await expect(demoNumber).toContainText(/of [\d,]+ new customers left|Unlimited/);
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
  await page.keyboard.press('Escape');

  // Narrowed to one contact, the filtered log downloads as CSV with the same failures.
  await page.getByTestId('contact-filter').fill('6505550000');
  await expect(rows.nth(1)).toContainText('+16505550000');
  const download = page.waitForEvent('download');
  await page.getByTestId('message-log-csv').click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('messages.csv');
  const lines = (await readFile((await file.path()) ?? '', 'utf8'))
    .split('\r\n')
    .filter((l) => l !== '');
  expect(lines[0]).toContain('createdAt,direction,status');
  expect(lines.length).toBeGreaterThan(1);
  for (const line of lines.slice(1)) expect(line).toMatch(/16505550000.*131026/);
});
