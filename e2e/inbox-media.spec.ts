import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, signIn } from './support';
import { e2eSimulatorPort } from '../playwright.config';

// Attachments from the composer in demo mode: a customer writes in through the simulator,
// the agent attaches a photo (a file over WhatsApp's limit is refused in the browser first),
// sends it with a caption, sees it in the thread from our own store, and the ticks advance.

const SIM = `http://localhost:${e2eSimulatorPort}`;
const WA_ID = '16505551234';
const photo = fileURLToPath(new URL('./fixtures/inbox-photo.png', import.meta.url));

/** How many read receipts (and typing indicators) the simulator got for the customer. */
async function receipts(page: Page): Promise<{ read: number; typing: number }> {
  const res = await page.request.get(`${SIM}/_sim/read-receipts?wa_id=${WA_ID}`);
  const data = ((await res.json()) as { data: { typing_indicator: boolean }[] }).data;
  return { read: data.length, typing: data.filter((r) => r.typing_indicator).length };
}

test('the inbox settings show read receipts on in demo mode', async ({ page }) => {
  await signIn(page);
  await page.goto('/settings');
  await page.getByRole('link', { name: /Read receipts and the typing indicator/ }).click();
  await expect(page.getByRole('heading', { name: 'Inbox settings' })).toBeVisible();
  await expect(
    page.getByRole('switch', { name: 'Read receipts and typing indicator' }),
  ).toBeChecked();
  await expectAccessible(page, 'inbox settings');
  await page.screenshot({ path: 'test-results/screenshots/inbox-settings.png', fullPage: true });
});

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
  const before = await receipts(page);
  await item.click();
  const thread = page.getByTestId('thread');
  await expect(thread.getByText(question)).toBeVisible();
  // Read receipts are on in demo mode: opening the conversation marks the question read.
  await expect.poll(async () => (await receipts(page)).read).toBeGreaterThan(before.read);

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
  const captionBox = page.getByRole('textbox', { name: 'Caption' });
  await captionBox.fill(caption);
  // An emoji from the composer's picker goes in at the caret.
  await captionBox.press('Home');
  await page.getByRole('button', { name: 'Insert an emoji' }).click();
  await expect(page.getByRole('dialog', { name: 'Insert an emoji' })).toBeVisible();
  await expectAccessible(page, 'inbox emoji picker');
  await page.getByRole('button', { name: 'Party popper' }).click();
  await expect(captionBox).toHaveValue(`🎉${caption}`);
  await expect(captionBox).toBeFocused();
  // …and the customer sees "typing…" while the agent writes.
  await expect.poll(async () => (await receipts(page)).typing).toBeGreaterThan(before.typing);
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
