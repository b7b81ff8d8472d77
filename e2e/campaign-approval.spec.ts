import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, signIn } from './support';

// Maker/checker: with approval required (Settings → Campaigns), the admin who launches a
// campaign only asks for it; the campaign waits, and its maker cannot approve it. A second
// user, created on the Users page, signs in in their own browser, approves, and the
// campaign runs. The security log names both. Screenshots go to test-results/screenshots/.

const shot = (page: Page, name: string) =>
  page.screenshot({
    path: `test-results/screenshots/campaign-approval-${name}.png`,
    fullPage: true,
  });

test('a launch waits for a second user to approve it', async ({ page, browser }) => {
  test.setTimeout(180_000);
  const stamp = Date.now();
  const checker = { username: `checker${stamp % 1_000_000}`, password: `Checker-${stamp}-pw!` };
  await signIn(page);
  const csrf = async () =>
    (await page.context().cookies()).find((c) => c.name === 'kiana_csrf')?.value ?? '';
  const call = async <T>(method: 'GET' | 'POST' | 'PUT', url: string, data?: unknown) => {
    const res = await page.request.fetch(url, {
      method,
      data,
      headers: { 'x-csrf-token': await csrf() },
    });
    expect(res.ok(), `${url}: ${await res.text()}`).toBe(true);
    return (await res.json()) as T;
  };

  try {
    // 1. The admin turns approval on.
    await page.goto('/settings/campaigns');
    const approval = page.getByTestId('approval-required');
    await expect(approval).not.toBeChecked();
    await approval.click();
    await expect(approval).toBeChecked();

    // 2. …and creates the checker on the Users page.
    await page.goto('/settings/users');
    await page.getByRole('button', { name: 'New user' }).click();
    const dialog = page.getByRole('dialog', { name: 'New user' });
    await dialog.getByLabel('Username').fill(checker.username);
    await dialog.getByLabel('Initial password').fill(checker.password);
    await dialog.getByRole('combobox', { name: 'Role' }).click();
    await page.getByRole('option', { name: /^admin —/ }).click();
    await dialog.getByRole('button', { name: 'Create user' }).click();
    await expect(page.getByRole('row').filter({ hasText: checker.username })).toBeVisible();

    // 3. A campaign to two numbers, launched from the wizard's review step by its maker.
    const { numbers } = await call<{ numbers: { phoneNumberId: string; accountId: string }[] }>(
      'GET',
      '/api/v1/campaigns/sending-numbers',
    );
    const number = numbers[0];
    const { templates } = await call<{
      templates: { id: string; name: string; status: string; accountId: string }[];
    }>('GET', '/api/v1/templates');
    const template = templates.find(
      (t) =>
        t.name === 'hello_world' && t.status === 'APPROVED' && t.accountId === number?.accountId,
    );
    expect(template).toBeDefined();
    const last3 = String(stamp % 1000).padStart(3, '0');
    const { id } = await call<{ id: string }>('POST', '/api/v1/campaigns', {
      name: `Approval ${stamp}`,
      phoneNumberId: number?.phoneNumberId,
      templateId: template?.id,
      audience: { numbers: [`+442079611${last3}`, `+442079621${last3}`] },
    });
    await page.goto(`/campaigns/${id}/edit?step=4`);
    await page.getByTestId('launch').click();
    await expect(page).toHaveURL(new RegExp(`/campaigns/${id}$`));
    await expect(page.getByTestId('campaign-state')).toHaveText(
      'Launch was requested; the campaign waits for approval by another user.',
    );
    // The maker only waits: no approve button for the one who asked.
    await expect(page.getByTestId('awaiting-approval')).toBeVisible();
    await expect(page.getByTestId('approve')).toHaveCount(0);
    await expectAccessible(page, 'campaign awaiting approval (maker)');
    await shot(page, '1-maker-waits');

    // 4. The checker, in their own browser, approves; the campaign runs.
    const context = await browser.newContext();
    try {
      const other = await context.newPage();
      await other.goto('/');
      await other.getByLabel('Username').fill(checker.username);
      await other.getByRole('textbox', { name: 'Password' }).fill(checker.password);
      await other.getByRole('button', { name: 'Sign in' }).click();
      await expect(other.getByRole('navigation', { name: 'Main navigation' })).toBeVisible();
      await other.goto(`/campaigns/${id}`);
      await expect(other.getByTestId('approval-panel')).toBeVisible();
      await expectAccessible(other, 'campaign awaiting approval (checker)');
      await shot(other, '2-checker-approves');
      await other.getByTestId('approve').click();
      await expect(other.getByTestId('campaign-state')).toHaveText(
        /Messages are being sent\.|The recipient list is being prepared\.|Every recipient has been handled\./,
      );
    } finally {
      await context.close();
    }
    await expect(page.getByTestId('campaign-state')).toHaveText(
      'Every recipient has been handled.',
      { timeout: 60_000 },
    );

    // 5. The security log holds the request by the maker and the approval by the checker.
    await page.goto('/logs/security');
    const log = page.getByTestId('security-log');
    await page.getByLabel('Action').fill('campaign.approve');
    const approved = log.getByRole('row').filter({ hasText: 'campaign.approve' }).first();
    await expect(approved).toContainText(checker.username);
    await page.getByLabel('Action').fill('campaign.launch');
    await expect(log.getByRole('row').filter({ hasText: 'campaign.launch' }).first()).toBeVisible();
    await expect(log.getByRole('row').filter({ hasText: 'campaign.approve' })).toHaveCount(0);
    await expectAccessible(page, 'security log of the approval');
    await shot(page, '3-security-log');
  } finally {
    // Other specs launch campaigns without a checker: approval goes back off.
    await call('PUT', '/api/v1/campaigns/settings', { approvalRequired: false });
  }
});
