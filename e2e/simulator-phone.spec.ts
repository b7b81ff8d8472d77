import { expectAccessible } from './support';
import { expect, test } from '@playwright/test';
import { e2eAdminPassword, e2eSimulatorPort } from '../playwright.config';

// The simulator's "customer phone" page (apps/simulator): demo mode starts the simulator
// beside the panel on KIANA_SIMULATOR_PORT (E2E_SIM_PORT, 4999 by default, in playwright.config.ts). A person picks a
// simulated customer, writes to the business, and the message reaches the panel as a signed
// webhook.

const SIM = `http://localhost:${e2eSimulatorPort}`;

test('a simulated customer writes in from the customer phone and the panel receives it', async ({
  page,
}) => {
  await page.goto(`${SIM}/_sim/phone`);
  const customer = page.getByLabel('Customer');
  await expect(customer.locator('option', { hasText: 'Ana Souza' })).toHaveCount(1);
  await customer.selectOption({ label: 'Ana Souza (+5511987654321)' });
  await expect(page.getByLabel('Business number')).toHaveValue(/^\d+$/);

  const text = `Hi! Is my order on its way? (e2e ${Date.now()})`;
  await page.getByLabel('Message').fill(text);
  await page.getByRole('button', { name: 'Send', exact: true }).click();

  // The customer's own message shows in the thread, on the customer's side.
  const bubble = page.locator('#chat .msg.in', { hasText: text });
  await expect(bubble).toBeVisible();
  await expect(page.getByLabel('Message')).toHaveValue('');
  await expectAccessible(page);
  await page.screenshot({ path: 'test-results/screenshots/simulator-phone.png', fullPage: true });

  // Switching customers shows another thread; switching back shows the message again.
  await customer.selectOption({ label: 'Sheena Nelson (+16505551234)' });
  await expect(page.locator('#chat .msg.in', { hasText: text })).toHaveCount(0);
  await customer.selectOption({ label: 'Ana Souza (+5511987654321)' });
  await expect(bubble).toBeVisible();

  // The simulator's oracle: the conversation holds it and its webhook was accepted (2xx).
  const conversation = (await (
    await page.request.get(`${SIM}/_sim/customers/5511987654321/conversation`)
  ).json()) as { data: { id: string; direction: string; text: string }[] };
  const sent = conversation.data.find((e) => e.direction === 'inbound' && e.text === text);
  expect(sent?.id).toMatch(/^wamid\./);
  await expect
    .poll(async () => {
      const log = (await (await page.request.get(`${SIM}/_sim/webhooks`)).json()) as {
        data: { field: string; delivered: boolean }[];
      };
      return log.data.some((d) => d.field === 'messages' && d.delivered);
    })
    .toBe(true);

  // The panel logged the webhook: sign in as demo mode's admin and search the webhook log
  // for the message's wamid (the log indexes message ids and phone numbers).
  const login = await page.request.post('/api/v1/auth/login', {
    data: { username: 'admin', password: e2eAdminPassword },
  });
  expect(login.ok()).toBe(true);
  await expect
    .poll(async () => {
      const res = await page.request.get(
        `/api/v1/webhooks/events?field=messages&q=${encodeURIComponent(sent?.id ?? '')}`,
      );
      return res.ok() ? ((await res.json()) as { total: number }).total : -1;
    })
    .toBeGreaterThanOrEqual(1);
});
