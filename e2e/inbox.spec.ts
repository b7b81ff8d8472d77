import { expect, test } from '@playwright/test';
import { expectAccessible, signIn } from './support';
import { e2eSimulatorPort } from '../playwright.config';

// The shared inbox in demo mode: a simulated customer writes from the simulator's phone
// page, the conversation appears live, an agent opens it, replies (the ticks advance as
// the simulator delivers), assigns it, labels it, leaves a note and closes it.

const SIM = `http://localhost:${e2eSimulatorPort}`;
const CUSTOMER = 'Sheena Nelson (+16505551234)';
const WA_ID = '16505551234';

test('a customer writes in, the conversation appears live, and the agent answers and files it', async ({
  page,
  context,
}) => {
  test.setTimeout(120_000);
  await signIn(page);
  await page.getByRole('link', { name: 'Inbox' }).click();
  await expect(page.getByRole('heading', { name: 'Inbox' })).toBeVisible();
  await expect(page.getByTestId('live-state')).toHaveText('Live');

  // The customer writes a text from the simulator's phone page, and sends a photo.
  const text = `Do you deliver on Sundays? (e2e ${Date.now()})`;
  const phone = await context.newPage();
  await phone.goto(`${SIM}/_sim/phone`);
  await phone.getByLabel('Customer').selectOption({ label: CUSTOMER });
  await phone.getByLabel('Message').fill(text);
  await phone.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(phone.locator('#chat .msg.in', { hasText: text })).toBeVisible();
  const photo = await phone.request.post(`${SIM}/_sim/customers/${WA_ID}/messages`, {
    data: { type: 'image', image: { caption: 'The parcel label' } },
  });
  expect(photo.ok()).toBe(true);

  // Without a reload, the conversation is in the list with the photo as its last message.
  const item = page.getByTestId('conversation-item').filter({ hasText: 'The parcel label' });
  await expect(item).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole('listbox', { name: 'Conversations' })).toBeVisible();
  await item.click();
  const thread = page.getByTestId('thread');
  await expect(thread.getByText(text)).toBeVisible();
  await expect(thread.getByText('The parcel label')).toBeVisible();
  await expect(page.getByTestId('window-state')).toHaveAttribute('data-open', 'true');
  await expectAccessible(page, 'inbox thread');
  await page.screenshot({ path: 'test-results/screenshots/inbox-thread.png', fullPage: true });

  // The reply shows as sending, then its ticks advance as the simulator delivers it.
  const answer = `Yes, until noon. (e2e ${Date.now()})`;
  await page.getByRole('textbox', { name: 'Reply' }).fill(answer);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  const sent = thread.getByTestId('message').filter({ hasText: answer });
  await expect(sent).toBeVisible();
  await expect(sent.getByTestId('ticks')).toHaveAttribute('data-status', /delivered|read/, {
    timeout: 30_000,
  });
  await expect(phone.locator('#chat', { hasText: answer })).toBeVisible();

  // Team work: assign to me, a label, an internal note (never sent), close.
  await page.getByRole('button', { name: 'Assign to me' }).click();
  await expect(page.getByTestId('assignee')).toHaveText('Assigned to you');
  await page.getByRole('textbox', { name: 'Label' }).fill('delivery');
  await page.getByRole('button', { name: 'Add label' }).click();
  await expect(page.getByRole('button', { name: 'Remove label delivery' })).toBeVisible();
  await page.getByRole('textbox', { name: 'Internal note' }).fill('Asked about Sunday slots');
  await page.getByRole('button', { name: 'Add note' }).click();
  await expect(
    thread.locator('[data-kind="note"]', { hasText: 'Asked about Sunday slots' }),
  ).toBeVisible();
  await expect(phone.locator('#chat', { hasText: 'Asked about Sunday slots' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Close conversation' }).click();
  await expect(page.getByTestId('conversation-state')).toHaveText('Closed');
  await expect(page.getByRole('button', { name: 'Reopen' })).toBeVisible();
  await expectAccessible(page, 'inbox filed');
  await page.screenshot({ path: 'test-results/screenshots/inbox-filed.png', fullPage: true });
});

test('after the window closed only templates are offered, with parameter fields and a live preview', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signIn(page);
  await page.getByRole('link', { name: 'Inbox' }).click();
  // A demo customer who only ever received campaigns: no 24-hour window.
  await page.getByRole('textbox', { name: 'Search' }).fill('Ava Johnson');
  await page.getByTestId('conversation-item').filter({ hasText: 'Ava Johnson' }).click();
  await expect(page.getByTestId('window-state')).toHaveAttribute('data-open', 'false');
  await expect(page.getByRole('textbox', { name: 'Reply' })).toHaveCount(0);

  await page.getByRole('combobox', { name: 'Approved template' }).click();
  await page.getByRole('option', { name: 'appointment_reminder (en_US)' }).click();
  const preview = page.getByTestId('template-preview');
  await expect(preview.getByTestId('preview-body')).toContainText('Hi Ana');
  await page.getByRole('textbox', { name: 'Value for {{name}}' }).fill('Ava');
  await expect(preview.getByTestId('preview-body')).toHaveText(
    'Hi Ava, this is a reminder of your appointment on {{date}}.',
  );
  const send = page.getByRole('button', { name: 'Send template' });
  await expect(send).toBeDisabled();
  await page.getByRole('textbox', { name: 'Value for {{date}}' }).fill('Friday 10:00');
  await expect(preview.getByTestId('preview-body')).toHaveText(
    'Hi Ava, this is a reminder of your appointment on Friday 10:00.',
  );
  await expectAccessible(page, 'inbox template reply');
  await page.screenshot({
    path: 'test-results/screenshots/inbox-template-preview.png',
    fullPage: true,
  });
  await send.click();
  const sent = page
    .getByTestId('thread')
    .getByTestId('message')
    .filter({ hasText: 'appointment_reminder' })
    .last();
  await expect(sent.getByTestId('ticks')).toHaveAttribute('data-status', /delivered|read/, {
    timeout: 30_000,
  });
});
