import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { expectAccessible, signIn } from './support';

// Settings → Webhooks: an admin allows the loopback receiver of this test, creates an
// endpoint (the secret is shown once), pings it; the receiver verifies the signature and
// fails the first delivery, which shows its attempt and the failing alert; a replay by hand
// is delivered and clears the alert; events are edited and the endpoint disabled and
// enabled again. Screenshots go to test-results/screenshots/.

const shot = (name: string) => `test-results/screenshots/webhooks-${name}.png`;

interface Got {
  type: string;
  verified: boolean;
}

/** A receiver that answers 500 to its first request and 200 afterwards. */
async function startReceiver(secret: () => string) {
  const got: Got[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const timestamp = String(req.headers['kiana-timestamp']);
      const expected = createHmac('sha256', secret()).update(`${timestamp}.${body}`).digest();
      const given = Buffer.from(
        String(req.headers['kiana-signature']).replace(/^sha256=/, ''),
        'hex',
      );
      const verified = given.length === expected.length && timingSafeEqual(given, expected);
      got.push({ type: (JSON.parse(body) as { type: string }).type, verified });
      const status = got.length === 1 ? 500 : 200;
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'ok' : 'boom');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    got,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

test('an admin creates, pings, replays, edits and disables an outgoing webhook', async ({
  page,
}) => {
  let secret = '';
  const receiver = await startReceiver(() => secret);
  try {
    await signIn(page);
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('link', { name: /Webhooks/ }).click();
    await expect(page).toHaveURL(/\/settings\/webhooks$/);
    await expect(page.getByText('No endpoints yet.')).toBeVisible();
    await expectAccessible(page, 'webhooks-empty');

    // Loopback is refused until allowed.
    await page.getByRole('button', { name: 'New endpoint' }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('URL').fill(receiver.url);
    await dialog.getByRole('button', { name: 'Create endpoint' }).click();
    await expect(dialog.getByRole('alert')).toContainText(/private or reserved/);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await page.getByLabel('Private addresses allowed').fill('127.0.0.1/32');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByText('Delivery settings saved.')).toBeVisible();

    await page.getByRole('button', { name: 'New endpoint' }).first().click();
    await dialog.getByLabel('URL').fill(receiver.url);
    await dialog.getByLabel('Description').fill('Shop CRM');
    await dialog.getByLabel(/Contact opted out/).check();
    await dialog.getByRole('button', { name: 'Create endpoint' }).click();
    const shown = dialog.getByTestId('new-webhook-secret');
    await expect(shown).toBeVisible();
    secret = (await shown.textContent())?.trim() ?? '';
    expect(secret.length).toBeGreaterThan(15);
    await expectAccessible(page, 'webhooks-secret');
    await page.screenshot({ path: shot('secret'), fullPage: true });
    await dialog.getByRole('button', { name: 'Done' }).click();

    const row = page.getByTestId('endpoint-row').filter({ hasText: receiver.url });
    await expect(row).toContainText('Shop CRM');
    await expect(row).toContainText('Enabled');
    // The secret is never shown again, only its hint.
    await expect(page.locator('body')).not.toContainText(secret);

    // Ping: the first delivery fails (500), is recorded with its answer, and raises the alert.
    await row.getByRole('button', { name: 'Send ping' }).click();
    await expect.poll(() => receiver.got.length, { timeout: 20_000 }).toBeGreaterThanOrEqual(1);
    expect(receiver.got[0]).toEqual({ type: 'endpoint.ping', verified: true });
    const delivery = page.getByTestId('delivery-row').first();
    await expect(delivery).toContainText('endpoint.ping');
    await expect(page.getByRole('alert').filter({ hasText: 'An endpoint is failing' })).toBeVisible(
      {
        timeout: 15_000,
      },
    );
    await delivery.getByRole('button', { name: 'Attempts' }).click();
    await expect(page.getByTestId('attempt-log')).toContainText('HTTP 500');
    await expectAccessible(page, 'webhooks-failing');
    await page.screenshot({ path: shot('failing'), fullPage: true });

    // A replay by hand is delivered (same event id) and clears the failing state.
    await delivery.getByRole('button', { name: 'Replay' }).click();
    await expect
      .poll(() => receiver.got.filter((g) => g.verified).length, { timeout: 20_000 })
      .toBeGreaterThanOrEqual(2);
    await expect(
      page.getByTestId('delivery-row').filter({ hasText: 'Delivered' }).first(),
    ).toBeVisible({ timeout: 15_000 });
    await expect(page.getByText('An endpoint is failing')).toHaveCount(0, { timeout: 15_000 });
    await page.screenshot({ path: shot('delivered'), fullPage: true });

    // Edit its events.
    await row.getByRole('button', { name: 'Edit' }).click();
    await dialog.getByLabel(/Message status changed/).uncheck();
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(row).not.toContainText('Message status changed');
    await expect(row).toContainText('Contact opted out');

    // Disable, then enable again.
    await row.getByRole('button', { name: 'Disable' }).click();
    await expect(row).toContainText('Disabled');
    await expect(row.getByRole('button', { name: 'Send ping' })).toBeDisabled();
    await row.getByRole('button', { name: 'Enable' }).click();
    await expect(row).toContainText('Enabled');
    await expectAccessible(page, 'webhooks-list');
    await page.screenshot({ path: shot('list'), fullPage: true });
  } finally {
    await receiver.close();
  }
});
