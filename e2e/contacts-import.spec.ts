import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { expectAccessible, signIn } from './support';

// Contact import: an admin uploads a CSV with some bad rows, maps its columns, watches the
// progress bar reach the end, downloads the rejected rows, builds a segment of the imported
// tag whose size changes as the filter is edited, and opens an imported contact's consent
// history. Screenshots go to test-results/screenshots/.

const shot = (name: string) => `test-results/screenshots/contacts-import-${name}.png`;

test('a CSV with bad rows is imported, its rejects downloaded, segmented and its consent shown', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const stamp = Date.now();
  const tag = `imp-${stamp}`;
  // Ofcom's London drama range (020 7946 0000–0999): valid numbers that are nobody's phone.
  const base = (stamp % 200) * 4;
  const n = (k: number) => String(base + k).padStart(3, '0');
  const csv = [
    'phone;Full name;labels;Marketing OK;notes',
    `+44 20 7946 0${n(0)};Ana ${stamp};${tag};yes;first`,
    `+44 20 7946 0${n(1)};Bruno ${stamp};${tag};no;second`,
    `+44 (20) 7946-0${n(2)};Carla ${stamp};${tag}|vip;yes;third`,
    `12345;Bad Number;${tag};yes;refused by the numbering plan`,
    `+44 20 7946 0${n(3)};Dora ${stamp};${tag};maybe;consent neither yes nor no`,
    `+442079460${n(0)};Ana again;${tag};yes;the same number as row 2`,
  ].join('\n');
  await signIn(page);

  // The Contacts page leads to the import.
  await page.goto('/contacts');
  await page.getByTestId('import-contacts').click();
  await expect(page).toHaveURL(/\/contacts\/import$/);
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('import-file').click();
  await (
    await chooser
  ).setFiles({ name: `contacts-${stamp}.csv`, mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await expectAccessible(page, 'import upload');
  await page.screenshot({ path: shot('upload'), fullPage: true });
  await page.getByTestId('upload-file').click();

  // The preview: detected format, first rows, the guessed number column; map the rest.
  const preview = page.getByTestId('import-preview');
  await expect(preview).toContainText(`Ana ${stamp}`);
  await expect(preview.locator('tbody tr')).toHaveCount(6);
  await expect(page.getByTestId('import-delimiter')).toHaveValue('Semicolon (;)');
  await expect(page.getByTestId('import-encoding')).toHaveValue('UTF-8');
  await expect(page.getByTestId('column-role-0')).toHaveValue('Phone number');
  const setRole = async (column: number, role: string) => {
    await page.getByTestId(`column-role-${column}`).click();
    await page.getByRole('option', { name: role, exact: true }).click();
    await expect(page.getByTestId(`column-role-${column}`)).toHaveValue(role);
  };
  await setRole(1, 'Name');
  await setRole(2, 'Tags');
  await setRole(3, 'Marketing consent');
  await setRole(4, 'Ignore');
  // Choosing another delimiter reads the file again: one column, no number left.
  await page.getByTestId('import-delimiter').click();
  await page.getByRole('option', { name: 'Comma (,)' }).click();
  await expect(page.getByTestId('column-role-4')).toHaveCount(0);
  await page.getByTestId('import-delimiter').click();
  await page.getByRole('option', { name: 'Semicolon (;)' }).click();
  await expect(page.getByTestId('column-role-4')).toBeVisible();
  await setRole(1, 'Name');
  await setRole(2, 'Tags');
  await setRole(3, 'Marketing consent');
  await page.getByTestId('import-policy').click();
  await page.getByRole('option', { name: 'Update them' }).click();
  await expectAccessible(page, 'import preview and mapping');
  await page.screenshot({ path: shot('preview'), fullPage: true });

  // Start: the progress bar reaches the end and the summary counts each row once.
  await page.getByTestId('start-import').click();
  await expect(page).toHaveURL(/\/contacts\/imports\/[\w-]+$/);
  const view = page.getByTestId('import-view');
  await expect(view).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
  await expect(page.getByTestId('import-progress')).toHaveAttribute('data-percent', '100');
  await expect(page.getByTestId('import-percent')).toHaveText('100%');
  await expect(page.getByTestId('summary-created')).toHaveText('3');
  await expect(page.getByTestId('summary-invalid')).toHaveText('2');
  await expect(page.getByTestId('summary-duplicate')).toHaveText('1');
  await expectAccessible(page, 'import progress and summary');
  await page.screenshot({ path: shot('summary'), fullPage: true });

  // The rejected rows: row number, value and reason of each.
  const downloading = page.waitForEvent('download');
  await page.getByTestId('download-rejected').click();
  const download = await downloading;
  const rejected = fs
    .readFileSync(await download.path(), 'utf8')
    .trim()
    .split(/\r?\n/);
  expect(rejected[0]).toBe('row,value,reason');
  expect(rejected.slice(1).map((line) => line.split(',')[0])).toEqual(['5', '6', '7']);
  expect(rejected[1]).toMatch(/^5,12345,/);
  expect(rejected[2]).toMatch(/^6,maybe,.*yes or no/);
  // A value starting with + is quoted with ' so a spreadsheet does not read it as a formula.
  expect(rejected[3]).toMatch(new RegExp(`^7,'\\+442079460${n(0)},.*row 2`));

  // The import is listed among past imports.
  await page.goto('/contacts/imports');
  await expect(page.getByTestId('imports-list').getByTestId('import-status').first()).toHaveText(
    'Done',
  );
  await expectAccessible(page, 'past imports');
  await page.screenshot({ path: shot('list'), fullPage: true });

  // A segment of the imported tag; its size follows the consent condition as it is edited.
  await page.goto('/contacts/segments');
  await page.getByTestId('segment-name').fill(`Imported ${stamp}`);
  const size = page.getByTestId('segment-size');
  await page.getByTestId('add-condition').click();
  await page.getByRole('menuitem', { name: 'Tags' }).click();
  await page.getByTestId('segment-tags').click();
  await page.getByRole('option', { name: tag, exact: true }).click();
  await page.keyboard.press('Escape');
  await expect(size).toHaveText('3 contacts match');
  await page.getByTestId('add-condition').click();
  await page.getByRole('menuitem', { name: 'Marketing consent' }).click();
  // A new consent condition asks for opted-in contacts: two of the three.
  await expect(size).toHaveText('2 contacts match');
  await page.getByRole('combobox', { name: 'Marketing consent' }).click({ force: true });
  await page.getByRole('option', { name: 'Opted out' }).click();
  await expect(size).toHaveText('3 contacts match');
  await page.getByRole('option', { name: 'Opted in' }).click();
  await page.keyboard.press('Escape');
  await expect(size).toHaveText('1 contact matches');
  await expectAccessible(page, 'segment of the import');
  await page.screenshot({ path: shot('segment'), fullPage: true });

  // An imported contact's consent history names the import as its source.
  await page.goto(`/contacts?q=${encodeURIComponent(`Bruno ${stamp}`)}`);
  const rows = page.getByTestId('contacts-table').getByTestId('contact-row');
  await expect(rows).toHaveCount(1);
  await rows.first().getByTestId('contact-link').click();
  await expect(page.getByTestId('contact-consent')).toHaveText('Opted out');
  const history = page.getByTestId('consent-history');
  await expect(history.getByTestId('consent-event')).toHaveCount(1);
  await expect(history.getByTestId('consent-event').first()).toContainText('Opted out');
  await expect(history.getByTestId('consent-event').first()).toContainText('Import');
  await expectAccessible(page, 'contact consent history');
  await page.screenshot({ path: shot('consent-history'), fullPage: true });
});
