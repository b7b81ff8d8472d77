import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/test-app';
import { startSecondNode, type SecondNode } from '../../../test/second-node';
import { startTestS3, type TestS3 } from '../../../test/s3-server';
import { testDialect } from '../../../test/test-db';
import { userWithRole } from '../auth/auth.testkit';
import { systemActor } from '../audit/audit.service';
import { readFile } from '../../platform/files/files';
import { insertPersonData, makePerson } from './privacy.testkit';
import type { PrivacyModule } from './privacy.module';

const DAY = 86_400_000;
const who = { actor: systemActor('test'), ip: null, userAgent: null };
const privacyOf = (node: SecondNode): PrivacyModule =>
  node.modules.find((m) => m.name === 'privacy') as PrivacyModule;

/**
 * Two app instances on one database and one S3-compatible bucket, each with its own data
 * directory (two machines): a data export built by node A is downloaded from node B, and
 * node B's erasure and retention purge remove A's archives from the bucket.
 */
describe(`data exports across instances sharing a bucket on ${testDialect}`, () => {
  let s3: TestS3;
  let a: TestApp;
  let b: SecondNode;

  beforeAll(async () => {
    s3 = await startTestS3();
    a = await buildTestApp({ env: s3.env, logLevel: 'silent' });
    b = await startSecondNode(a, s3.env);
  });
  afterAll(async () => {
    await b.close();
    await a.close();
    await s3.close();
  });

  /** Has node A build a contact's export; returns the archive's bytes and id. */
  async function exportOnA(contactId: string): Promise<{ id: string; zip: Buffer }> {
    const admin = await userWithRole(a, 'admin');
    const res = await a.app.inject({
      method: 'GET',
      url: `/api/v1/privacy/contacts/${contactId}/export.zip`,
      headers: admin.headers,
    });
    expect(res.statusCode).toBe(200);
    return { id: String(res.headers['x-export-id']), zip: res.rawPayload };
  }

  it('serves from node B an export node A built, and erases it through node B', async () => {
    const person = makePerson(51);
    const rows = await insertPersonData(a.ctx.db, a.dataDir, person, Date.now());
    const made = await exportOnA(rows.contactId);
    // In the bucket, not on A's disk.
    expect(fs.existsSync(path.join(a.dataDir, 'exports', `${made.id}.zip`))).toBe(false);
    expect(await a.ctx.files.list(`exports/${made.id}`)).toEqual([`exports/${made.id}.zip`]);

    const admin = await userWithRole(b, 'admin');
    const served = await b.app.inject({
      method: 'GET',
      url: `/api/v1/privacy/exports/${made.id}/export.zip`,
      headers: admin.headers,
    });
    expect(served.statusCode).toBe(200);
    expect(served.rawPayload.equals(made.zip)).toBe(true);
    expect(fs.existsSync(path.join(b.dataDir, 'exports'))).toBe(false);

    const request = await privacyOf(b).deletion.openByAdmin(
      { phone: person.phone, source: 'email' },
      who,
    );
    await privacyOf(b).deletion.execute(request.id, who);
    expect(await readFile(a.ctx.files, `exports/${made.id}.zip`)).toBeUndefined();
    const gone = await b.app.inject({
      method: 'GET',
      url: `/api/v1/privacy/exports/${made.id}/export.zip`,
      headers: admin.headers,
    });
    expect(gone.statusCode).toBe(404);
  });

  it("removes A's expired export from the bucket in node B's retention purge", async () => {
    const rows = await insertPersonData(a.ctx.db, a.dataDir, makePerson(52), Date.now());
    const old = await exportOnA(rows.contactId);
    const fresh = await exportOnA(rows.contactId);
    await a.ctx.db.kysely
      .updateTable('privacyExports')
      .set({ createdAt: Date.now() - 8 * DAY })
      .where('id', '=', old.id)
      .execute();
    const run = await privacyOf(b).retention.run({
      dryRun: false,
      trigger: 'manual',
      actor: systemActor('test'),
    });
    expect(run.status).toBe('done');
    expect(run.counts).toMatchObject({ privacy_exports: 1 });
    expect(await a.ctx.files.stat(`exports/${old.id}.zip`)).toBeUndefined();
    expect(await a.ctx.files.stat(`exports/${fresh.id}.zip`)).toMatchObject({
      size: fresh.zip.length,
    });
  });
});
