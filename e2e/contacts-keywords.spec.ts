import { expect, test } from '@playwright/test';
import { expectAccessible, signIn } from './support';

// Contacts → Keywords: an admin turns confirmations on, edits the English opt-out reply,
// adds Italian with its own words, saves, and finds it all again after a reload.
// Screenshots go to test-results/screenshots/.

test('consent keywords are edited per language and kept', async ({ page }) => {
  test.setTimeout(120_000);
  const reply = `Unsubscribed ${Date.now()}. Reply START to come back.`;
  await signIn(page);
  await page.goto('/contacts');
  await page.getByRole('link', { name: 'Keywords' }).click();
  await expect(page).toHaveURL(/\/contacts\/keywords$/);
  const english = page.getByTestId('keywords-en');
  await expect(english).toContainText('STOP');

  await page.getByTestId('keywords-reply-enabled').check();
  await page.getByTestId('stop-reply-en').fill(reply);
  // A language already listed cannot be added twice.
  await page.getByTestId('new-language').fill('EN');
  await expect(page.getByTestId('add-language')).toBeDisabled();
  await page.getByTestId('new-language').fill('it');
  await page.getByTestId('add-language').click();
  const words = page.getByTestId('stop-words-it');
  await words.fill('BASTA');
  await words.press('Enter');
  await page.getByTestId('stop-reply-it').fill('Non riceverai più messaggi promozionali.');
  await page.getByTestId('save-keywords').click();
  await expect(page.getByText('Keywords saved')).toBeVisible();
  await expectAccessible(page, 'consent keywords');
  await page.screenshot({
    path: 'test-results/screenshots/contacts-keywords.png',
    fullPage: true,
  });

  await page.reload();
  await expect(page.getByTestId('stop-reply-en')).toHaveValue(reply);
  await expect(page.getByTestId('keywords-reply-enabled')).toBeChecked();
  await expect(page.getByTestId('keywords-it')).toContainText('BASTA');
});
