import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, signIn } from './support';

// Campaign reports: two campaigns run to the end against the simulator (hello_world; a
// number ending in 0000 is not on WhatsApp there: 131026), then the report of the first
// (funnel, curves, failure explained), the two side by side, and the report's CSV.
// Screenshots go to test-results/screenshots/.

const shot = (page: Page, name: string) =>
  page.screenshot({ path: `test-results/screenshots/campaign-report-${name}.png`, fullPage: true });

test('a finished campaign has a report, compares with another and exports as CSV', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const stamp = Date.now();
  const last3 = String(stamp % 1000).padStart(3, '0');
  await signIn(page);
  const csrf = async () =>
    (await page.context().cookies()).find((c) => c.name === 'kiana_csrf')?.value ?? '';
  const call = async <T>(method: 'GET' | 'POST', url: string, data?: unknown): Promise<T> => {
    const res = await page.request.fetch(url, {
      method,
      data,
      headers: { 'x-csrf-token': await csrf() },
    });
    expect(res.ok(), `${url}: ${await res.text()}`).toBe(true);
    return (await res.json()) as T;
  };

  const { numbers } = await call<{ numbers: { phoneNumberId: string; accountId: string }[] }>(
    'GET',
    '/api/v1/campaigns/sending-numbers',
  );
  const number = numbers[0];
  expect(number).toBeDefined();
  const { templates } = await call<{
    templates: { id: string; name: string; status: string; accountId: string }[];
  }>('GET', '/api/v1/templates');
  const template = templates.find(
    (t) => t.name === 'hello_world' && t.status === 'APPROVED' && t.accountId === number?.accountId,
  );
  expect(template).toBeDefined();

  async function runCampaign(name: string, phones: string[]): Promise<string> {
    const { id } = await call<{ id: string }>('POST', '/api/v1/campaigns', {
      name,
      phoneNumberId: number?.phoneNumberId,
      templateId: template?.id,
      audience: { numbers: phones },
    });
    await call('POST', `/api/v1/campaigns/${id}/launch`);
    return id;
  }
  const first = await runCampaign(`Report A ${stamp}`, [
    `+442079511${last3}`,
    `+442079521${last3}`,
    '+442079550000',
  ]);
  const second = await runCampaign(`Report B ${stamp}`, [`+442079611${last3}`]);
  for (const id of [first, second])
    await expect
      .poll(async () => (await call<{ status: string }>('GET', `/api/v1/campaigns/${id}`)).status, {
        timeout: 120_000,
      })
      .toBe('completed');

  // The campaign page links to its report; the figures arrive with the next rollup run.
  await page.goto(`/campaigns/${first}`);
  await page.getByTestId('campaign-report-link').click();
  await expect(page).toHaveURL(new RegExp(`/campaigns/${first}/report$`));
  await expect(page.getByTestId('funnel-targeted-value')).toContainText('3');
  await expect(page.getByTestId('funnel-sent-value')).toHaveText(/^2 ·/, { timeout: 60_000 });
  await expect(page.getByTestId('report-curves').getByRole('img')).toBeVisible();
  await expect(page.getByTestId('report-failures')).toContainText('131026');
  await expect(page.getByTestId('report-failures')).toContainText('not on WhatsApp');
  await expect(page.getByTestId('report-countries')).toContainText('GB');
  await expectAccessible(page, 'campaign report');
  await shot(page, '1-report');

  // The CSV holds the same funnel.
  const download = page.waitForEvent('download');
  await page.getByTestId('report-csv').click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('campaign-report.csv');
  const csv = (await readFile((await file.path()) ?? '', 'utf8')).split('\r\n');
  expect(csv[0]).toBe('section,key,metric,value');
  expect(csv).toContain('funnel,,targeted,3');
  expect(csv).toContain('funnel,,sent,2');
  expect(csv).toContain('failure,131026,count,1');

  // Printing leaves the navigation out.
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('navigation', { name: 'Main navigation' })).toBeHidden();
  await page.emulateMedia({ media: 'screen' });

  // Side by side.
  await page.goto(`/campaigns/compare?ids=${first},${second}`);
  const table = page.getByTestId('compare-table');
  await expect(table).toContainText(`Report A ${stamp}`);
  await expect(table).toContainText(`Report B ${stamp}`);
  await expect(page.getByTestId('compare-targeted')).toContainText('3');
  const sent = page.getByTestId('compare-sent').getByRole('cell');
  await expect(sent.nth(0)).toHaveText('2', { timeout: 60_000 });
  await expect(sent.nth(1)).toHaveText('1');
  await expectAccessible(page, 'campaigns compared');
  await shot(page, '2-compare');
});
