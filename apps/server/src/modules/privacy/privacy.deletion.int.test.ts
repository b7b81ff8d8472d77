import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type KianaApp } from '../../app';
import { loadConfig } from '../../config';
import { openDatabase, type Db } from '../../db/database';
import { createLogger } from '../../logger';
import { createTestDb, testDialect } from '../../../test/test-db';
import { userWithRole, type SignedIn } from '../auth/auth.testkit';
import { registeredTables } from './data-registry';
import { listSchemaTables } from './registry.repo';
import type { PrivacyModule } from './privacy.module';
import {
  FIXTURE_TABLES,
  insertPersonData,
  makePerson,
  scanDatabase,
  scanDirectory,
  type Person,
} from './privacy.testkit';

// On SQLite the database is a file inside the data directory, so the directory scan also
// proves that no deleted bytes linger in free pages or the WAL.
let dataDir: string;
let db: Db;
let kiana: KianaApp;
let admin: SignedIn;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiana-privacy-'));
  db =
    testDialect === 'sqlite'
      ? openDatabase({ dialect: 'sqlite', file: path.join(dataDir, 'kiana.db') })
      : await createTestDb({ migrate: false });
  const config = loadConfig({
    KIANA_DATA_DIR: dataDir,
    KIANA_MASTER_KEY: randomBytes(32).toString('base64'),
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    KIANA_PUBLIC_URL: 'http://localhost:3000',
  });
  kiana = await buildApp({ config, db, logger: createLogger('silent'), serveWeb: false });
  admin = await userWithRole(kiana, 'admin');
});
afterAll(async () => {
  await kiana.close();
  await db.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const privacyOf = (k: KianaApp): PrivacyModule =>
  k.modules.find((m) => m.name === 'privacy') as PrivacyModule;
const needlesOf = (p: Person): string[] => [
  p.phone,
  p.waId,
  p.userId,
  p.username,
  p.name,
  p.email,
  p.email.toUpperCase(),
  p.inboundText,
  p.outboundText,
  p.mediaBytes,
];

async function submitForm(p: Person, message: string): Promise<string> {
  const res = await kiana.app.inject({
    method: 'POST',
    url: '/legal/data-deletion',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': 'vitest' },
    payload: new URLSearchParams({ phone: p.phone, email: p.email, message }).toString(),
  });
  expect(res.statusCode).toBe(303);
  const code = /status\/([A-Z0-9-]+)/.exec(String(res.headers.location))?.[1];
  expect(code).toMatch(/^DR-/);
  return code ?? '';
}

describe('deletion completeness', () => {
  it('has a fixture for every registered table that links rows to a person', () => {
    const linked = registeredTables()
      .filter((t) => (t.subject?.length ?? 0) > 0)
      .map((t) => t.table);
    expect(
      linked.filter((t) => !FIXTURE_TABLES.includes(t)),
      'add the table to insertPersonData',
    ).toEqual([]);
  });

  it('erases the person from every table and the data directory, suppresses the number and audits counts only', async () => {
    const now = Date.now();
    const person = makePerson(1);
    const other = makePerson(2);
    const rows = await insertPersonData(db, dataDir, person, now);
    const otherRows = await insertPersonData(db, dataDir, other, now);
    const message = `please erase me ${person.name}`;
    const code = await submitForm(person, message);
    // An earlier correction request's texts name the person too: erasure clears them.
    const correction = await kiana.app.inject({
      method: 'POST',
      url: '/legal/data-deletion',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        kind: 'correction',
        phone: person.phone,
        wrong: `my name is not ${person.name}`,
        wanted: `${person.name} with a capital letter`,
      }).toString(),
    });
    expect(correction.statusCode).toBe(303);
    const request = (
      await db.kysely
        .selectFrom('deletionRequests')
        .select('id')
        .where('code', '=', code)
        .executeTakeFirstOrThrow()
    ).id;

    // Before: the scans do find the person everywhere (the scans are not blind).
    const tables = await listSchemaTables(db.kysely);
    expect((await scanDatabase(db, tables, needlesOf(person))).length).toBeGreaterThan(8);
    const onDisk = scanDirectory(dataDir, needlesOf(person));
    expect(onDisk.some((h) => h.startsWith('media'))).toBe(true);
    if (testDialect === 'sqlite') expect(onDisk.some((h) => h.startsWith('kiana.db'))).toBe(true);

    const preview = await kiana.app.inject({
      method: 'POST',
      url: `/api/v1/privacy/requests/${request}/preview`,
      headers: admin.headers,
    });
    expect(preview.statusCode).toBe(200);
    const counts = Object.fromEntries(
      preview
        .json<{ tables: { table: string; rows: number }[] }>()
        .tables.map((t) => [t.table, t.rows]),
    );
    expect(counts).toMatchObject({
      contacts: 1,
      conversations: 1,
      messages: 3,
      pending_statuses: 1,
      // The second body names only the BSUID: found through the contact's user_id.
      webhook_events: 2,
      audit_log: 2,
      deletion_requests: 2,
      privacy_exports: 1,
    });
    // The media file and the stored data export.
    expect(preview.json<{ files: number; contacts: { id: string }[] }>()).toMatchObject({
      files: 2,
      contacts: [{ id: rows.contactId }],
    });

    const executed = await kiana.app.inject({
      method: 'POST',
      url: `/api/v1/privacy/requests/${request}/execute`,
      headers: admin.headers,
    });
    expect(executed.statusCode).toBe(200);
    expect(executed.json()).toMatchObject({
      status: 'done',
      phone: null,
      email: null,
      message: null,
      counts: { contacts: 1, messages: 3 },
    });

    // After: no trace in any table or any file of the data directory.
    expect(await scanDatabase(db, tables, [...needlesOf(person), message])).toEqual([]);
    expect(fs.existsSync(path.join(dataDir, rows.mediaPath))).toBe(false);
    expect(fs.existsSync(path.join(dataDir, rows.exportPath))).toBe(false);
    expect(scanDirectory(dataDir, [...needlesOf(person), message])).toEqual([]);
    // The other person is untouched.
    expect(
      await scanDatabase(
        db,
        ['contacts', 'messages', 'webhook_events'],
        [other.phone, other.inboundText],
      ).then((h) => h.length),
    ).toBeGreaterThanOrEqual(3);
    expect(fs.existsSync(path.join(dataDir, otherRows.mediaPath))).toBe(true);
    expect(fs.existsSync(path.join(dataDir, otherRows.exportPath))).toBe(true);
  });

  it('keeps the number on the suppression list as a keyed hash only', async () => {
    const person = makePerson(3);
    await insertPersonData(kianaDb(), dataDir, person, Date.now());
    const code = await submitForm(person, 'delete');
    const row = await kianaDb()
      .kysely.selectFrom('deletionRequests')
      .select('id')
      .where('code', '=', code)
      .executeTakeFirstOrThrow();
    const privacy = privacyOf(kiana);
    expect(await privacy.suppression.isSuppressed(person.phone)).toBe(false);
    const res = await kiana.app.inject({
      method: 'POST',
      url: `/api/v1/privacy/requests/${row.id}/execute`,
      headers: admin.headers,
    });
    expect(res.statusCode).toBe(200);
    expect(await privacy.suppression.isSuppressed(person.phone)).toBe(true);
    expect(await privacy.suppression.isSuppressed(makePerson(4).phone)).toBe(false);
    const hashes = (
      await kianaDb().kysely.selectFrom('suppressionList').select('hash').execute()
    ).map((r) => r.hash);
    expect(hashes).toContain(await privacy.suppression.hashOf(person.phone));
    expect(hashes.join(' ')).not.toContain(person.waId);

    // The audit trail names the request and counts, and holds none of the deleted data.
    const audit = await kianaDb()
      .kysely.selectFrom('auditLog')
      .selectAll()
      .where('targetId', '=', row.id)
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual([
      'privacy.deletion.execute',
      'privacy.deletion.open',
    ]);
    const execution = audit.find((a) => a.action === 'privacy.deletion.execute');
    expect(JSON.parse(execution?.details ?? '{}')).toMatchObject({
      rows: expect.any(Number) as number,
      files: 2,
    });
    const all = JSON.stringify(audit);
    for (const n of needlesOf(person)) expect(all).not.toContain(n);

    // The requester's status page says it is done.
    const page = await kiana.app.inject({
      method: 'GET',
      url: `/legal/data-deletion/status/${code}`,
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Done: your data has been deleted');
    expect(page.body).not.toContain(person.phone);
  });

  it('refuses to execute a closed request and lets an admin reject with a reason', async () => {
    const person = makePerson(5);
    const opened = await kiana.app.inject({
      method: 'POST',
      url: '/api/v1/privacy/requests',
      headers: admin.headers,
      payload: { phone: person.phone, source: 'email' },
    });
    expect(opened.statusCode).toBe(200);
    const id = opened.json<{ id: string; code: string }>().id;
    const rejected = await kiana.app.inject({
      method: 'POST',
      url: `/api/v1/privacy/requests/${id}/reject`,
      headers: admin.headers,
      payload: { reason: 'Not our customer' },
    });
    expect(rejected.json()).toMatchObject({
      status: 'rejected',
      rejectedReason: 'Not our customer',
    });
    const again = await kiana.app.inject({
      method: 'POST',
      url: `/api/v1/privacy/requests/${id}/execute`,
      headers: admin.headers,
    });
    expect(again.statusCode).toBe(409);
  });

  it('lets only people with privacy.execute run a deletion', async () => {
    const viewer = await userWithRole(kiana, 'viewer');
    const list = await kiana.app.inject({
      method: 'GET',
      url: '/api/v1/privacy/requests',
      headers: viewer.headers,
    });
    expect(list.statusCode).toBe(403);
    const anonymous = await kiana.app.inject({ method: 'GET', url: '/api/v1/privacy/requests' });
    expect(anonymous.statusCode).toBe(401);
  });
});

function kianaDb(): Db {
  return kiana.ctx.db;
}
