/**
 * Sends a template through the panel's API, waits until it is delivered, then reads a
 * campaign's progress and report: `npx tsx packages/client/examples/send-and-report.ts`.
 *
 * Environment:
 *   KIANA_URL          the panel's origin (e.g. https://panel.example.com)
 *   KIANA_API_KEY      an API key with the `send` and `read` scopes
 *   KIANA_TO           the recipient, E.164 (e.g. +14155550123)
 *   KIANA_TEMPLATE     template name and language, `name:language` (default hello_world:en_US)
 *   KIANA_PHONE_NUMBER_ID  the sending number (optional when one number is connected)
 *   KIANA_CAMPAIGN_ID  the campaign to report on (default: the most recent one)
 *
 * Prints one line per step, and a JSON summary as its last line.
 */
import { randomUUID } from 'node:crypto';
import { createKianaClient, unwrap, waitForStatus } from '../src/index';

function env(name: string, fallback?: string): string {
  const value = process.env[name] ?? fallback;
  if (value === undefined || value === '') throw new Error(`${name} is not set`);
  return value;
}

const client = createKianaClient({ baseUrl: env('KIANA_URL'), apiKey: env('KIANA_API_KEY') });
const [name = 'hello_world', language = 'en_US'] = env('KIANA_TEMPLATE', 'hello_world:en_US').split(
  ':',
);
const phoneNumberId = process.env.KIANA_PHONE_NUMBER_ID;

// 1. Send: the idempotency key makes a retry of this very request safe (no second message).
const sent = unwrap(
  await client.POST('/api/v1/messages', {
    params: { header: { 'Idempotency-Key': randomUUID() } },
    body: {
      to: env('KIANA_TO'),
      ...(phoneNumberId === undefined ? {} : { phoneNumberId }),
      template: { name, language },
    },
  }),
);
console.log(`sent ${sent.id} to ${sent.to ?? '?'}: ${sent.status}`);

// 2. Wait for Meta's delivery receipt (the panel records it from the status webhook).
const delivered = await waitForStatus(client, sent.id, 'delivered', { timeoutMs: 60_000 });
console.log(
  `delivered ${delivered.id}: ${delivered.history.map((h) => `${h.status}@${h.at}`).join(' → ')}`,
);

// 3. A campaign: its state, its live progress and its report.
let campaignId = process.env.KIANA_CAMPAIGN_ID;
if (campaignId === undefined) {
  const page = unwrap(await client.GET('/api/v1/campaigns', { params: { query: {} } }));
  campaignId = page.campaigns[0]?.id;
}
let report: object | null = null;
if (campaignId === undefined) {
  console.log('no campaign to report on');
} else {
  const campaign = unwrap(
    await client.GET('/api/v1/campaigns/{id}', { params: { path: { id: campaignId } } }),
  );
  const progress = unwrap(
    await client.GET('/api/v1/campaigns/{id}/progress', { params: { path: { id: campaignId } } }),
  );
  const { byStatus, total } = progress.counts;
  console.log(
    `campaign ${campaign.name} (${campaign.status}): ${total} recipients, ` +
      `${(byStatus.delivered ?? 0) + (byStatus.read ?? 0)} delivered, ${byStatus.failed ?? 0} failed`,
  );
  // The report: the funnel, failures by Meta's code and the cost, read from the rollups
  // (figures lag the messages by up to the rollup interval; `watermark` says how far).
  const full = unwrap(
    await client.GET('/api/v1/campaigns/{id}/report', { params: { path: { id: campaignId } } }),
  );
  const f = full.funnel;
  console.log(
    `report: targeted ${f.targeted} → sent ${f.sent} → delivered ${f.delivered} → read ${f.read} → ` +
      `replied ${f.replied}; ${f.failed} failed; cost ${(full.cost.costMicros / 1e6).toFixed(4)} ${full.cost.currency}`,
  );
  report = {
    id: campaign.id,
    name: campaign.name,
    status: campaign.status,
    total,
    byStatus,
    funnel: f,
    failures: full.failures,
    cost: full.cost,
  };
}

console.log(
  JSON.stringify({
    messageId: sent.id,
    status: delivered.status,
    history: delivered.history.map((h) => h.status),
    campaign: report,
  }),
);
