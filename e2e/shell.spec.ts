import { expect, test } from '@playwright/test';
import { expectAccessible, signIn } from './support';

test('the shell loads with its navigation, switches theme and serves client routes', async ({
  page,
}) => {
  await signIn(page);
  const nav = page.getByRole('navigation', { name: 'Main navigation' });
  for (const label of [
    'Dashboard',
    'Inbox',
    'Campaigns',
    'Templates',
    'Contacts',
    'Logs',
    'Settings',
    'Privacy',
  ]) {
    await expect(nav.getByRole('link', { name: label })).toBeVisible();
  }
  await expect(page.getByTestId('mode')).toHaveText('Demo (simulator)');
  await expectAccessible(page);
  await page.screenshot({ path: 'test-results/screenshots/shell-light.png', fullPage: true });

  await nav.getByRole('link', { name: 'Campaigns' }).click();
  await expect(page).toHaveURL(/\/campaigns$/);
  await expect(page.getByRole('heading', { name: 'Campaigns', level: 2 })).toBeVisible();

  // A reload on a client route gets the SPA back, not a 404.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Campaigns', level: 2 })).toBeVisible();

  const before = await page.locator('html').getAttribute('data-mantine-color-scheme');
  await page.getByRole('button', { name: /Switch to (dark|light) theme/ }).click();
  const after = await page.locator('html').getAttribute('data-mantine-color-scheme');
  expect(after).not.toBe(before);
  await expectAccessible(page);
  await page.screenshot({ path: 'test-results/screenshots/shell-toggled.png', fullPage: true });
});
