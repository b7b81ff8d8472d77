import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { expectAccessible, signIn } from './support';
import { e2eSimulatorPort } from '../playwright.config';

// Attachments from the composer in demo mode: a customer writes in through the simulator,
// the agent attaches a photo (a file over WhatsApp's limit is refused in the browser first),
// sends it with a caption, sees it in the thread from our own store, and the ticks advance.

const SIM = `http://localhost:${e2eSimulatorPort}`;
const WA_ID = '16505551234';
const photo = fileURLToPath(new URL('./fixtures/inbox-photo.png', import.meta.url));

test('the agent sends a photo with a caption and sees it delivered', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page);
  await page.getByRole('link', { name: 'Inbox' }).click();
  await expect(page.getByTestId('live-state')).toHaveText('Live');

  const question = `Can you show me the colours? (e2e ${Date.now()})`;
  const wrote = await page.request.post(`${SIM}/_sim/customers/${WA_ID}/messages`, {
    data: { type: 'text', text: { body: question } },
  });
  expect(wrote.ok()).toBe(true);
  const item = page.getByTestId('conversation-item').filter({ hasText: question });
  await expect(item).toBeVisible({ timeout: 20_000 });
  await item.click();
  const thread = page.getByTestId('thread');
  await expect(thread.getByText(question)).toBeVisible();

  // Over the 5 MB image limit: refused before any upload, naming the file and the limit.
  const picker = page.locator('input[type="file"]');
  await picker.setInputFiles({
    name: 'huge.png',
    mimeType: 'image/png',
    buffer: Buffer.alloc(5 * 1024 * 1024 + 1024, 1),
  });
  await expect(page.getByRole('alert').filter({ hasText: 'huge.png' })).toContainText('5.0 MB');
  await expect(page.getByTestId('attachment')).toHaveCount(0);

  await picker.setInputFiles(photo);
  await expect(page.getByTestId('attachment')).toContainText('inbox-photo.png');
  const caption = `Our colours (e2e ${Date.now()})`;
  await page.getByRole('textbox', { name: 'Caption' }).fill(caption);
  await expectAccessible(page, 'inbox attachment');
  await page.getByRole('button', { name: 'Send', exact: true }).click();

  const sent = thread.getByTestId('message').filter({ hasText: caption });
  await expect(sent).toBeVisible();
  const image = sent.getByRole('img', { name: caption });
  await expect(image).toBeVisible();
  // Served from our own store: the browser decoded the file.
  await expect.poll(() => image.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(16);
  await expect(sent.getByTestId('ticks')).toHaveAttribute('data-status', /delivered|read/, {
    timeout: 30_000,
  });
  await expect(page.getByTestId('attachment')).toHaveCount(0);
  await expectAccessible(page, 'inbox photo sent');
  await page.screenshot({ path: 'test-results/screenshots/inbox-media.png', fullPage: true });
});
