import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { expectAccessible, signIn } from './support';
import { e2eSimulatorPort } from '../playwright.config';

// Inbox automations in demo mode: an admin turns on the away reply for the demo number with
// no opening hours at all (so "now" is outside them), a simulated customer writes from the
// simulator's phone page, and the away reply appears in the thread with the note naming it.

const SIM = `http://localhost:${e2eSimulatorPort}`;
const CUSTOMER = 'Sheena Nelson (+16505551234)';

test('the away reply fires outside business hours and is noted in the thread', async ({
  page,
  context,
}) => {
  test.setTimeout(120_000);
  await signIn(page);
  // The settings as they were: put back at the end, so later specs meet no away reply.
  const original: unknown = await (await page.request.get('/api/v1/automations/settings')).json();
  try {
    await awayReplyFires(page, context);
  } finally {
    const session = await (await page.request.get('/api/v1/auth/session')).json();
    const restored = await page.request.put('/api/v1/automations/settings', {
      data: original,
      headers: { 'x-csrf-token': session.csrfToken as string },
    });
    expect(restored.status()).toBe(200);
  }
});

async function awayReplyFires(page: Page, context: BrowserContext): Promise<void> {
  await page.goto('/settings');
  await page.getByRole('link', { name: /Automations/ }).click();
  await expect(page.getByRole('heading', { name: 'Automations' })).toBeVisible();

  // Business hours on for the demo number, every weekday closed: always outside hours.
  await page.getByRole('switch', { name: 'On' }).first().check();
  await page
    .getByRole('checkbox', { name: /Opening hours for/ })
    .first()
    .check();
  for (const day of ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'])
    await page.getByRole('checkbox', { name: day, exact: true }).first().uncheck();
  const away = `We are closed right now; we answer tomorrow. (e2e ${Date.now()})`;
  await page.getByRole('textbox', { name: 'Away reply' }).first().fill(away);
  await page.getByTestId('automations-save').click();
  await expect(page.getByText('Automations saved')).toBeVisible();
  await expectAccessible(page, 'automations settings');
  await page.screenshot({
    path: 'test-results/screenshots/automations-settings.png',
    fullPage: true,
  });

  // The customer writes from the simulator's phone page.
  const text = `Is anyone there? (e2e ${Date.now()})`;
  const phone = await context.newPage();
  await phone.goto(`${SIM}/_sim/phone`);
  await phone.getByLabel('Customer').selectOption({ label: CUSTOMER });
  await phone.getByLabel('Message').fill(text);
  await phone.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(phone.locator('#chat', { hasText: away })).toBeVisible({ timeout: 30_000 });

  // The away reply is in the thread, after the note that names the automation.
  await page.getByRole('link', { name: 'Inbox' }).click();
  const item = page.getByTestId('conversation-item').filter({ hasText: away });
  await expect(item).toBeVisible({ timeout: 20_000 });
  await item.click();
  const thread = page.getByTestId('thread');
  await expect(thread.getByText(text)).toBeVisible();
  await expect(thread.getByTestId('message').filter({ hasText: away })).toBeVisible();
  await expect(thread.getByTestId('automation-note').first()).toHaveText('Automation: Away reply');
  await expectAccessible(page, 'inbox away reply');
  await page.screenshot({
    path: 'test-results/screenshots/automations-away-reply.png',
    fullPage: true,
  });
}
