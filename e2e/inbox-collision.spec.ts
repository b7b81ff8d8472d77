import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, signIn } from './support';
import { e2eSimulatorPort } from '../playwright.config';

// Two agents in one conversation: each, in their own browser, sees that the other is typing
// a reply ("… is also replying"), and the warning goes when the other sends or falls silent.
// Each agent sets themself online or away in the inbox header; the team sees it beside the
// assignee, live. Screenshots go to test-results/screenshots/.

const SIM = `http://localhost:${e2eSimulatorPort}`;
const WA_ID = '16505551234';

const shot = (page: Page, name: string) =>
  page.screenshot({ path: `test-results/screenshots/inbox-collision-${name}.png`, fullPage: true });

test('two agents typing in one conversation each see the other, and who is online', async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  const stamp = Date.now();
  const agent = {
    username: `ana${stamp % 1_000_000}`,
    displayName: `Ana ${stamp % 1000}`,
    password: `Agent-${stamp}-pw!`,
  };
  await signIn(page);
  const csrf = async () =>
    (await page.context().cookies()).find((c) => c.name === 'kiana_csrf')?.value ?? '';
  const created = await page.request.post('/api/v1/users', {
    data: { ...agent, role: 'agent' },
    headers: { 'x-csrf-token': await csrf() },
  });
  expect(created.ok(), await created.text()).toBe(true);

  // A customer writes in.
  const text = `Is my order on its way? (collision e2e ${stamp})`;
  const inbound = await page.request.post(`${SIM}/_sim/customers/${WA_ID}/messages`, {
    data: { type: 'text', text: { body: text } },
  });
  expect(inbound.ok()).toBe(true);

  /** Opens the inbox and the customer's conversation. */
  const openConversation = async (p: Page) => {
    await p.getByRole('link', { name: 'Inbox' }).click();
    await expect(p.getByTestId('live-state')).toHaveText('Live');
    const item = p.getByTestId('conversation-item').filter({ hasText: text });
    await expect(item).toBeVisible({ timeout: 20_000 });
    await item.click();
    await expect(p.getByTestId('thread').getByText(text)).toBeVisible();
  };
  await openConversation(page);

  const context = await browser.newContext();
  try {
    const other = await context.newPage();
    await other.goto('/');
    await other.getByLabel('Username').fill(agent.username);
    await other.getByRole('textbox', { name: 'Password' }).fill(agent.password);
    await other.getByRole('button', { name: 'Sign in' }).click();
    await expect(other.getByRole('navigation', { name: 'Main navigation' })).toBeVisible();
    await openConversation(other);

    // Ana sets herself online, takes the conversation; the admin sees her beside it, online.
    const availability = other.getByTestId('availability');
    await availability.getByText('Online', { exact: true }).click();
    await expect(availability.locator('input[value="online"]')).toBeChecked();
    await other.getByRole('button', { name: 'Assign to me' }).click();
    await expect(other.getByTestId('assignee')).toHaveText('Assigned to you');
    await expect(page.getByTestId('assignee')).toHaveText(`Assigned to ${agent.displayName}`);
    await expect(page.getByTestId('assignee-availability')).toHaveText('Online');

    // The admin types: Ana is warned, by name.
    await page.getByRole('textbox', { name: 'Reply' }).fill('Let me check the courier');
    const warnedAna = other.getByTestId('collision-warning');
    await expect(warnedAna).toHaveText(/admin is also replying to this conversation/i);
    await shot(other, '1-agent-warned');
    // Ana types too: the admin is warned that Ana is replying.
    await other.getByRole('textbox', { name: 'Reply' }).fill('I am on it');
    const warnedAdmin = page.getByTestId('collision-warning');
    await expect(warnedAdmin).toHaveText(
      `${agent.displayName} is also replying to this conversation`,
    );
    await shot(page, '2-admin-warned');
    await expectAccessible(other, 'inbox collision warning');
    // A draft held open in the composer keeps the warning up past the 10 s of silence.
    await other.waitForTimeout(11_000);
    await expect(warnedAna).toBeVisible();

    // The admin sends: Ana's warning goes at once (well before 10 s of silence).
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(other.getByTestId('thread').getByText('Let me check the courier')).toBeVisible();
    await expect(warnedAna).toHaveCount(0, { timeout: 5_000 });
    // Ana leaves her draft (the composer loses focus): the admin's warning goes after ≈10 s.
    await other.getByTestId('thread').click();
    await expect(warnedAdmin).toHaveCount(0, { timeout: 15_000 });

    // Ana steps away: the admin sees it beside her name, live.
    await availability.getByText('Away', { exact: true }).click();
    await expect(availability.locator('input[value="away"]')).toBeChecked();
    await expect(page.getByTestId('assignee-availability')).toHaveText('Away');
    await shot(page, '3-assignee-away');
  } finally {
    await context.close();
  }
});
