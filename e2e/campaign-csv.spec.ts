import { expect, test, type Page } from '@playwright/test';
import { e2eSimulatorPort } from '../playwright.config';
import { expectAccessible, signIn } from './support';

// A campaign whose audience is a CSV uploaded in the wizard: a file with a byte-order mark
// and `;` between fields, its number column guessed, one invalid and one duplicate row named
// by row number; the name and order columns fill the template's parameters (an empty cell
// takes the fallback), the live preview shows each row's values, the review counts the
// removed rows, and after launch the simulator received each row's values as the template's
// parameters. Screenshots go to test-results/screenshots/.

const SIM = `http://localhost:${e2eSimulatorPort}`;
const shot = (page: Page, name: string) =>
  page.screenshot({ path: `test-results/screenshots/campaign-csv-${name}.png`, fullPage: true });

test('a campaign is built from an uploaded CSV, its columns mapped, and sent with each row’s values', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const stamp = Date.now();
  const last3 = String(stamp % 1000).padStart(3, '0');
  const ana = `+442079431${last3}`;
  const bo = `+442079432${last3}`;
  const csv = [
    'name;phone;order',
    `Ana;+44 20 7943 1${last3};A-1`,
    `Bo;${bo};`,
    'Cy;call me;C-3',
    `Ana again;${ana};A-4`,
  ].join('\r\n');
  await signIn(page);
  await page.goto('/campaigns');
  await expect(page.getByTestId('campaigns-table')).toBeVisible();
  await page.getByTestId('new-campaign').click();

  // 1. Number and template.
  await page.getByTestId('campaign-name').fill(`From a CSV ${stamp}`);
  await page.getByTestId('campaign-number').click();
  await page.getByRole('option').first().click();
  await page.getByTestId('campaign-template').click();
  await page.getByRole('option', { name: /order_confirmation/ }).click();
  await page.getByTestId('wizard-next').click();
  await expect(page).toHaveURL(/\/campaigns\/[^/]+\/edit\?step=1/);

  // 2. Audience: the CSV, uploaded to the draft; the phone column is guessed.
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('audience-csv-upload').click();
  await (
    await chooser
  ).setFiles({
    name: 'customers.csv',
    mimeType: 'text/csv',
    buffer: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv, 'utf8')]),
  });
  await expect(page.getByTestId('csv-file')).toContainText('customers.csv');
  await expect(page.getByTestId('csv-file')).toContainText('separated by ;');
  await expect(page.getByTestId('csv-number-column')).toHaveValue('phone');
  await expect(page.getByTestId('csv-preview')).toContainText('call me');
  await expect(page.getByTestId('csv-rows')).toHaveText('4');
  await expect(page.getByTestId('csv-valid')).toHaveText('2');
  await expect(page.getByTestId('csv-invalid')).toHaveText('1');
  await expect(page.getByTestId('csv-duplicate')).toHaveText('1');
  const issues = page.getByTestId('csv-issue');
  await expect(issues).toHaveCount(2);
  await expect(issues.nth(0)).toContainText('4');
  await expect(issues.nth(0)).toContainText('Not a valid phone number');
  await expect(issues.nth(1)).toContainText('Same number as row 2');
  await expect(page.getByTestId('csv-rejected-download')).toBeVisible();
  await expectAccessible(page, 'wizard: CSV audience');
  await shot(page, '1-audience');
  await page.getByTestId('wizard-next').click();

  // 3. Variables: the name and order columns (order with a fallback), the rest fixed.
  const slot = (key: string) => page.getByTestId(`slot-${key}`);
  const fromCsv = async (key: string, column: string, fallback?: string) => {
    await slot(key).getByTestId('slot-source').click();
    await page.getByRole('option', { name: 'CSV column' }).click();
    await slot(key).getByTestId('slot-csv-column').click();
    await page.getByRole('option', { name: column, exact: true }).click();
    if (fallback !== undefined) await slot(key).getByTestId('slot-fallback').fill(fallback);
  };
  await fromCsv('body.first_name', 'name');
  await fromCsv('header.order_id', 'order', 'none');
  await fromCsv('body.order_id', 'order', 'none');
  for (const [key, value] of [
    ['body.ship_date', 'Monday'],
    ['button.0', 'T-1'],
  ] as const) {
    await slot(key).getByTestId('slot-source').click();
    await page.getByRole('option', { name: 'Fixed value' }).click();
    await slot(key).getByTestId('slot-fixed').fill(value);
  }
  const samples = page.getByTestId('sample-preview');
  await expect(samples.nth(0)).toContainText('Hi Ana, your order A-1 ships on Monday');
  await expect(samples.nth(1)).toContainText('Hi Bo, your order none ships on Monday');
  await expectAccessible(page, 'wizard: variables from CSV columns');
  await shot(page, '2-variables');
  // Each Next saves the draft before it moves on: wait for the step before the next click.
  await page.getByTestId('wizard-next').click();
  await expect(page).toHaveURL(/step=3/);
  await page.getByTestId('wizard-next').click();
  await expect(page).toHaveURL(/step=4/);

  // 4. Review: two recipients; the invalid and the duplicate row among the removed.
  await expect(page.getByTestId('preflight-recipients')).toHaveText('2');
  await expect(page.getByTestId('preflight-skipped')).toContainText('Invalid number: 1');
  await expect(page.getByTestId('preflight-skipped')).toContainText('Duplicate: 1');
  await shot(page, '3-review');
  const id = /\/campaigns\/([^/]+)\/edit/.exec(page.url())?.[1] ?? '';
  await page.getByTestId('launch').click();
  await expect(page).toHaveURL(new RegExp(`/campaigns/${id}$`));
  await expect(page.getByTestId('campaign-status')).toHaveText('Completed', { timeout: 120_000 });
  await expect(page.getByTestId('recipients-table')).toBeVisible({ timeout: 30_000 });
  // Two sent and the invalid row skipped (the duplicate is not a second recipient).
  await expect(page.getByTestId('recipient-row')).toHaveCount(3);
  for (const n of [ana, bo])
    await expect(page.getByTestId('recipient-row').filter({ hasText: n })).toContainText(
      /Sent|Delivered|Read/,
    );
  await expectAccessible(page, 'campaign from a CSV completed');
  await shot(page, '4-completed');

  // The simulator received each row's values as the template's parameters.
  const bodyParams = async (e164: string) => {
    const res = await page.request.get(
      `${SIM}/_sim/messages?recipient=${e164.slice(1)}&template_name=order_confirmation&payload=true`,
    );
    const { data } = (await res.json()) as {
      data: {
        payload?: {
          template?: { components?: { type: string; parameters?: { text?: string }[] }[] };
        };
      }[];
    };
    expect(data).toHaveLength(1);
    return data[0]?.payload?.template?.components
      ?.find((c) => c.type === 'body')
      ?.parameters?.map((p) => p.text);
  };
  expect(await bodyParams(ana)).toEqual(['Ana', 'A-1', 'Monday']);
  expect(await bodyParams(bo)).toEqual(['Bo', 'none', 'Monday']);
});
