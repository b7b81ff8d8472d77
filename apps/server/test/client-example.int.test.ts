import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialect } from './test-db';
import {
  SIM,
  startTestbed,
  templatesServiceOf,
  type WhatsAppTestbed,
} from '../src/modules/accounts/accounts.testkit';
import {
  insertRunningCampaign,
  newNumbers,
} from '../src/modules/campaigns/dispatch/dispatch.testkit';

// The typed client's example (packages/client/examples/send-and-report.ts) runs as a
// customer would run it, in its own process against a listening panel whose Graph API is the
// simulator: it sends a template, sees it delivered through the status webhooks, and reads a
// campaign's progress. Its output is what a reader of the example is promised.

const root = fileURLToPath(new URL('../../../', import.meta.url));
const example = 'packages/client/examples/send-and-report.ts';
const run = promisify(execFile);

let bed: WhatsAppTestbed;
let baseUrl = '';
let apiKey = '';
let campaignId = '';

beforeAll(async () => {
  bed = await startTestbed({
    limits: { throughputEnabled: true, pairEnabled: false },
    statuses: { sentLatencyMs: 5, deliveredLatencyMs: 10, readProbability: 0, batchWindowMs: 10 },
  });
  await bed.t.app.listen({ host: '127.0.0.1', port: 0 });
  const address = bed.t.app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  baseUrl = `http://127.0.0.1:${port}`;
  bed.sim.control.setWebhookUrl(`${baseUrl}/webhooks/whatsapp`);
  const account = await bed.connect();
  await templatesServiceOf(bed.t).sync(account.id);
  await bed.accounts().testConnection(account.id);
  const key = await bed.call({
    method: 'POST',
    url: '/api/v1/api-keys',
    payload: { name: 'client example', scopes: ['send', 'read'] },
  });
  expect(key.statusCode).toBe(201);
  apiKey = key.json<{ secret: string }>().secret;
  // A campaign that has run to completion, for the example's report.
  const hello = (await templatesServiceOf(bed.t).list({ accountId: account.id })).find(
    (t) => t.name === 'hello_world',
  );
  if (hello === undefined) throw new Error('hello_world was not synced');
  campaignId = await insertRunningCampaign(bed.t.ctx.db.kysely, {
    accountId: account.id,
    phoneNumberId: SIM.phoneId,
    template: { id: hello.id, name: hello.name, language: hello.language, category: 'UTILITY' },
    phones: newNumbers(4, 7_400_001),
    now: bed.t.ctx.clock.now(),
  });
  bed.t.dispatch.module.start();
}, 60_000);
afterAll(async () => {
  await bed.t.dispatch.supervisor.stop();
  await bed.close();
});

describe(`the client example on ${testDialect}`, () => {
  it('sends a template, waits for delivered and reads the campaign', async () => {
    const to = newNumbers(1, 7_450_001)[0] ?? '';
    const { stdout } = await run(process.execPath, ['--import', 'tsx', example], {
      cwd: root,
      timeout: 90_000,
      env: {
        PATH: process.env.PATH,
        KIANA_URL: baseUrl,
        KIANA_API_KEY: apiKey,
        KIANA_TO: to,
        KIANA_PHONE_NUMBER_ID: SIM.phoneId,
        KIANA_CAMPAIGN_ID: campaignId,
      },
    });
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toMatch(new RegExp(`^sent \\S+ to \\${to}: pending$`));
    expect(lines[1]).toMatch(/^delivered \S+: .*delivered@/);
    expect(lines[2]).toMatch(
      /^campaign .+ \((running|completed)\): 4 recipients, \d delivered, 0 failed$/,
    );
    expect(lines[3]).toMatch(
      /^report: targeted 4 → sent \d → delivered \d → read \d → replied \d; 0 failed; cost \d+\.\d{4} [A-Z]{3}$/,
    );
    const summary = JSON.parse(lines[lines.length - 1] ?? '') as {
      messageId: string;
      status: string;
      history: string[];
      campaign: { id: string; total: number; funnel: { targeted: number } };
    };
    expect(summary.status).toBe('delivered');
    expect(summary.history).toEqual(expect.arrayContaining(['sent', 'delivered']));
    expect(summary.campaign).toMatchObject({ id: campaignId, total: 4, funnel: { targeted: 4 } });
    // The message the example sent is the panel's, to that number.
    const stored = await bed.t.ctx.db.kysely
      .selectFrom('messages')
      .select(['id', 'status'])
      .where('id', '=', summary.messageId)
      .executeTakeFirst();
    expect(stored?.status).toBe('delivered');
    expect(bed.sim.control.counts({ phoneNumberId: SIM.phoneId }).byRecipient[to.slice(1)]).toBe(1);
  }, 120_000);
});
