import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/test-app';
import { userWithRole, type SignedIn } from '../../modules/auth/auth.testkit';
import { IDEMPOTENCY_TTL_MS } from './idempotency.http';
import { purgeExpiredKeys } from './idempotency.repo';

describe('Idempotency-Key', () => {
  let t: TestApp;
  let admin: SignedIn;
  let now = Date.UTC(2026, 0, 15, 9, 0, 0);
  beforeAll(async () => {
    t = await buildTestApp({ logLevel: 'warn', clock: { now: () => now } });
    admin = await userWithRole(t, 'admin');
  });
  afterAll(async () => {
    await t.close();
  });

  const create = (key: string, phone: string, name = 'Ada') =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/contacts',
      headers: { ...admin.headers, 'idempotency-key': key },
      payload: { phone, name },
    });
  const countByPhone = async (phone: string): Promise<number> =>
    (
      await t.ctx.db.kysely
        .selectFrom('contacts')
        .select('id')
        .where('phoneE164', '=', phone)
        .execute()
    ).length;

  it('runs a POST sent ten times at once with one key once; the others get its answer or 409 in progress', async () => {
    const phone = '+14155550101';
    const answers = await Promise.all(Array.from({ length: 10 }, () => create('order-1', phone)));
    expect(await countByPhone(phone)).toBe(1);
    const created = answers.filter((a) => a.statusCode === 201);
    expect(created.length).toBeGreaterThanOrEqual(1);
    expect(new Set(created.map((a) => a.json<{ id: string }>().id)).size).toBe(1);
    for (const a of answers.filter((x) => x.statusCode !== 201)) {
      expect(a.statusCode).toBe(409);
      expect(a.json<{ code: string; requestId: string }>()).toMatchObject({
        code: 'idempotency_in_progress',
        requestId: expect.any(String),
      });
    }
    // Once finished, a retry gets the stored answer without running again.
    const retry = await create('order-1', phone);
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json<{ id: string }>().id).toBe(created[0]?.json<{ id: string }>().id);
    expect(await countByPhone(phone)).toBe(1);
  });

  it('answers 409 with the shared error body when the key comes back with another body', async () => {
    expect((await create('order-2', '+14155550102')).statusCode).toBe(201);
    const other = await create('order-2', '+14155550103');
    expect(other.statusCode).toBe(409);
    expect(other.json()).toMatchObject({
      code: 'idempotency_key_reused',
      message: expect.any(String),
    });
    expect(await countByPhone('+14155550103')).toBe(0);
  });

  it('keeps keys per caller: another user may use the same key', async () => {
    const other = await userWithRole(t, 'admin');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/contacts',
      headers: { ...other.headers, 'idempotency-key': 'order-2' },
      payload: { phone: '+14155550104', name: 'Bo' },
    });
    expect(res.statusCode).toBe(201);
  });

  it('fingerprints a streamed upload by its bytes: the same file replays, another answers 409', async () => {
    const upload = (key: string | undefined, csv: string, contentType = 'text/csv') =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/contacts/imports/uploads',
        headers: {
          ...admin.headers,
          ...(key === undefined ? {} : { 'idempotency-key': key }),
          'content-type': contentType,
          'x-file-name': 'list.csv',
        },
        payload: csv,
      });
    const uploads = async () =>
      (await t.ctx.db.kysely.selectFrom('contactUploads').select('id').execute()).length;
    const before = await uploads();
    const first = await upload('upload-1', 'number,name\n+14155550111,Ann\n');
    expect(first.statusCode, first.body).toBe(201);
    const retry = await upload('upload-1', 'number,name\n+14155550111,Ann\n');
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json<{ id: string }>().id).toBe(first.json<{ id: string }>().id);
    expect(await uploads()).toBe(before + 1);
    const other = await upload('upload-1', 'number,name\n+14155550112,Bea\n');
    expect(other.statusCode).toBe(409);
    expect(other.json()).toMatchObject({ code: 'idempotency_key_reused' });
    expect(await uploads()).toBe(before + 1);
  });

  it('forgets a key after 24 h, and the purge deletes it', async () => {
    // An API key outlives the 24 h (a session would expire with the clock).
    const key = await t.app.inject({
      method: 'POST',
      url: '/api/v1/api-keys',
      headers: admin.headers,
      payload: { name: 'shop', scopes: ['read', 'send', 'manage'] },
    });
    const bearer = { authorization: `Bearer ${key.json<{ secret: string }>().secret}` };
    const send = (phone: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/contacts',
        headers: { ...bearer, 'idempotency-key': 'order-3' },
        payload: { phone },
      });
    expect((await send('+14155550105')).statusCode).toBe(201);
    expect((await send('+14155550106')).statusCode).toBe(409);
    now += IDEMPOTENCY_TTL_MS + 1;
    const again = await send('+14155550106');
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBeUndefined();
    now += IDEMPOTENCY_TTL_MS + 1;
    expect(await purgeExpiredKeys(t.ctx.db.kysely, now)).toBeGreaterThan(0);
    const left = await t.ctx.db.kysely.selectFrom('idempotencyKeys').select('key').execute();
    expect(left).toEqual([]);
  });
});
