import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountDto, ConnectionTestResult, HealthEventDto } from '@kiana/contracts';
import { testDialect } from '../../../test/test-db';
import { buildTestApp } from '../../../test/test-app';
import { userWithRole } from '../auth/auth.testkit';
import { SIM, startTestbed, type WhatsAppTestbed } from './accounts.testkit';

describe(`WhatsApp accounts against the simulator on ${testDialect}`, () => {
  let bed: WhatsAppTestbed;
  let account: AccountDto;
  beforeAll(async () => {
    bed = await startTestbed({
      accessTokens: [
        SIM.token,
        { token: 'expired_token_0001', expired: true },
        { token: 'messaging_only_0001', permissions: ['whatsapp_business_messaging'] },
        { token: 'other_waba_token_01', wabaIds: ['111111111111111'] },
      ],
    });
    account = await bed.connect();
  });
  afterAll(async () => {
    await bed.close();
  });

  const test = async (id = account.id): Promise<ConnectionTestResult> => {
    const res = await bed.call({ method: 'POST', url: `/api/v1/whatsapp/accounts/${id}/test` });
    expect(res.statusCode).toBe(200);
    return res.json<ConnectionTestResult>();
  };
  const setToken = async (accessToken: string): Promise<void> => {
    const res = await bed.call({
      method: 'PATCH',
      url: `/api/v1/whatsapp/accounts/${account.id}`,
      payload: { accessToken },
    });
    expect(res.statusCode).toBe(200);
  };

  it('stores secrets write-only: the API shows only whether they are set and a hint', async () => {
    expect(account.accessToken).toEqual({ isSet: true, hint: '…oken' });
    expect(account.appSecret.isSet).toBe(true);
    const res = await bed.call({ method: 'GET', url: `/api/v1/whatsapp/accounts/${account.id}` });
    expect(res.body).not.toContain(SIM.token);
    expect(res.body).not.toContain(SIM.appSecret);
    expect(account.webhook.verifyToken).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(account.webhook.callbackUrl).toBe('http://localhost:3000/webhooks/whatsapp');
    const raw = await bed.t.ctx.db.kysely
      .selectFrom('waAccounts')
      .select(['accessToken', 'appSecret'])
      .executeTakeFirstOrThrow();
    expect(raw.accessToken).not.toContain(SIM.token);
    expect(raw.appSecret).not.toContain(SIM.appSecret);
  });

  it('refuses a second account for the same WABA', async () => {
    const res = await bed.call({
      method: 'POST',
      url: '/api/v1/whatsapp/accounts',
      payload: {
        name: 'Again',
        wabaId: SIM.wabaId,
        accessToken: SIM.token,
        appSecret: SIM.appSecret,
      },
    });
    expect(res.statusCode).toBe(409);
  });

  it('tests the connection: reads the WABA and stores its numbers with their health', async () => {
    // One of the portfolio tiers Meta applies since October 2025 (250, 2K, 10K, 100K, unlimited).
    bed.sim.control.setMessagingTier('TIER_2K');
    const result = await test();
    expect(result).toMatchObject({
      ok: true,
      wabaName: 'Kiana Demo Store',
      phoneNumbers: 2,
      error: null,
    });
    const dto = (
      await bed.call({ method: 'GET', url: `/api/v1/whatsapp/accounts/${account.id}` })
    ).json<AccountDto>();
    expect(dto.connectionStatus).toBe('connected');
    expect(dto.messagingLimitTier).toBe('TIER_2K');
    expect(dto.messagingLimit).toBe('2K');
    expect(dto.phoneNumbers.map((n) => n.phoneNumberId).sort()).toEqual([
      '106540352242922',
      '106540352242923',
    ]);
    expect(dto.phoneNumbers[0]).toMatchObject({
      qualityRating: 'GREEN',
      throughputLevel: 'STANDARD',
      verifiedName: 'Kiana Demo Store',
    });
  });

  it('lists every account with its own numbers and no secret', async () => {
    const other = await bed.connect({ name: 'Other', wabaId: '999000111222333' });
    try {
      const res = await bed.call({ method: 'GET', url: '/api/v1/whatsapp/accounts' });
      expect(res.statusCode).toBe(200);
      expect(res.body).not.toContain(SIM.token);
      expect(res.body).not.toContain(SIM.appSecret);
      const listed = res.json<{ accounts: AccountDto[] }>().accounts;
      const numbersOf = (id: string) =>
        listed
          .find((a) => a.id === id)
          ?.phoneNumbers.map((n) => n.phoneNumberId)
          .sort();
      expect(numbersOf(account.id)).toEqual(['106540352242922', '106540352242923']);
      expect(numbersOf(other.id)).toEqual([]);
    } finally {
      await bed.call({ method: 'DELETE', url: `/api/v1/whatsapp/accounts/${other.id}` });
    }
  });

  it('explains an invalid token (190)', async () => {
    await setToken('not_a_known_token_123');
    const result = await test();
    expect(result.ok).toBe(false);
    expect(result.error).toMatchObject({ kind: 'invalid_token', metaCode: 190 });
    expect(result.message).toMatch(/access token is invalid \(Meta error 190\)/);
  });

  it('explains an expired token (190, subcode 463)', async () => {
    await setToken('expired_token_0001');
    const result = await test();
    expect(result.error).toMatchObject({ kind: 'invalid_token', metaCode: 190 });
    expect(result.message).toMatch(/has expired/);
  });

  it('explains a missing permission (10)', async () => {
    await setToken('messaging_only_0001');
    const result = await test();
    expect(result.error).toMatchObject({ kind: 'missing_permission', metaCode: 10 });
    expect(result.message).toMatch(/whatsapp_business_management/);
  });

  it('explains a token without access to this WABA (200)', async () => {
    await setToken('other_waba_token_01');
    const result = await test();
    expect(result.error).toMatchObject({ kind: 'missing_permission', metaCode: 200 });
    expect(result.message).toContain(SIM.wabaId);
  });

  it('explains a wrong WABA id (100) and stores the failure on the account', async () => {
    await setToken(SIM.token);
    const patched = await bed.call({
      method: 'PATCH',
      url: `/api/v1/whatsapp/accounts/${account.id}`,
      payload: { wabaId: '999999999999' },
    });
    expect(patched.json<AccountDto>().connectionStatus).toBe('unknown');
    const result = await test();
    expect(result.error).toMatchObject({ kind: 'wrong_waba_id', metaCode: 100 });
    expect(result.message).toMatch(/does not know WhatsApp Business Account 999999999999/);
    const dto = (
      await bed.call({ method: 'GET', url: `/api/v1/whatsapp/accounts/${account.id}` })
    ).json<AccountDto>();
    expect(dto.connectionStatus).toBe('error');
    expect(dto.connectionError?.kind).toBe('wrong_waba_id');
    await bed.call({
      method: 'PATCH',
      url: `/api/v1/whatsapp/accounts/${account.id}`,
      payload: { wabaId: SIM.wabaId },
    });
    expect((await test()).ok).toBe(true);
  });

  it('records a quality drop from a refresh as an alert and announces it for campaigns', async () => {
    const dropped: unknown[] = [];
    const off = bed.t.ctx.bus.subscribe('accounts.quality_dropped', (e) => dropped.push(e.payload));
    bed.sim.control.upsertNumber({ id: SIM.phoneId, qualityRating: 'YELLOW' });
    await bed.accounts().refreshAllHealth();
    off();
    expect(dropped).toEqual([
      {
        accountId: account.id,
        phoneNumberId: SIM.phoneId,
        previousRating: 'GREEN',
        rating: 'YELLOW',
      },
    ]);
    const res = await bed.call({
      method: 'GET',
      url: `/api/v1/whatsapp/health-events?alertsOnly=true&accountId=${account.id}`,
    });
    const events = res.json<{ events: HealthEventDto[] }>().events;
    expect(events[0]).toMatchObject({
      kind: 'quality',
      previousValue: 'GREEN',
      newValue: 'YELLOW',
      severity: 'warning',
    });
    const ack = await bed.call({
      method: 'POST',
      url: `/api/v1/whatsapp/health-events/${events[0]?.id ?? ''}/acknowledge`,
    });
    expect(ack.statusCode).toBe(200);
    const after = await bed.call({
      method: 'GET',
      url: `/api/v1/whatsapp/health-events?alertsOnly=true&accountId=${account.id}`,
    });
    expect(after.json<{ events: HealthEventDto[] }>().events).toHaveLength(0);
  });

  it('applies the simulator’s phone_number_quality_update and business_capability_update webhooks', async () => {
    const before = bed.receiver.received.length;
    bed.sim.control.setMessagingTier('TIER_10K');
    await bed.receiver.waitFor((r) => r.length > before);
    const change = bed.receiver.received[before]?.body.entry[0]?.changes[0];
    expect(change?.field).toBe('phone_number_quality_update');
    await bed.accounts().applyPhoneNumberQualityUpdate(SIM.wabaId, change?.value);
    let dto = await bed.accounts().get(account.id);
    expect(dto.messagingLimit).toBe('10K');
    await bed.accounts().applyBusinessCapabilityUpdate(SIM.wabaId, {
      max_daily_conversations_per_business: 'TIER_100K',
    });
    dto = await bed.accounts().get(account.id);
    expect(dto.messagingLimitTier).toBe('TIER_100K');
    const history = await bed.accounts().listHealthEvents({ accountId: account.id });
    expect(
      history
        .filter((e) => e.kind === 'messaging_limit')
        .map((e) => e.newValue)
        .slice(0, 2),
    ).toEqual(['TIER_100K', 'TIER_10K']);
  });

  it('applies an account_update restriction as a critical alert', async () => {
    await bed.accounts().applyAccountUpdate(SIM.wabaId, {
      event: 'ACCOUNT_RESTRICTION',
      restriction_info: [
        { restriction_type: 'RESTRICTED_BIZ_INITIATED_MESSAGING', expiration: 1641330498 },
      ],
    });
    const dto = await bed.accounts().get(account.id);
    expect(dto.restriction).toContain('RESTRICTED_BIZ_INITIATED_MESSAGING');
    const [latest] = await bed
      .accounts()
      .listHealthEvents({ accountId: account.id, alertsOnly: true });
    expect(latest).toMatchObject({
      kind: 'account',
      newValue: 'ACCOUNT_RESTRICTION',
      severity: 'critical',
    });
  });

  it('gives the webhook receiver decrypted credentials and records liveness', async () => {
    const creds = await bed.accounts().listWebhookCredentials();
    expect(creds).toEqual([
      {
        accountId: account.id,
        wabaId: SIM.wabaId,
        appSecret: SIM.appSecret,
        verifyToken: account.webhook.verifyToken,
        phoneNumberIds: expect.arrayContaining([SIM.phoneId]) as unknown as string[],
      },
    ]);
    expect(await bed.accounts().findAccountByWabaId(SIM.wabaId)).toMatchObject({ id: account.id });
    expect(await bed.accounts().findPhoneNumberById(SIM.phoneId)).toMatchObject({
      accountId: account.id,
      wabaId: SIM.wabaId,
    });
    await bed.accounts().noteWebhookReceived(account.id, Date.UTC(2026, 10, 26, 10));
    await bed.accounts().noteSignatureFailure(account.id, Date.UTC(2026, 10, 26, 11));
    const dto = await bed.accounts().get(account.id);
    expect(dto.webhook.lastReceivedAt).toBe('2026-11-26T10:00:00.000Z');
    expect(dto.webhook.lastSignatureFailureAt).toBe('2026-11-26T11:00:00.000Z');
    // A changed secret is seen at once, not after the cache expires.
    await bed.call({
      method: 'PATCH',
      url: `/api/v1/whatsapp/accounts/${account.id}`,
      payload: { appSecret: 'a_new_app_secret_456' },
    });
    expect((await bed.accounts().listWebhookCredentials())[0]?.appSecret).toBe(
      'a_new_app_secret_456',
    );
  });

  it('subscribes the app to the WABA’s webhooks', async () => {
    const res = await bed.call({
      method: 'POST',
      url: `/api/v1/whatsapp/accounts/${account.id}/subscribe`,
    });
    expect(res.statusCode).toBe(200);
    expect(
      bed.sim.control
        .requests()
        .some((r) => r.method === 'POST' && r.path.endsWith(`${SIM.wabaId}/subscribed_apps`)),
    ).toBe(true);
  });

  it('lets a viewer neither read nor change accounts', async () => {
    const viewer = await userWithRole(bed.t, 'viewer');
    const list = await bed.t.app.inject({
      method: 'GET',
      url: '/api/v1/whatsapp/accounts',
      headers: viewer.headers,
    });
    expect(list.statusCode).toBe(403);
    const del = await bed.t.app.inject({
      method: 'DELETE',
      url: `/api/v1/whatsapp/accounts/${account.id}`,
      headers: viewer.headers,
    });
    expect(del.statusCode).toBe(403);
  });
});

describe(`an unreachable Graph API host on ${testDialect}`, () => {
  it('says the host cannot be reached', async () => {
    const t = await buildTestApp({
      env: { KIANA_GRAPH_URL: 'http://127.0.0.1:9' },
      logLevel: 'silent',
    });
    try {
      const admin = await userWithRole(t, 'admin');
      const created = await t.app.inject({
        method: 'POST',
        url: '/api/v1/whatsapp/accounts',
        headers: admin.headers,
        payload: {
          name: 'Offline',
          wabaId: SIM.wabaId,
          accessToken: SIM.token,
          appSecret: SIM.appSecret,
        },
      });
      const id = created.json<AccountDto>().id;
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/v1/whatsapp/accounts/${id}/test`,
        headers: admin.headers,
      });
      expect(res.json<ConnectionTestResult>()).toMatchObject({
        ok: false,
        error: { kind: 'unreachable', metaCode: null },
        message: expect.stringMatching(/Could not reach the Graph API at 127\.0\.0\.1:9/),
      });
    } finally {
      await t.close();
    }
  });
});
