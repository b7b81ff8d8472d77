import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/test-app';
import { testDialect } from '../../../test/test-db';
import { TEST_ORIGIN, userWithRole, type SignedIn } from '../auth/auth.testkit';

describe(`security log CSV export on ${testDialect}`, () => {
  let t: TestApp;
  let admin: SignedIn;
  beforeAll(async () => {
    t = await buildTestApp({ logLevel: 'silent' });
    admin = await userWithRole(t, 'admin');
  });
  afterAll(async () => {
    await t.close();
  });

  it('exports the filtered log as CSV, with formulas in user-controlled fields defused', async () => {
    const failed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { origin: TEST_ORIGIN, 'user-agent': '=HYPERLINK("http://evil")' },
      payload: { username: 'nobody', password: 'wrong password entirely' },
    });
    expect(failed.statusCode).toBe(401);

    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/audit/export.csv?action=auth.login',
      headers: admin.headers,
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    const rows = parse(res.body, { columns: true }) as Record<string, string>[];
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(rows.every((r) => r.action?.startsWith('auth.login'))).toBe(true);
    const evil = rows.find((r) => r.userAgent?.includes('HYPERLINK'));
    expect(evil?.userAgent).toBe('\'=HYPERLINK("http://evil")');
    expect(evil?.outcome).not.toBe('');
  });

  it('is refused to an agent', async () => {
    const agent = await userWithRole(t, 'agent');
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/audit/export.csv',
      headers: agent.headers,
    });
    expect(res.statusCode).toBe(403);
  });
});
