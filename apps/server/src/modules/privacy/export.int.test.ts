import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import { buildTestApp, type TestApp } from '../../../test/test-app';
import { userWithRole, type SignedIn } from '../auth/auth.testkit';
import { readFile } from '../../platform/files/files';
import { insertPersonData, makePerson } from './privacy.testkit';

const DAY = 86_400_000;

let kiana: TestApp;
let admin: SignedIn;

beforeAll(async () => {
  kiana = await buildTestApp();
  admin = await userWithRole(kiana, 'admin');
});
afterAll(async () => {
  await kiana.close();
});

describe('data export (access request)', () => {
  it("gives a contact's profile, messages and media as JSON and CSV in one ZIP, and audits it", async () => {
    const person = makePerson(21);
    const rows = await insertPersonData(kiana.ctx.db, kiana.dataDir, person, Date.now());
    await insertPersonData(kiana.ctx.db, kiana.dataDir, makePerson(22), Date.now());
    const res = await kiana.app.inject({
      method: 'GET',
      url: `/api/v1/privacy/contacts/${rows.contactId}/export.zip`,
      headers: admin.headers,
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    const files = unzipSync(new Uint8Array(res.rawPayload));
    expect(Object.keys(files).sort()).toEqual(
      expect.arrayContaining([
        'README.txt',
        'profile.json',
        'profile.csv',
        'messages.json',
        'messages.csv',
        'conversations.json',
        'consent_history.json',
        `media/${rows.mediaPath.split('/')[1] ?? ''}`,
      ]),
    );
    const profile = JSON.parse(strFromU8(files['profile.json'] ?? new Uint8Array())) as {
      phoneE164: string;
      profileName: string;
    }[];
    expect(profile).toEqual([
      expect.objectContaining({ phoneE164: person.phone, profileName: person.name }),
    ]);
    const messagesCsv = strFromU8(files['messages.csv'] ?? new Uint8Array());
    expect(messagesCsv).toContain(person.inboundText);
    expect(messagesCsv).toContain(person.outboundText);
    expect(messagesCsv).not.toContain('payload');
    expect(
      strFromU8(files[`media/${rows.mediaPath.split('/')[1] ?? ''}`] ?? new Uint8Array()),
    ).toBe(person.mediaBytes);
    // Only this person's data.
    expect(JSON.stringify(Object.values(files).map((f) => strFromU8(f)))).not.toContain(
      makePerson(22).phone,
    );

    const audit = await kiana.ctx.db.kysely
      .selectFrom('auditLog')
      .selectAll()
      .where('action', '=', 'privacy.export')
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]?.details ?? '{}')).toMatchObject({
      profile: 1,
      messages: 3,
      media: 1,
    });
    expect(audit[0]?.details).not.toContain(person.phone);

    // The archive is a stored file, served again by its id (from any process).
    const exportId = String(res.headers['x-export-id']);
    expect(JSON.parse(audit[0]?.details ?? '{}')).toMatchObject({ exportId });
    const stored = await readFile(kiana.ctx.files, `exports/${exportId}.zip`);
    expect(stored?.equals(res.rawPayload)).toBe(true);
    const again = await kiana.app.inject({
      method: 'GET',
      url: `/api/v1/privacy/exports/${exportId}/export.zip`,
      headers: admin.headers,
    });
    expect(again.statusCode).toBe(200);
    expect(again.headers['content-disposition']).toBe(
      `attachment; filename="contact-${rows.contactId}-export.zip"`,
    );
    expect(again.rawPayload.equals(res.rawPayload)).toBe(true);
    const downloads = await kiana.ctx.db.kysely
      .selectFrom('auditLog')
      .select(['targetId', 'actorId'])
      .where('action', '=', 'privacy.export.download')
      .execute();
    expect(downloads).toEqual([{ targetId: exportId, actorId: admin.userId }]);
  });

  it('no longer serves an export past its retention period (7 days by default)', async () => {
    const rows = await insertPersonData(kiana.ctx.db, kiana.dataDir, makePerson(23), Date.now());
    const made = await kiana.app.inject({
      method: 'GET',
      url: `/api/v1/privacy/contacts/${rows.contactId}/export.zip`,
      headers: admin.headers,
    });
    const exportId = String(made.headers['x-export-id']);
    const url = `/api/v1/privacy/exports/${exportId}/export.zip`;
    const get = () => kiana.app.inject({ method: 'GET', url, headers: admin.headers });
    await kiana.ctx.db.kysely
      .updateTable('privacyExports')
      .set({ createdAt: Date.now() - 6 * DAY })
      .where('id', '=', exportId)
      .execute();
    expect((await get()).statusCode).toBe(200);
    await kiana.ctx.db.kysely
      .updateTable('privacyExports')
      .set({ createdAt: Date.now() - 7 * DAY - 1000 })
      .where('id', '=', exportId)
      .execute();
    expect((await get()).statusCode).toBe(404);
    const unknown = await kiana.app.inject({
      method: 'GET',
      url: '/api/v1/privacy/exports/nope/export.zip',
      headers: admin.headers,
    });
    expect(unknown.statusCode).toBe(404);
  });

  it('answers 404 for an unknown contact', async () => {
    const res = await kiana.app.inject({
      method: 'GET',
      url: '/api/v1/privacy/contacts/nope/export.zip',
      headers: admin.headers,
    });
    expect(res.statusCode).toBe(404);
  });
});
