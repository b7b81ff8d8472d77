import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaignDetailSchema, outgoingPayloadSchemas } from '@kiana/contracts';
import { buildTestApp, type TestApp } from '../../../test/test-app';
import { testDialect } from '../../../test/test-db';
import { userWithRole, type SignedIn } from '../auth/auth.testkit';
import type { PrivacyModule } from '../privacy/privacy.module';
import { seedSender } from './campaigns.testkit';

// A campaign whose whole audience is skipped when it materialises completes right there, and
// that completion writes `campaign.finished` in the same transaction (the dispatcher's
// completions are covered by dispatch.finished.int.test.ts).

let kiana: TestApp;
let owner: SignedIn;
let sender: Awaited<ReturnType<typeof seedSender>>;

const api = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
  kiana.app.inject({ method, url: `/api/v1${url}`, headers: owner.headers, payload });

beforeAll(async () => {
  kiana = await buildTestApp({ logLevel: 'warn' });
  owner = await userWithRole(kiana, 'owner');
  sender = await seedSender(kiana.ctx.db.kysely);
  const allowed = await api('PUT', '/integrations/settings', {
    allowedPrivateAddresses: ['127.0.0.1/32'],
    disableAfterHours: 24,
  });
  expect(allowed.statusCode, allowed.body).toBe(200);
  const hook = await api('POST', '/integrations/webhooks', {
    url: 'http://127.0.0.1:9/hook',
    events: ['campaign.finished'],
  });
  expect(hook.statusCode, hook.body).toBe(201);
});
afterAll(async () => {
  await kiana.close();
});

describe(`campaign.finished at materialisation on ${testDialect}`, () => {
  it('is written when nobody is left to send to', async () => {
    const created = await api('POST', '/campaigns', {
      name: 'Nobody left',
      phoneNumberId: sender.phoneNumberId,
      templateId: sender.utilityId,
      audience: { numbers: ['+14155550188'] },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = campaignDetailSchema.parse(created.json()).id;
    const launched = await api('POST', `/campaigns/${id}/launch`);
    expect(launched.statusCode, launched.body).toBe(200);
    // Erased between launch and materialisation: the only recipient is skipped.
    const privacy = kiana.modules.find((m) => m.name === 'privacy') as PrivacyModule;
    await privacy.suppression.suppress(['+14155550188'], 'deletion', null);
    await kiana.worker.drainOnce();
    const done = campaignDetailSchema.parse((await api('GET', `/campaigns/${id}`)).json());
    expect(done.status).toBe('completed');
    const events = await kiana.ctx.db.kysely
      .selectFrom('outgoingEvents')
      .select('data')
      .where('type', '=', 'campaign.finished')
      .execute();
    expect(
      events.map((e) => outgoingPayloadSchemas['campaign.finished'].parse(JSON.parse(e.data))),
    ).toEqual([
      {
        campaignId: id,
        name: 'Nobody left',
        sent: 0,
        delivered: 0,
        read: 0,
        failed: 0,
        finishedAt: done.finishedAt,
      },
    ]);
  });
});
