import { expectAccessible } from './support';
import { expect, test, type Page } from '@playwright/test';
import { Secret, TOTP } from 'otpauth';
import { e2eAdminPassword } from '../playwright.config';

/** The current code of a base32 TOTP secret. */
function totpCode(secret: string): string {
  return new TOTP({
    secret: Secret.fromBase32(secret),
    digits: 6,
    period: 30,
    algorithm: 'SHA1',
  }).generate();
}

/** Waits for the next 30-second step: a code already used is refused (no replay). */
async function nextTotpStep(page: Page): Promise<void> {
  await page.waitForTimeout(30_000 - (Date.now() % 30_000) + 500);
}

async function fillCredentials(page: Page): Promise<void> {
  await page.getByLabel('Username').fill('admin');
  await page.getByRole('textbox', { name: 'Password' }).fill(e2eAdminPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test('sign in, enrol 2FA, sign in again with a code, create an API key, see the logins in the security log', async ({
  page,
}) => {
  test.setTimeout(150_000);
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Sign in to Kiana' })).toBeVisible();
  await expectAccessible(page);
  await page.screenshot({ path: 'test-results/auth-01-sign-in.png' });
  await fillCredentials(page);
  await expect(page.getByRole('navigation', { name: 'Main navigation' })).toBeVisible();

  // Enrol 2FA from My account.
  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: 'My account' }).click();
  await page.getByRole('button', { name: 'Set up two-factor authentication' }).click();
  await expect(page.getByRole('img', { name: 'QR code for your authenticator app' })).toBeVisible();
  const secret = (await page.getByTestId('totp-secret').textContent()) ?? '';
  expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
  await expectAccessible(page);
  await page.screenshot({ path: 'test-results/auth-02-totp-qr.png' });
  await page.getByLabel('Code from the app').fill(totpCode(secret));
  await page.getByRole('button', { name: 'Turn on' }).click();
  await expect(page.getByTestId('recovery-codes')).toBeVisible();
  await expectAccessible(page);
  await page.screenshot({ path: 'test-results/auth-03-recovery-codes.png' });

  // Sign out, then in again: the password is not enough any more.
  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in to Kiana' })).toBeVisible();
  await fillCredentials(page);
  await expect(page.getByLabel('Authentication code')).toBeVisible();
  // The mouse still rests where "Sign in" was, so "Verify" is audited hovered.
  await expectAccessible(page);
  await page.screenshot({ path: 'test-results/auth-04-totp-step.png' });
  await nextTotpStep(page);
  await page.getByLabel('Authentication code').fill(totpCode(secret));
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByRole('navigation', { name: 'Main navigation' })).toBeVisible();

  // An API key, shown once.
  await page.goto('/settings/api-keys');
  await page.getByRole('button', { name: 'New API key' }).click();
  await page.getByLabel('Name').fill('e2e CRM sync');
  await page.getByRole('button', { name: 'Create key' }).click();
  await expect(page.getByTestId('new-api-key')).toContainText('kiana_');
  await expectAccessible(page);
  await page.screenshot({ path: 'test-results/auth-05-api-key-created.png' });
  await page.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByRole('cell', { name: 'e2e CRM sync', exact: true })).toBeVisible();
  await expectAccessible(page, 'API keys, listed');

  // The security log shows the sign-ins, the challenge and the key.
  await page.goto('/logs/security');
  const log = page.getByTestId('security-log');
  await expect(log.getByText('auth.login', { exact: true }).first()).toBeVisible();
  await expect(log.getByText('auth.login_challenge', { exact: true })).toBeVisible();
  await expect(log.getByText('account.totp_enable', { exact: true })).toBeVisible();
  await expect(log.getByText('apikey.create', { exact: true })).toBeVisible();
  await page.getByLabel('Action').fill('auth.login');
  await expect(log.getByText('auth.logout', { exact: true })).toHaveCount(0);
  await expect(log.getByText('auth.login_challenge', { exact: true })).toBeVisible();
  expect(await log.getByText('auth.login', { exact: true }).count()).toBeGreaterThanOrEqual(2);
  await expectAccessible(page);
  await page.screenshot({ path: 'test-results/auth-06-security-log.png', fullPage: true });

  // Leave the shared demo admin as other browser tests expect it: without 2FA.
  await nextTotpStep(page);
  const csrf = (await page.context().cookies()).find((c) => c.name === 'kiana_csrf')?.value ?? '';
  const off = await page.request.post('/api/v1/account/totp/disable', {
    data: { password: e2eAdminPassword, code: totpCode(secret) },
    headers: { 'x-csrf-token': csrf, origin: new URL(page.url()).origin },
  });
  expect(off.status()).toBe(200);
});
