import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  campaignDetailSchema,
  campaignProgressSchema,
  testSendResultSchema,
  type AccountDto,
} from '@kiana/contracts';
import { testDialect } from '../../../test/test-db';
import { userWithRole, type SignedIn } from '../auth/auth.testkit';
import {
  SIM,
  startTestbed,
  templatesServiceOf,
  type WhatsAppTestbed,
} from '../accounts/accounts.testkit';
import type { PrivacyModule } from '../privacy/privacy.module';

// The test send goes through the Sender to the simulator, one message per number, rendered
// as the campaign's recipients will get it, and leaves the campaign's counts untouched.

let bed: WhatsAppTestbed;
let account: AccountDto;
let agent: SignedIn;

beforeAll(async () => {
  bed = await startTestbed({ limits: { throughputEnabled: false, pairEnabled: false } });
  account = await bed.connect();
  // The connection test reads the account's numbers from the simulator.
  await bed.call({ method: 'POST', url: `/api/v1/whatsapp/accounts/${account.id}/test` });
  await templatesServiceOf(bed.t).sync(account.id);
  agent = await userWithRole(bed.t, 'agent');
});
afterAll(async () => {
  await bed.close();
});

describe(`campaign test send on ${testDialect}`, () => {
  it('sends to each number through the Sender, refuses the invalid and suppressed, counts nothing', async () => {
    const templates = await templatesServiceOf(bed.t).list({ accountId: account.id });
    const hello = templates.find((t) => t.name === 'hello_world');
    expect(hello?.status).toBe('APPROVED');
    const created = await bed.t.app.inject({
      method: 'POST',
      url: '/api/v1/campaigns',
      headers: agent.headers,
      payload: {
        name: 'Test me',
        phoneNumberId: SIM.phoneId,
        templateId: hello?.id,
        audience: { numbers: ['+14155550100'] },
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = campaignDetailSchema.parse(created.json()).id;
    const privacy = bed.t.modules.find((m) => m.name === 'privacy') as PrivacyModule;
    await privacy.suppression.suppress(['+14155550177'], 'deletion', null);
    const before = bed.sim.control.counts().total;

    const res = await bed.t.app.inject({
      method: 'POST',
      url: `/api/v1/campaigns/${id}/test-send`,
      headers: agent.headers,
      payload: { numbers: ['+1 415 555 0111', 'nonsense', '+14155550177', '+14155550112'] },
    });
    expect(res.statusCode, res.body).toBe(200);
    const { results } = testSendResultSchema.parse(res.json());
    expect(results.map((r) => [r.number, r.phoneE164, r.ok, r.error])).toEqual([
      ['+1 415 555 0111', '+14155550111', true, null],
      ['nonsense', null, false, 'invalid_number'],
      ['+14155550177', '+14155550177', false, 'suppressed'],
      ['+14155550112', '+14155550112', true, null],
    ]);
    expect(results[0]?.wamid).toMatch(/^wamid\./);
    // The simulator received exactly the two messages, as the template.
    const counts = bed.sim.control.counts();
    expect(counts.total - before).toBe(2);
    expect(counts.byRecipient['14155550111']).toBe(1);
    expect(counts.byRecipient['14155550177']).toBeUndefined();

    // Not part of the campaign: no recipient, no count, no send log, no campaign tag.
    const db = bed.t.ctx.db.kysely;
    const progress = campaignProgressSchema.parse(
      (
        await bed.t.app.inject({
          url: `/api/v1/campaigns/${id}/progress`,
          headers: agent.headers,
        })
      ).json(),
    );
    expect(progress.counts.total).toBe(0);
    expect(progress.series).toEqual([]);
    expect(
      await db.selectFrom('campaignRecipients').select('id').where('campaignId', '=', id).execute(),
    ).toEqual([]);
    const stored = await db
      .selectFrom('messages')
      .select(['wamid', 'campaignId', 'direction'])
      .where('wamid', '=', results[0]!.wamid)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ wamid: results[0]!.wamid, campaignId: null, direction: 'out' });
    // It counts against Meta's messaging limit like any business-initiated message.
    const portfolio = await db
      .selectFrom('portfolioRecipients')
      .select('phoneE164')
      .where('portfolioId', '=', account.id)
      .execute();
    expect(portfolio.map((p) => p.phoneE164).sort()).toEqual(['+14155550111', '+14155550112']);
    const audit = await db
      .selectFrom('auditLog')
      .select('action')
      .where('targetId', '=', id)
      .where('action', '=', 'campaign.test_send')
      .execute();
    expect(audit).toHaveLength(1);

    const tooMany = await bed.t.app.inject({
      method: 'POST',
      url: `/api/v1/campaigns/${id}/test-send`,
      headers: agent.headers,
      payload: { numbers: ['1', '2', '3', '4', '5', '6'] },
    });
    expect(tooMany.statusCode).toBe(400);
  });
});
