import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountDto, GraphApiCall, GraphApiCallPage } from '@kiana/contracts';
import { testDialect } from '../../../test/test-db';
import { SIM, startTestbed, type WhatsAppTestbed } from '../accounts/accounts.testkit';
import { accountMediaFetcher } from '../conversations/conversations.wiring';
import type { ApiLogRecorder } from './api-log.recorder';

const EXPIRED = 'expired_token_0001';

function recorderOf(bed: WhatsAppTestbed): ApiLogRecorder {
  const found = bed.t.modules.find((m) => m.name === 'api-log');
  if (found === undefined || !('recorder' in found)) throw new Error('api-log module missing');
  return found.recorder as ApiLogRecorder;
}

describe(`Graph API call log against the simulator on ${testDialect}`, () => {
  let bed: WhatsAppTestbed;
  let account: AccountDto;
  const page = async (query = ''): Promise<{ body: string; page: GraphApiCallPage }> => {
    await recorderOf(bed).flush();
    const res = await bed.call({ method: 'GET', url: `/api/v1/api-log${query}` });
    expect(res.statusCode).toBe(200);
    return { body: res.body, page: res.json<GraphApiCallPage>() };
  };

  beforeAll(async () => {
    bed = await startTestbed({ accessTokens: [SIM.token, { token: EXPIRED, expired: true }] });
    account = await bed.connect();
    const tested = await bed.call({
      method: 'POST',
      url: `/api/v1/whatsapp/accounts/${account.id}/test`,
    });
    expect(tested.statusCode).toBe(200);
    const synced = await bed.call({
      method: 'POST',
      url: `/api/v1/whatsapp/accounts/${account.id}/sync-templates`,
    });
    expect(synced.statusCode).toBe(200);
  });
  afterAll(async () => {
    await bed.close();
  });

  it('logs the connection test and template sync with account, number, status and timing', async () => {
    const { page: log } = await page();
    const paths = log.calls.map((c) => `${c.method} ${c.path}`);
    expect(paths).toContain(`GET /${account.apiVersion}/${SIM.wabaId}`);
    expect(paths).toContain(`GET /${account.apiVersion}/${SIM.wabaId}/phone_numbers`);
    expect(paths).toContain(`GET /${account.apiVersion}/${SIM.wabaId}/message_templates`);
    for (const c of log.calls) {
      expect(c).toMatchObject({
        accountId: account.id,
        ok: true,
        httpStatus: 200,
        errorCode: null,
      });
      expect(c.durationMs).toBeGreaterThanOrEqual(0);
      expect(c.path).not.toContain('?');
    }
    expect(log.dropped).toBe(0);
  });

  it('logs the media upload and the media download the conversations module makes', async () => {
    const { api } = await bed.accounts().graphAccess(account.id);
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);
    const { id: mediaId } = await api.uploadMedia(SIM.phoneId, {
      data: png,
      mimeType: 'image/png',
      filename: 'a.png',
    });
    const fetched = await accountMediaFetcher(bed.accounts())({
      accountId: account.id,
      phoneNumberId: SIM.phoneId,
      mediaId,
      maxBytes: 1024,
    });
    expect(fetched.data.length).toBe(png.length);
    const { page: log } = await page('?limit=200');
    const upload = log.calls.find((c) => c.path.endsWith(`/${SIM.phoneId}/media`));
    expect(upload).toMatchObject({
      method: 'POST',
      accountId: account.id,
      phoneNumberId: SIM.phoneId,
    });
    const url = log.calls.find((c) => c.path.endsWith(`/${mediaId}`));
    expect(url).toMatchObject({ accountId: account.id, phoneNumberId: SIM.phoneId, ok: true });
    // The download itself: the media URL's path, never its signed query string.
    const download = log.calls.find(
      (c) => !c.path.startsWith(`/${account.apiVersion}/`) && c.ok && c.method === 'GET',
    );
    expect(download).toMatchObject({ accountId: account.id, httpStatus: 200 });
    expect(download?.path).not.toContain('?');
  });

  it('logs a refused call with Meta’s code, subcode, class and fbtrace id', async () => {
    const patched = await bed.call({
      method: 'PATCH',
      url: `/api/v1/whatsapp/accounts/${account.id}`,
      payload: { accessToken: EXPIRED },
    });
    expect(patched.statusCode).toBe(200);
    await bed.call({ method: 'POST', url: `/api/v1/whatsapp/accounts/${account.id}/test` });
    const { page: errors } = await page('?status=error');
    expect(errors.calls.length).toBeGreaterThan(0);
    const [first] = errors.calls;
    expect(first).toMatchObject({
      accountId: account.id,
      ok: false,
      httpStatus: 401,
      errorCode: 190,
      errorSubcode: 463,
      classification: 'auth',
    });
    expect(first?.fbtraceId).toMatch(/\w+/);
    const { page: byCode } = await page('?errorCode=190');
    expect(byCode.calls.map((c) => c.id)).toEqual(errors.calls.map((c) => c.id));
    const { page: oks } = await page('?status=ok');
    expect(oks.calls.every((c) => c.ok)).toBe(true);
  });

  it('filters by path and account, and pages with a cursor without gaps or repeats', async () => {
    const { page: templates } = await page('?q=message_templates');
    expect(templates.calls.length).toBeGreaterThan(0);
    expect(templates.calls.every((c) => c.path.includes('message_templates'))).toBe(true);
    const { page: other } = await page('?accountId=no-such-account');
    expect(other.calls).toEqual([]);

    const { page: all } = await page('?limit=200');
    const seen: GraphApiCall[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const { page: p } = await page(`?limit=2${cursor === '' ? '' : `&cursor=${cursor}`}`);
      seen.push(...p.calls);
      cursor = p.nextCursor;
    }
    expect(seen.map((c) => c.id)).toEqual(all.calls.map((c) => c.id));
    const newest = all.calls[0]?.at ?? 0;
    const { page: later } = await page(`?from=${newest + 1}`);
    expect(later.calls).toEqual([]);
    const { page: earlier } = await page(`?to=${newest + 1}`);
    expect(earlier.calls.length).toBe(all.calls.length);
  });

  it('never stores or returns an access token', async () => {
    await recorderOf(bed).flush();
    const rows = await bed.t.ctx.db.kysely.selectFrom('graphApiCalls').selectAll().execute();
    expect(rows.length).toBeGreaterThan(3);
    const stored = JSON.stringify(rows);
    const { body } = await page('?limit=200');
    for (const token of [SIM.token, EXPIRED]) {
      expect(stored).not.toContain(token);
      expect(body).not.toContain(token);
    }
  });

  it('needs logs.read', async () => {
    const res = await bed.t.app.inject({ method: 'GET', url: '/api/v1/api-log' });
    expect(res.statusCode).toBe(401);
  });
});
