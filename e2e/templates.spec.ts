import { fileURLToPath } from 'node:url';
import { expect, test, type FileChooser, type Page } from '@playwright/test';
import { e2ePort } from '../playwright.config';
import { expectAccessible, signIn } from './support';

// Connect an account, sync, build a template with an image header and buttons, submit it,
// see it approved; screenshots of the preview go to test-results/screenshots/.

const SIM = {
  wabaId: '102290129340398',
  appId: '1234567890123456',
  token: 'sim_access_token',
  appSecret: 'sim_app_secret_123',
};
// A 192×96 PNG: the image header's sample, uploaded through Meta's Resumable Upload API.
const headerSample = fileURLToPath(new URL('./fixtures/autumn-header.png', import.meta.url));

/** Picks a file for the media header the way a person does: click, then the file chooser. */
async function chooseFile(
  page: Page,
  files: Parameters<FileChooser['setFiles']>[0],
): Promise<void> {
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.getByLabel('Example file', { exact: true }).click(),
  ]);
  await chooser.setFiles(files);
}

test('connect an account, sync, build an image template with buttons, submit, see it approved', async ({
  page,
}) => {
  // Ten pages and states, each audited by axe in both themes.
  test.setTimeout(180_000);
  page.on('dialog', (d) => void d.accept());
  await signIn(page);

  // The demo seeds the simulator's account; remove it to connect it from scratch.
  await page.goto('/settings/whatsapp');
  await expect(page.getByRole('heading', { name: 'WhatsApp', level: 2 })).toBeVisible();
  const seeded = page.getByTestId(`account-${SIM.wabaId}`);
  // Wait for the list itself (an account card or the empty state) before asking what is in it.
  await expect(
    page
      .getByTestId(/^account-/)
      .first()
      .or(page.getByText('No WhatsApp account yet')),
  ).toBeVisible();
  if ((await seeded.count()) > 0) {
    await seeded.getByRole('button', { name: 'Remove' }).click();
    await expect(seeded).toHaveCount(0);
  }
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Add account' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Name').fill('Demo store');
  await dialog.getByLabel('WhatsApp Business Account ID').fill(SIM.wabaId);
  // Meta's upload API needs the app: header samples are uploaded to it.
  await dialog.getByLabel('App ID').fill(SIM.appId);
  await dialog.getByLabel('Access token').fill(SIM.token);
  await dialog.getByLabel('App secret').fill(SIM.appSecret);
  await expectAccessible(page, 'add account dialog');
  await dialog.getByRole('button', { name: 'Add account' }).click();
  const card = page.getByTestId(`account-${SIM.wabaId}`);
  await expect(card).toBeVisible();
  await expect(card.getByTestId('connection-status')).toHaveText('Not tested');

  await card.getByRole('button', { name: 'Test connection' }).click();
  await expect(card.getByTestId('connection-result')).toContainText(
    'Connected to Kiana Demo Store: 2 phone numbers',
  );
  await expect(card.getByTestId('connection-status')).toHaveText('Connected');
  await expect(card.getByTestId('numbers')).toContainText('+1 555-0100');
  await expect(card.getByTestId('numbers')).toContainText('GREEN');
  await expectAccessible(page, 'settings/whatsapp after a test');
  await expect(card.getByTestId('copy-callback-url')).toHaveText(
    `http://localhost:${e2ePort}/webhooks/whatsapp`,
  );
  await page.screenshot({ path: 'test-results/screenshots/settings-whatsapp.png', fullPage: true });

  await card.getByRole('button', { name: 'Sync templates' }).click();
  await page.goto('/templates');
  await expect(page.getByTestId('template-row-summer_sale_2026')).toBeVisible();
  await page.getByTestId('template-row-summer_sale_2026').click();
  await expect(page.getByTestId('preview-header-image')).toBeVisible();
  await expect(page.getByTestId('preview-body')).toHaveText(
    'Hi Ana! Get $25.00 off everything until August 31.',
  );
  await expectAccessible(page, 'template preview');
  await page.screenshot({
    path: 'test-results/screenshots/template-preview-synced.png',
    fullPage: true,
  });
  await page.keyboard.press('Escape');

  // Build a template with an image header and buttons; the linter speaks while typing.
  // The list has a "Name" filter too: fill only once the builder has replaced it.
  await page.getByRole('link', { name: 'New template' }).click();
  await expect(page).toHaveURL(/\/templates\/new$/);
  await expect(page.getByTestId('lint-panel')).toBeVisible();
  await page.getByLabel('Name', { exact: true }).fill('Autumn Sale');
  await expect(page.getByTestId('lint-panel')).toContainText(
    'Use only lower-case letters, digits and underscores',
  );
  await expectAccessible(page);
  await page.getByLabel('Name', { exact: true }).fill('autumn_sale_e2e');
  await page.locator('label', { hasText: /^Image$/ }).click();
  await expect(page.getByTestId('lint-panel')).toContainText('Upload an example image');
  // A file of the wrong kind is refused before anything is uploaded, naming the problem.
  await chooseFile(page, {
    name: 'notes.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from('not an image'),
  });
  await expect(
    page.getByText('notes.txt is text/plain: an image header needs a JPEG or PNG image.'),
  ).toBeVisible();
  await expectAccessible(page, 'template builder, wrong file');
  await page.screenshot({ path: 'test-results/screenshots/template-builder-wrong-file.png' });
  await chooseFile(page, headerSample);
  await expect(page.getByTestId('header-example-uploaded')).toHaveText(
    'autumn-header.png uploaded to Meta',
  );
  // The preview shows the uploaded picture itself, not a placeholder icon.
  const previewImage = page.getByTestId('template-preview').getByRole('img', {
    name: 'autumn-header.png',
  });
  await expect(previewImage).toBeVisible();
  expect(await previewImage.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(192);
  await page
    .getByLabel('Body', { exact: true })
    .fill('Hi {{1}}, our autumn sale starts today with {{2}} off everything.');
  await page.getByLabel('Example for {{1}}').fill('Ana');
  await page.getByLabel('Example for {{2}}').fill('30%');
  await page.getByLabel('Footer (optional)').fill('Tap Stop promotions to opt out');
  await page.getByRole('button', { name: '+ Visit website' }).click();
  const url = page.getByTestId('button-0');
  await url.getByLabel('Text', { exact: true }).fill('Shop now');
  await url.getByLabel('URL', { exact: true }).fill('https://shop.example.com/autumn/{{1}}');
  await url.getByLabel('Example suffix').fill('AUTUMN30');
  await page.getByRole('button', { name: '+ Quick reply' }).click();
  await page.getByTestId('button-1').getByLabel('Text', { exact: true }).fill('Stop promotions');
  await expect(page.getByTestId('lint-panel')).toContainText('Ready to submit');
  await expect(page.getByTestId('preview-body')).toHaveText(
    'Hi Ana, our autumn sale starts today with 30% off everything.',
  );
  await expect(page.getByTestId('template-preview')).toContainText('Shop now');
  await expectAccessible(page, 'template builder, complete');
  await page
    .getByTestId('template-preview')
    .screenshot({ path: 'test-results/screenshots/template-builder-preview.png' });
  await page.screenshot({ path: 'test-results/screenshots/template-builder.png', fullPage: true });

  await page.getByRole('button', { name: 'Submit for review' }).click();
  await expect(page).toHaveURL(/\/templates$/);
  const row = page.getByTestId('template-row-autumn_sale_e2e');
  await expect(row).toBeVisible();
  await expectAccessible(page);
  // The simulator reviews in about 1.5 s; its webhook or a sync brings the verdict.
  await expect(async () => {
    await page.getByRole('button', { name: 'Sync now' }).click();
    await expect(row.getByTestId('template-status')).toHaveText('Approved', { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  // A sync's notification can be dismissed with a button whose name says so.
  await expect(
    page
      .getByRole('alert')
      .filter({ hasText: /^Synced \d+ templates?\./ })
      .getByRole('button', { name: 'Close' })
      .first(),
  ).toBeVisible();
  await row.click();
  await expect(page.getByTestId('preview-header-image')).toBeVisible();
  await expectAccessible(page, 'approved template preview');
  await page.screenshot({
    path: 'test-results/screenshots/template-approved-preview.png',
    fullPage: true,
  });
});
