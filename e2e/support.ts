import { expect, type Page } from '@playwright/test';
import { e2eAdminPassword } from '../playwright.config';

/** Signs in as the demo admin through the sign-in page, as a person would. */
export async function signIn(page: Page): Promise<void> {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Sign in to Kiana' })).toBeVisible();
  await page.getByLabel('Username').fill('admin');
  await page.getByRole('textbox', { name: 'Password' }).fill(e2eAdminPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('navigation', { name: 'Main navigation' })).toBeVisible();
}
