import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaignDetailSchema, runControlResultSchema } from '@kiana/contracts';
import { buildTestApp, type TestApp } from '../../../test/test-app';
import { testDialect } from '../../../test/test-db';
import { userWithRole, type SignedIn } from '../auth/auth.testkit';
import type { PrivacyModule } from '../privacy/privacy.module';
import { approvalRequiredSetting } from './campaigns.settings';
import { seedContact, seedSender } from './campaigns.testkit';

let kiana: TestApp;
let admin: SignedIn;
let admin2: SignedIn;
let agent: SignedIn;
let viewer: SignedIn;
let sender: Awaited<ReturnType<typeof seedSender>>;

beforeAll(async () => {
  kiana = await buildTestApp();
  admin = await userWithRole(kiana, 'admin');
  admin2 = await userWithRole(kiana, 'admin');
  agent = await userWithRole(kiana, 'agent');
  viewer = await userWithRole(kiana, 'viewer');
  sender = await seedSender(kiana.ctx.db.kysely);
});
afterAll(async () => {
  await kiana.close();
});

const api = (
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  who: SignedIn,
  payload?: object,
) => kiana.app.inject({ method, url: `/api/v1${url}`, headers: who.headers, payload });

async function draft(who: SignedIn, extra: object = {}): Promise<string> {
  const res = await api('POST', '/campaigns', who, {
    name: 'Spring sale',
    phoneNumberId: sender.phoneNumberId,
    templateId: sender.marketingId,
    // A number the normaliser accepts: launch refuses an audience nobody can be sent to.
    audience: { numbers: ['+14155550100'] },
    variables: { 'body.1': { source: 'fixed', value: 'friend' } },
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(201);
  return campaignDetailSchema.parse(res.json()).id;
}

describe(`campaign drafts on ${testDialect}`, () => {
  it('creates, lists with filters, edits while draft, deletes; audited; viewers read only', async () => {
    const id = await draft(agent);
    const detail = campaignDetailSchema.parse(
      (await api('GET', `/campaigns/${id}`, viewer)).json(),
    );
    expect(detail).toMatchObject({
      status: 'draft',
      templateName: `tpl_${sender.marketingId}`,
      templateCategory: 'MARKETING',
      accountId: sender.accountId,
    });
    expect((await api('POST', '/campaigns', viewer, {})).statusCode).toBe(403);
    const list = (
      await api('GET', `/campaigns?status=draft&phoneNumberId=${sender.phoneNumberId}`, viewer)
    ).json<{ total: number; campaigns: { id: string }[] }>();
    expect(list.campaigns.map((c) => c.id)).toContain(id);
    expect(
      (await api('GET', '/campaigns?status=running', viewer)).json<{ total: number }>().total,
    ).toBe(0);
    const edited = await api('PATCH', `/campaigns/${id}`, agent, { name: 'Summer sale' });
    expect(edited.json<{ name: string }>().name).toBe('Summer sale');
    const bad = await api('PATCH', `/campaigns/${id}`, agent, { templateId: 'nope' });
    expect(bad.statusCode).toBe(400);
    const audit = await kiana.ctx.db.kysely
      .selectFrom('auditLog')
      .select('action')
      .where('targetId', '=', id)
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['campaign.create', 'campaign.update']);
    expect((await api('DELETE', `/campaigns/${id}`, agent)).statusCode).toBe(200);
    expect((await api('GET', `/campaigns/${id}`, viewer)).statusCode).toBe(404);
  });
});

describe(`launch, materialisation and run control on ${testDialect}`, () => {
  it('materialises the audience with every skip reason, counts in step, then runs', async () => {
    const ex = kiana.ctx.db.kysely;
    await ex
      .insertInto('tags')
      .values({ id: 'tag-vip', name: 'vip', nameKey: 'vip', colour: null, createdAt: 1 })
      .execute();
    await seedContact(ex, '+4915112345001', { name: 'Ana', tagId: 'tag-vip' });
    await seedContact(ex, '+4915112345002', { name: 'Bo', tagId: 'tag-vip', optedOut: true });
    await seedContact(ex, '+4915112345003', { tagId: 'tag-vip' }); // no name, no fallback
    await seedContact(ex, '+4915112345004', { name: 'Cy', tagId: 'tag-vip' }); // suppressed
    const privacy = kiana.modules.find((m) => m.name === 'privacy') as PrivacyModule;
    await privacy.suppression.suppress(['+4915112345004'], 'deletion', null);
    const id = await draft(agent, {
      audience: {
        tagIds: ['tag-vip'],
        numbers: ['+49 1511 2345001', 'not a number', '+4915112345900'],
      },
      variables: { 'body.1': { source: 'field', key: 'name', fallback: null } },
    });
    const launched = runControlResultSchema.parse(
      (await api('POST', `/campaigns/${id}/launch`, agent)).json(),
    );
    expect(launched.campaign.status).toBe('materialising');
    await kiana.worker.drainOnce();
    const done = campaignDetailSchema.parse((await api('GET', `/campaigns/${id}`, viewer)).json());
    expect(done.status).toBe('running');
    const rows = await ex
      .selectFrom('campaignRecipients')
      .select(['phoneE164', 'status', 'reason', 'paramsJson'])
      .where('campaignId', '=', id)
      .orderBy('phoneE164')
      .execute();
    expect(rows.map((r) => [r.phoneE164, r.status, r.reason])).toEqual([
      ['+4915112345001', 'queued', null],
      ['+4915112345002', 'skipped', 'opted_out'],
      ['+4915112345003', 'skipped', 'missing_parameter'],
      ['+4915112345004', 'skipped', 'suppressed'],
      ['+4915112345900', 'skipped', 'missing_parameter'],
      ['not a number', 'skipped', 'invalid_number'],
    ]);
    expect(JSON.parse(rows[0]!.paramsJson)).toEqual({ 'body.1': 'Ana' });
    expect(done.counts.byStatus).toMatchObject({ queued: 1, skipped: 5 });

    // Run control and refused transitions.
    expect((await api('POST', `/campaigns/${id}/resume`, agent)).json()).toMatchObject({
      code: 'campaign_invalid_transition',
    });
    expect(
      (await api('POST', `/campaigns/${id}/pause`, agent, { detail: 'check copy' })).json<{
        campaign: { status: string; pauseReason: string };
      }>().campaign,
    ).toMatchObject({ status: 'paused', pauseReason: 'operator' });
    expect((await api('PATCH', `/campaigns/${id}`, agent, { name: 'x' })).statusCode).toBe(409);
    expect(
      (await api('POST', `/campaigns/${id}/resume`, agent)).json<{ campaign: { status: string } }>()
        .campaign.status,
    ).toBe('running');
    // Retry: only failed recipients of a retryable kind, never one who got the message.
    await ex
      .updateTable('campaignRecipients')
      .set({ status: 'failed', failureKind: 'retry_after' })
      .where('phoneE164', '=', '+4915112345001')
      .where('campaignId', '=', id)
      .execute();
    const { moveRecipients } = await import('./campaigns.counts.repo');
    await moveRecipients(ex, id, 'queued', 'failed', 1);
    const retried = runControlResultSchema.parse(
      (await api('POST', `/campaigns/${id}/retry`, agent, {})).json(),
    );
    expect(retried.affected).toBe(1);
    expect(retried.campaign.counts.byStatus).toMatchObject({ queued: 1, failed: 0 });
    const cancelled = runControlResultSchema.parse(
      (await api('POST', `/campaigns/${id}/cancel`, agent)).json(),
    );
    expect(cancelled).toMatchObject({ affected: 1, campaign: { status: 'cancelled' } });
    expect(cancelled.campaign.counts.byStatus).toMatchObject({ queued: 0, skipped: 6 });
    const r = await api('POST', `/campaigns/${id}/cancel`, agent);
    expect(r.statusCode).toBe(409);
  });

  it('needs a different user with campaigns.approve when approval is on, and schedules for later', async () => {
    await kiana.ctx.settings.set(kiana.ctx.db.kysely, approvalRequiredSetting, true);
    try {
      const id = await draft(admin, {
        scheduleAt: Date.now() + 3_600_000,
        scheduleTimeZone: 'Europe/Berlin',
      });
      const asked = runControlResultSchema.parse(
        (await api('POST', `/campaigns/${id}/launch`, admin)).json(),
      );
      expect(asked.campaign.status).toBe('awaiting_approval');
      expect((await api('POST', `/campaigns/${id}/approve`, agent)).statusCode).toBe(403);
      const self = await api('POST', `/campaigns/${id}/approve`, admin);
      expect(self.statusCode).toBe(403);
      expect(self.json()).toMatchObject({ code: 'campaign_approval_same_user' });
      const ok = runControlResultSchema.parse(
        (await api('POST', `/campaigns/${id}/approve`, admin2)).json(),
      );
      expect(ok.campaign).toMatchObject({ status: 'scheduled', approvedBy: admin2.userId });
      const job = await kiana.ctx.db.kysely
        .selectFrom('jobs')
        .select(['runAt', 'kind'])
        .where('kind', '=', 'campaigns.materialise')
        .where('payload', 'like', `%${id}%`)
        .executeTakeFirstOrThrow();
      expect(job.runAt).toBe(ok.campaign.scheduleAt);
      const actions = await kiana.ctx.db.kysely
        .selectFrom('auditLog')
        .select(['action', 'actorId'])
        .where('targetId', '=', id)
        .execute();
      expect(actions.map((a) => a.action)).toEqual(
        expect.arrayContaining(['campaign.launch', 'campaign.approve']),
      );
    } finally {
      await kiana.ctx.settings.set(kiana.ctx.db.kysely, approvalRequiredSetting, false);
    }
  });
});
