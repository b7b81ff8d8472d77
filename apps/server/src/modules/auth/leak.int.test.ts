import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { buildTestApp, type TestApp } from '../../../test/test-app';
import { authOf, userWithRole, type SignedIn } from './auth.testkit';

/**
 * Secrets stay secret: a planted access token and app secret, set through the API, appear
 * in no API response of a full crawl, in no log line, and nowhere in the database in
 * plaintext.
 */
describe('secret leak test', () => {
  let t: TestApp;
  let owner: SignedIn;
  const token = `EAAGleakTOKEN${Math.random().toString(36).slice(2)}ZZplantedZZ`;
  const appSecret = `appsecretLEAK${Math.random().toString(36).slice(2)}`;
  // A long-enough piece of each that even a partial echo would be caught.
  const needles = [token, appSecret, token.slice(0, 14), appSecret.slice(0, 14)];
  const bodies: string[] = [];

  /** One GET; a response that does not end in time (an event stream) is read as far as it got. */
  const crawl = async (url: string): Promise<string> => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 1500);
    try {
      const res = await t.app.inject({
        method: 'GET',
        url,
        headers: owner.headers,
        signal: controller.signal,
      });
      return `${JSON.stringify(res.headers)}\n${res.body}`;
    } catch {
      return '';
    } finally {
      clearTimeout(timer);
    }
  };

  beforeAll(async () => {
    t = await buildTestApp({ logLevel: 'trace' });
    owner = await userWithRole(t, 'owner');
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/whatsapp/accounts',
      headers: owner.headers,
      payload: { name: 'Leak test', wabaId: '1234567890', accessToken: token, appSecret },
    });
    bodies.push(created.body);
    expect(created.statusCode).toBe(201);
    const id = created.json<{ id: string }>().id;
    const updated = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/whatsapp/accounts/${id}`,
      headers: owner.headers,
      payload: { accessToken: token, appSecret },
    });
    bodies.push(updated.body);

    // Crawl: every GET route of the app, with :params filled with the account's id.
    const gets = authOf(t).routeTable.filter((r) => r.method === 'GET');
    for (const route of gets) {
      const url = route.url.replace(/:[A-Za-z0-9_]+/g, id).replace(/\*/g, '');
      bodies.push(await crawl(url));
    }
  }, 60_000);
  afterAll(async () => {
    await t.close();
  });

  it('crawled the API, including the account that holds the secrets', () => {
    expect(bodies.length).toBeGreaterThan(10);
    expect(bodies.some((b) => b.includes('Leak test'))).toBe(true);
  });

  it('finds the secrets in no API response', () => {
    for (const body of bodies) for (const needle of needles) expect(body).not.toContain(needle);
  });

  it('finds the secrets in no log line', () => {
    expect(t.logLines.length).toBeGreaterThan(0);
    for (const line of t.logLines) for (const needle of needles) expect(line).not.toContain(needle);
  });

  it('stores no plaintext secret in any table', async () => {
    const tables = await t.ctx.db.kysely.introspection.getTables();
    let cells = 0;
    for (const table of tables) {
      if (table.isView) continue;
      const rows = await sql<
        Record<string, unknown>
      >`select * from ${sql.table(table.name)}`.execute(t.ctx.db.kysely.withoutPlugins());
      for (const row of rows.rows) {
        const text = JSON.stringify(row, (_k, v: unknown) =>
          Buffer.isBuffer(v) ? v.toString('latin1') : v,
        );
        cells++;
        for (const needle of needles) expect(text, `table ${table.name}`).not.toContain(needle);
      }
    }
    expect(cells).toBeGreaterThan(0);
  });
});
