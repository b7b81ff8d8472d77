import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, signIn } from './support';

// Campaigns: the demo admin builds a campaign through the wizard (demo account, the
// simulator's approved order_confirmation template, a tag on two contacts and a pasted
// number), maps its parameters with a live preview per sample recipient, leaves and comes back
// to the saved draft, launches it and watches its page follow the run against the simulator
// to the end. The review step shows the pre-flight (recipients, cost from the default rate
// card) and sends a test; the campaign page shows progress, the failed recipient's reason (a
// number ending in 0000 fails with 131026 in the simulator) and exports the recipients as CSV.
// Screenshots of each step go to test-results/screenshots/.
// Approval by a second user: e2e/campaign-approval.spec.ts.

const shot = (page: Page, name: string) =>
  page.screenshot({ path: `test-results/screenshots/campaigns-${name}.png`, fullPage: true });

test('a campaign is built in the wizard, its draft kept, and it runs to completion live', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const stamp = Date.now();
  const last3 = String(stamp % 1000).padStart(3, '0');
  const tagName = `campaign-${stamp}`;
  await signIn(page);
  const csrf = async () =>
    (await page.context().cookies()).find((c) => c.name === 'kiana_csrf')?.value ?? '';
  const post = async (url: string, data: unknown) => {
    const res = await page.request.post(url, {
      data,
      headers: { 'x-csrf-token': await csrf() },
    });
    expect(res.ok(), `${url}: ${await res.text()}`).toBe(true);
    return (await res.json()) as { id: string };
  };

  // The audience: a tag on two contacts.
  const tag = await post('/api/v1/tags', { name: tagName });
  for (const n of [1, 2]) {
    await post('/api/v1/contacts', {
      phone: `+4420794${n}1${last3}`,
      name: `Recipient ${n} ${stamp}`,
      tagIds: [tag.id],
    });
  }

  const maker = page;
  await maker.goto('/campaigns');
  // The table replaces its loader once the list has come.
  await expect(maker.getByTestId('campaigns-table')).toBeVisible();
  await expectAccessible(maker, 'campaigns list');
  await maker.getByTestId('new-campaign').click();

  // 1. Number and template.
  await maker.getByTestId('campaign-name').fill(`Orders ${stamp}`);
  await maker.getByTestId('campaign-number').click();
  await maker.getByRole('option').first().click();
  await maker.getByTestId('campaign-template').click();
  await maker.getByRole('option', { name: /order_confirmation/ }).click();
  await expectAccessible(maker, 'wizard: number and template');
  await shot(maker, '1-setup');
  await maker.getByTestId('wizard-next').click();
  // The draft is saved: the address now names it.
  await expect(maker).toHaveURL(/\/campaigns\/[^/]+\/edit\?step=1/);

  // 2. Audience: the tag and a pasted number the simulator does not know on WhatsApp.
  await maker.getByTestId('audience-tags').click();
  await maker.getByRole('option', { name: new RegExp(tagName) }).click();
  await maker.getByTestId('audience-numbers').fill('+44 20 7946 0000');
  await expectAccessible(maker, 'wizard: audience');
  await shot(maker, '2-audience');
  await maker.getByTestId('wizard-next').click();

  // 3. Variables: first_name the contact's name (with a fallback), the rest fixed; live preview.
  const slot = (key: string) => maker.getByTestId(`slot-${key}`);
  await slot('body.first_name').getByTestId('slot-source').click();
  await maker.getByRole('option', { name: 'Contact name' }).click();
  await slot('body.first_name').getByTestId('slot-fallback').fill('friend');
  for (const [key, value] of [
    ['header.order_id', 'A-7'],
    ['body.order_id', 'A-7'],
    ['body.ship_date', 'Sunday'],
    ['button.0', 'A-7'],
  ] as const) {
    await slot(key).getByTestId('slot-source').click();
    await maker.getByRole('option', { name: 'Fixed value' }).click();
    await slot(key).getByTestId('slot-fixed').fill(value);
  }
  await expect(maker.getByTestId('sample-preview').first()).toContainText(
    `your order A-7 ships on Sunday`,
  );
  await expect(maker.getByTestId('sample-preview').first()).toContainText(/Hi Recipient \d /);
  await expectAccessible(maker, 'wizard: variables');
  await shot(maker, '3-variables');
  await maker.getByTestId('wizard-next').click();
  await expect(maker).toHaveURL(/step=3/);

  // Leaving and coming back keeps the work.
  const editUrl = maker.url();
  await maker.goto('/campaigns');
  await maker.goto(editUrl.replace(/step=\d/, 'step=2'));
  await expect(slot('body.ship_date').getByTestId('slot-fixed')).toHaveValue('Sunday');
  await maker.getByTestId('wizard-next').click();
  await expect(maker).toHaveURL(/step=3/);

  // 4. Schedule: now.
  await expectAccessible(maker, 'wizard: schedule');
  await shot(maker, '4-schedule');

  // The list shows the draft; filtering by status keeps it.
  await maker.goto('/campaigns?status=draft');
  const row = maker.getByTestId('campaign-row').filter({ hasText: `Orders ${stamp}` });
  await expect(row).toContainText('Draft');
  await expect(maker.getByTestId('campaigns-table')).toBeVisible();
  await expectAccessible(maker, 'campaigns list with a draft');
  await shot(maker, '0-list');

  // 5. Review: the pre-flight counts the two tagged contacts and the pasted number, and
  // prices them from the default rate card (utility, Great Britain: 3 × $0.022).
  const id = /\/campaigns\/([^/]+)\/edit/.exec(editUrl)?.[1] ?? '';
  await maker.goto(editUrl.replace(/step=\d/, 'step=4'));
  await expect(maker.getByTestId('preflight-recipients')).toHaveText('3');
  await expect(maker.getByTestId('preflight-skipped')).toContainText('Nobody is left out');
  await expect(maker.getByTestId('preflight-cost')).toContainText('GB');
  await expect(maker.getByTestId('preflight-cost-total')).toHaveText('$0.07');
  // A test send to the first contact goes out at once and is not one of the campaign's.
  await maker.getByTestId('test-send-numbers').fill(`+44 20 7941 1${last3}`);
  await maker.getByTestId('test-send').click();
  await expect(maker.getByTestId('test-send-results')).toContainText(`+442079411${last3}: sent`);
  await expectAccessible(maker, 'wizard: review');
  await shot(maker, '5-review');

  // Launched from the review step, its page follows the run live to the end.
  await maker.getByTestId('launch').click();
  await expect(maker).toHaveURL(new RegExp(`/campaigns/${id}$`));
  await expect(maker.getByTestId('campaign-status')).toHaveText('Completed', { timeout: 120_000 });
  await expect(maker.getByTestId('campaign-state')).toHaveText('Every recipient has been handled.');
  // The pasted number ending in 0000 is not on WhatsApp in the simulator (131026): one failure.
  await expect(maker.getByTestId('retry')).toHaveText('Retry 1 failed');
  // Progress counts the three recipients only: the test send is not one of them.
  await expect(maker.getByTestId('count-failed')).toContainText('1');
  await expect(maker.getByTestId('sends-chart')).toBeVisible();
  // The recipients table replaces its loader once its request has settled.
  await expect(maker.getByTestId('recipients-table')).toBeVisible({ timeout: 30_000 });
  await expect(maker.getByTestId('recipient-row')).toHaveCount(3);
  await expect(maker.getByText('3 recipients')).toBeVisible();
  await expectAccessible(maker, 'campaign completed');
  await shot(maker, '6-completed');

  // The failed recipient's reason: Meta's code and what it means, in plain words.
  await maker.getByTestId('open-failure').click();
  const details = maker.getByTestId('failure-details');
  await expect(details.getByTestId('failure-code')).toHaveText('131026');
  await expect(details).toContainText('The number is not on WhatsApp');
  await expectAccessible(maker, 'failed recipient');
  await shot(maker, '7-failure');
  await maker.keyboard.press('Escape');

  // Export CSV downloads every recipient with its status and error code.
  const download = maker.waitForEvent('download');
  await maker.getByTestId('export-csv').click();
  const file = await download;
  expect(file.suggestedFilename()).toBe(`campaign-${id}-recipients.csv`);
  const csv = await readFile((await file.path()) ?? '', 'utf8');
  expect(csv.split('\n').filter((l) => l.trim() !== '')).toHaveLength(4);
  expect(csv).toContain('+442079460000');
  expect(csv).toContain('131026');
});
