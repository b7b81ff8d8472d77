import { createHmac } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { expectAccessible, signIn } from './support';

// Logs → Webhooks: a signed delivery appears live, is found by its message id, shows its raw
// JSON and replays; a forged one is refused and counted. Screenshots go to test-results/screenshots/.

const SIM = {
  wabaId: '102290129340398',
  appSecret: 'sim_app_secret_123',
  phoneNumberId: '106540352242922',
};

function inbound(wamid: string): string {
  return JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: SIM.wabaId,
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550100', phone_number_id: SIM.phoneNumberId },
              contacts: [{ profile: { name: 'E2E Customer' }, wa_id: '16505550999' }],
              messages: [
                {
                  from: '16505550999',
                  id: wamid,
                  timestamp: String(Math.floor(Date.now() / 1000)),
                  type: 'text',
                  text: { body: 'Hello from the browser test' },
                },
              ],
            },
          },
        ],
      },
    ],
  });
}

test('a signed webhook shows up live, is searchable, shows its raw JSON and replays; a forged one is refused', async ({
  page,
}) => {
  await signIn(page);
  await page.goto('/logs');
  await expect(page.getByRole('tab', { name: 'Webhooks' })).toBeVisible();
  await expect(page.getByTestId('live-indicator')).toHaveText('Live');

  const wamid = `wamid.e2e.${Date.now()}`;
  const body = inbound(wamid);
  const sig = `sha256=${createHmac('sha256', SIM.appSecret).update(body).digest('hex')}`;
  const res = await page.request.post('/webhooks/whatsapp', {
    data: body,
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': sig },
  });
  expect(res.status()).toBe(200);

  // No reload: the row arrives over the event stream.
  const table = page.getByTestId('webhook-log');
  await expect(table.getByRole('row').nth(1)).toContainText('messages');
  await expect(table.getByRole('row').nth(1)).toContainText('processed');
  await expectAccessible(page);

  const forged = await page.request.post('/webhooks/whatsapp', {
    data: body,
    headers: {
      'content-type': 'application/json',
      'x-hub-signature-256': `sha256=${'0'.repeat(64)}`,
    },
  });
  expect(forged.status()).toBe(401);
  await expect(page.getByTestId('signature-failures')).toContainText(/[1-9]\d* refused signature/);

  await page.getByTestId('webhook-search').fill(wamid);
  await expect(table.getByRole('row')).toHaveCount(2);
  await expectAccessible(page, 'webhook log, searched, with a refused signature');
  await page.screenshot({ path: 'test-results/screenshots/webhook-log.png', fullPage: true });

  await table.getByRole('row').nth(1).click();
  const detail = page.getByTestId('webhook-event-detail');
  await expect(detail).toBeVisible();
  await expect(page.getByTestId('webhook-raw-json')).toContainText(wamid);
  await expect(page.getByTestId('webhook-raw-json')).toContainText('"whatsapp_business_account"');
  await expectAccessible(page, 'webhook event drawer');
  await page.getByTestId('replay-webhook').click();
  await expect(detail).toContainText('Replayed: processed');
  await expectAccessible(page, 'webhook event replayed');
  await page.screenshot({ path: 'test-results/screenshots/webhook-event.png', fullPage: true });
});
