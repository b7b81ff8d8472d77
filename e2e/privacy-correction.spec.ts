import { expect, test } from '@playwright/test';
import { documentLocale, expectAccessible, signIn } from './support';

// A correction request: a contact exists with a misspelt name; the person asks on the public
// page (in Spanish) to correct it; the admin finds the contact from the request, with the new
// name prefilled, saves it; the status page then says it is done, in Spanish.
// Screenshots go to test-results/screenshots/.

test('a correction from the public page is fulfilled by an admin and the status page says so', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const stamp = Date.now();
  // Ofcom's London range for drama (020 7946 0000–0999): valid, and nobody's phone.
  const last3 = String((stamp + 500) % 1000).padStart(3, '0');
  const e164 = `+442079460${last3}`;
  const wrongName = `Mario Rosi ${stamp}`;
  const rightName = `Mario Rossi ${stamp}`;

  await signIn(page);
  await page.goto('/contacts');
  await page.getByTestId('new-contact').click();
  await page.getByTestId('contact-phone').fill(e164);
  await page.getByTestId('contact-name').fill(wrongName);
  await page.getByTestId('contact-save').click();
  await expect(page.getByTestId('contacts-table')).toContainText(wrongName);

  // Every language of the public page offers the correction form; Arabic reads right to left.
  await page.goto('/legal/data-deletion?lang=ar');
  expect(await documentLocale(page)).toEqual({ lang: 'ar', dir: 'rtl' });
  await expect(page.getByRole('heading', { name: 'طلب تصحيح' })).toBeVisible();
  await expectAccessible(page, 'correction form (ar)');
  await page.screenshot({
    path: 'test-results/screenshots/privacy-correction-form-ar.png',
    fullPage: true,
  });

  // The person asks in Spanish. No login, no JavaScript needed.
  await page.goto('/legal/data-deletion?lang=es');
  const form = page.getByRole('form', { name: 'Solicitar una corrección' });
  await form.getByLabel('Número de teléfono en WhatsApp').fill(e164);
  await form.getByLabel('Qué es incorrecto').fill(wrongName);
  // Sent without the new value first: the form says what is missing, in Spanish.
  await form.getByRole('button', { name: 'Enviar la solicitud de corrección' }).click();
  await expect(page.getByRole('alert')).toHaveText('Indica qué es incorrecto y cómo debería ser.');
  const again = page.getByRole('form', { name: 'Solicitar una corrección' });
  await expect(again.getByLabel('Qué es incorrecto')).toHaveValue(wrongName);
  await again.getByLabel('Cómo debería ser').fill(rightName);
  await expectAccessible(page, 'correction form (es)');
  await page.screenshot({
    path: 'test-results/screenshots/privacy-correction-form-es.png',
    fullPage: true,
  });
  await again.getByRole('button', { name: 'Enviar la solicitud de corrección' }).click();
  await expect(page).toHaveURL(/\/legal\/data-deletion\/status\/DR-.*lang=es/);
  await expect(
    page.getByRole('heading', { level: 1, name: 'Solicitud de corrección de datos' }),
  ).toBeVisible();
  await expect(page.getByText('Recibida: pendiente de tramitar')).toBeVisible();
  const code = /status\/(DR-[A-Z0-9]+)/.exec(page.url())?.[1] ?? '';
  expect(code).not.toBe('');
  await expectAccessible(page, 'correction status (received)');

  // The admin finds it in the queue, as a correction.
  await page.goto('/privacy');
  // Only corrections: the type filter asks the server for that kind.
  await page.getByRole('combobox', { name: 'Type' }).click();
  await page.getByRole('option', { name: 'Correction' }).click();
  const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: code }) });
  await expect(row.getByTestId('request-kind')).toHaveText('Correction');
  await expectAccessible(page, 'privacy queue with a correction');
  await row.getByRole('link', { name: code }).click();
  await expect(page.getByRole('heading', { name: `Correction request ${code}` })).toBeVisible();
  await expect(page.getByTestId('correction-texts')).toContainText(rightName);
  await expect(page.getByTestId('requester-language')).toHaveText('Español');
  await page.getByRole('button', { name: 'Find contacts' }).click();
  const card = page.getByTestId('correction-contact');
  await expect(card).toHaveCount(1);
  // The new name is prefilled from the request.
  await expect(card.getByLabel('Name')).toHaveValue(rightName);
  await expect(card.getByText('Prefilled from the request')).toBeVisible();
  await expectAccessible(page, 'correction request with the matching contact');
  await page.screenshot({
    path: 'test-results/screenshots/privacy-correction-admin.png',
    fullPage: true,
  });
  await card.getByRole('button', { name: 'Correct this contact' }).click();
  await expect(page.getByTestId('request-status')).toHaveText('Done');
  await expect(page.getByTestId('corrected-fields')).toHaveText('Corrected: Name');
  await expectAccessible(page, 'correction done');
  await page.screenshot({
    path: 'test-results/screenshots/privacy-correction-done.png',
    fullPage: true,
  });

  // The contact carries the new name.
  await page.goto('/contacts');
  await page.getByTestId('contacts-search').fill(String(stamp));
  const rows = page.getByTestId('contacts-table').getByTestId('contact-row');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(rightName);

  // The requester's status page says so, in Spanish, naming the field and never the value.
  await page.goto(`/legal/data-deletion/status/${code}?lang=es`);
  await expect(page.getByText('Completada: tus datos se han corregido')).toBeVisible();
  await expect(page.getByText('Nombre', { exact: true })).toBeVisible();
  await expect(page.getByText(rightName)).toHaveCount(0);
  await expectAccessible(page, 'correction status (done)');
  await page.screenshot({
    path: 'test-results/screenshots/privacy-correction-status-done.png',
    fullPage: true,
  });
});
