import { expect, test } from '@playwright/test';
import { expectAccessible, signIn } from './support';

// Contacts: an admin makes a tag, creates a contact (a bad number first: the API's field
// error shows beside the input), finds it by search, tags it in bulk, opens its detail page
// and deletes it. Screenshots go to test-results/screenshots/.

test('a contact is created, found, tagged in bulk, opened and deleted', async ({ page }) => {
  test.setTimeout(180_000);
  const stamp = Date.now();
  const name = `E2E Contact ${stamp}`;
  const tagName = `e2e-${stamp}`;
  // Ofcom's London range for drama (020 7946 0000–0999): valid, and nobody's phone.
  const last3 = String(stamp % 1000).padStart(3, '0');
  const e164 = `+442079460${last3}`;
  await signIn(page);

  // A tag to put on the contact.
  await page.goto('/contacts/tags');
  await page.getByTestId('new-tag').click();
  await page.getByTestId('tag-name').fill(tagName);
  await page.getByTestId('tag-save').click();
  await expect(page.getByTestId('tags-table')).toContainText(tagName);
  await expectAccessible(page, 'tags manager');
  await page.screenshot({ path: 'test-results/screenshots/contacts-tags.png', fullPage: true });

  // Create: a number the numbering plan refuses comes back as an error on the phone field.
  await page.getByRole('link', { name: 'Contacts' }).first().click();
  await expect(page).toHaveURL(/\/contacts$/);
  await page.getByTestId('new-contact').click();
  await page.getByTestId('contact-phone').fill('+44 12');
  await page.getByTestId('contact-name').fill(name);
  await page.getByTestId('contact-save').click();
  await expect(page.getByTestId('contact-phone')).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page, 'contact form with a field error');
  await page.screenshot({ path: 'test-results/screenshots/contacts-form-error.png' });
  // Typed with spaces; stored in E.164.
  await page.getByTestId('contact-phone').fill(`+44 20 7946 0${last3}`);
  await page.getByTestId('contact-save').click();
  const detail = page.getByTestId('contact-detail');
  await expect(detail).toContainText(e164);
  await expect(page.getByRole('heading', { level: 2 })).toHaveText(name);

  // Find it by search, select it and tag it in bulk.
  await page.getByRole('link', { name: 'All contacts' }).click();
  await page.getByTestId('contacts-search').fill(String(stamp));
  await expect(page).toHaveURL(new RegExp(`q=${stamp}`));
  const rows = page.getByTestId('contacts-table').getByTestId('contact-row');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(name);
  await rows.first().getByTestId('select-row').check();
  await expect(page.getByTestId('bulk-bar')).toContainText('1 selected');
  await page.getByTestId('bulk-tag').click();
  await page.getByRole('option', { name: tagName }).click();
  await page.getByTestId('bulk-add-tag').click();
  await expect(rows.first().getByTestId('tag-badge')).toHaveText(tagName);
  await expect(page.getByTestId('bulk-bar')).toHaveCount(0);
  await expectAccessible(page, 'contacts list');
  await page.screenshot({ path: 'test-results/screenshots/contacts-list.png', fullPage: true });

  // A segment of that tag: its size follows the conditions as they are edited.
  await page.goto('/contacts/segments');
  await page.getByTestId('segment-name').fill(`Segment ${stamp}`);
  const size = page.getByTestId('segment-size');
  await page.getByTestId('add-condition').click();
  await page.getByRole('menuitem', { name: 'Tags' }).click();
  await page.getByTestId('segment-tags').click();
  await page.getByRole('option', { name: tagName }).click();
  await expect(size).toHaveText('1 contact matches');
  await page.keyboard.press('Escape');
  await expectAccessible(page, 'segment builder');
  await page.screenshot({ path: 'test-results/screenshots/contacts-segment.png', fullPage: true });
  await page.getByTestId('segment-save').click();
  await expect(page.getByTestId('segments-table')).toContainText(`Segment ${stamp}`);
  await page.goto(`/contacts?q=${stamp}`);

  // Its detail page shows the tag, consent and facts.
  await rows.first().getByTestId('contact-link').click();
  await expect(detail.getByTestId('tag-badge')).toHaveText(tagName);
  await expect(detail.getByTestId('contact-consent')).toHaveText('Unknown');
  await expectAccessible(page, 'contact detail');
  await page.screenshot({ path: 'test-results/screenshots/contacts-detail.png', fullPage: true });

  // Delete, after a confirmation; the search then finds nothing.
  await page.getByTestId('delete-contact').click();
  await page.getByTestId('confirm-delete').click();
  await expect(page).toHaveURL(/\/contacts$/);
  await page.getByTestId('contacts-search').fill(String(stamp));
  await expect(page.getByTestId('table-empty')).toBeVisible();
  await expect(rows).toHaveCount(0);
});
