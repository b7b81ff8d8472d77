import { expect, test } from '@playwright/test';
import { expectAccessible, signIn } from './support';
import { e2eSimulatorPort } from '../playwright.config';

// Canned replies: an admin adds one in Settings; in the inbox an agent types `/`, picks it
// with the keyboard and the contact's first name is filled in before it is sent.

const SIM = `http://localhost:${e2eSimulatorPort}`;
const WA_ID = '5511987654321';

test('an admin adds a canned reply and the composer inserts it with the contact filled in', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signIn(page);
  await page.goto('/settings');
  await page.getByRole('link', { name: /Canned replies/ }).click();
  await expect(page.getByRole('heading', { name: 'Canned replies' })).toBeVisible();
  await page.getByRole('textbox', { name: 'Shortcut' }).fill('thanks');
  await page.getByRole('textbox', { name: 'Text' }).fill('Thank you, {{contact.first_name}}!');
  await page.getByRole('button', { name: 'Add canned reply' }).click();
  await expect(page.getByTestId('canned-row').filter({ hasText: '/thanks' })).toBeVisible();
  await page.getByRole('textbox', { name: 'Shortcut' }).fill('hours');
  await page.getByRole('textbox', { name: 'Text' }).fill('We open at 9:00, {{contact.name}}.');
  await page.getByRole('button', { name: 'Add canned reply' }).click();
  await expect(page.getByTestId('canned-row')).toHaveCount(2);
  await expectAccessible(page, 'canned replies settings');

  // The customer writes in, so the 24-hour window is open.
  const text = `Are you open today? (e2e ${Date.now()})`;
  const wrote = await page.request.post(`${SIM}/_sim/customers/${WA_ID}/messages`, {
    data: { type: 'text', text: { body: text } },
  });
  expect(wrote.ok()).toBe(true);
  await page.getByRole('link', { name: 'Inbox' }).click();
  await page.getByTestId('conversation-item').filter({ hasText: text }).click();
  const box = page.getByRole('textbox', { name: 'Reply' });
  await box.fill('/');
  const menu = page.getByRole('listbox', { name: 'Canned replies' });
  await expect(menu.getByRole('option')).toHaveCount(2);
  await box.fill('/ho');
  await expect(menu.getByRole('option')).toHaveCount(1);
  await box.fill('/');
  await box.press('ArrowDown');
  await expect(menu.getByRole('option', { name: /thanks/ })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await expectAccessible(page, 'inbox canned replies');
  await page.screenshot({
    path: 'test-results/screenshots/inbox-canned-replies.png',
    fullPage: true,
  });
  await box.press('Enter');
  await expect(box).toHaveValue('Thank you, Ana!');
  await expect(menu).toHaveCount(0);
  await box.press('Enter');
  await expect(
    page.getByTestId('thread').getByTestId('message').filter({ hasText: 'Thank you, Ana!' }),
  ).toBeVisible();

  // The formatting preview renders WhatsApp's markers as styles, never as HTML.
  await box.fill('*Open* today, _until_ ~noon~ <b>6</b>');
  const preview = page.getByTestId('format-preview');
  await expect(preview.locator('strong')).toHaveText('Open');
  await expect(preview.locator('em')).toHaveText('until');
  await expect(preview.locator('s')).toHaveText('noon');
  await expect(preview).toContainText('<b>6</b>');
  await box.fill('');

  // The agent reacts to the customer's message; the reaction shows on it.
  const asked = page.getByTestId('thread').getByTestId('message').filter({ hasText: text });
  await asked.getByRole('button', { name: 'React to this message' }).click();
  await page.getByRole('menuitem', { name: 'React with 👍' }).click();
  await expect(asked.getByLabel('Reactions')).toHaveText('👍');
});
