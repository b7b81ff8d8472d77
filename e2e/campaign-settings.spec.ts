import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, signIn } from './support';

// Settings → Campaigns: the approval switch and the rate card the pre-flight prices with.
// The admin adds a price for a country no other spec sends to, saves, and finds it again
// after a reload. Screenshots go to test-results/screenshots/.

const shot = (page: Page, name: string) =>
  page.screenshot({
    path: `test-results/screenshots/campaign-settings-${name}.png`,
    fullPage: true,
  });

test('an admin edits the rate card and sees the approval switch', async ({ page }) => {
  await signIn(page);
  await page.goto('/settings');
  await page.getByRole('link', { name: /Approval before launch/ }).click();
  await expect(page).toHaveURL(/\/settings\/campaigns$/);
  await expect(page.getByTestId('approval-required')).toBeVisible();
  // The seeded card is Meta's example prices, and says so.
  await expect(page.getByTestId('rate-card-examples')).toBeVisible();
  const rows = page.getByTestId('rate-row');
  await expect(rows.first()).toBeVisible();
  const before = await rows.count();
  await expectAccessible(page, 'campaign settings');
  await shot(page, '1-rate-card');

  await page.getByTestId('rate-add').click();
  const added = rows.nth(before);
  await added.getByTestId('rate-country').fill('JP');
  await added.getByTestId('rate-price').fill('0.0972');
  await page.getByTestId('rate-save').click();
  await expect(page.getByText('Rate card saved.')).toBeVisible();

  await page.reload();
  await expect(rows).toHaveCount(before + 1);
  const jp = rows.filter({ has: page.locator('input[value="JP"]') });
  await expect(jp.getByTestId('rate-price')).toHaveValue('0.0972');
  await shot(page, '2-saved');
});
