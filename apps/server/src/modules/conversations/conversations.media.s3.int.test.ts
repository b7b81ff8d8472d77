import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type KianaApp } from '../../app';
import { loadConfig } from '../../config';
import { createLogger } from '../../logger';
import { EventBus } from '../../events/bus';
import { BackgroundWork } from '../../platform/background';
import { readFile } from '../../platform/files/files';
import { buildTestApp, type TestApp } from '../../../test/test-app';
import { startTestS3, type TestS3 } from '../../../test/s3-server';
import { testDialect } from '../../../test/test-db';
import { insertPersonData, makePerson } from '../privacy/privacy.testkit';
import type { PrivacyModule } from '../privacy/privacy.module';
import { userWithRole } from '../auth/auth.testkit';
import { systemActor } from '../audit/audit.service';
import { createMediaStore } from './conversations.media';

/**
 * Two app instances on one database and one bucket, each with its own data directory (two
 * machines): media that instance A downloads is served by instance B and erased through B.
 */
describe(`media across instances sharing an S3-compatible bucket on ${testDialect}`, () => {
  let s3: TestS3;
  let a: TestApp;
  let b: KianaApp;
  let dirB: string;

  beforeAll(async () => {
    s3 = await startTestS3();
    a = await buildTestApp({ env: s3.env, logLevel: 'silent' });
    dirB = fs.mkdtempSync(path.join(os.tmpdir(), 'kiana-node-b-'));
    const config = loadConfig({
      ...s3.env,
      KIANA_DATA_DIR: dirB,
      KIANA_MASTER_KEY: a.config.masterKey ?? '',
      KIANA_PUBLIC_URL: 'http://localhost:3000',
      KIANA_GRAPH_URL: 'http://127.0.0.1:9',
      NODE_ENV: 'test',
    });
    b = await buildApp({
      config,
      db: a.ctx.db,
      migrate: false,
      serveWeb: false,
      logger: createLogger('silent'),
    });
  });
  afterAll(async () => {
    await b.close();
    await a.close();
    await s3.close();
    fs.rmSync(dirB, { recursive: true, force: true });
  });

  it('serves from node B a file node A downloaded, and erases it through node B', async () => {
    expect(a.ctx.files.kind).toBe('s3');
    const person = makePerson(41);
    const rows = await insertPersonData(a.ctx.db, a.dataDir, person, Date.now());
    const message = await a.ctx.db.kysely
      .updateTable('messages')
      .set({ mediaStatus: 'pending', mediaPath: null })
      .where('mediaPath', '=', path.basename(rows.mediaPath))
      .returning('id')
      .executeTakeFirstOrThrow();
    // The fixture's file on A's disk is not what B may serve: only the bucket counts.
    fs.rmSync(path.join(a.dataDir, rows.mediaPath));

    const logger = pino({ level: 'silent' });
    const mediaA = createMediaStore({
      db: a.ctx.db.kysely,
      files: a.ctx.files,
      fetcher: async () => ({ data: Buffer.from(person.mediaBytes), contentType: 'image/jpeg' }),
      bus: new EventBus(),
      logger,
      background: new BackgroundWork(logger),
      now: Date.now,
    });
    await mediaA.download(message.id);
    expect(fs.existsSync(path.join(a.dataDir, 'media', message.id))).toBe(false);

    const agent = await userWithRole(b, 'agent');
    const served = await b.app.inject({
      method: 'GET',
      url: `/api/v1/media/${message.id}`,
      headers: agent.headers,
    });
    expect(served.statusCode).toBe(200);
    expect(served.body).toBe(person.mediaBytes);
    expect(fs.existsSync(path.join(dirB, 'media'))).toBe(false);

    // A deletion request executed on B removes the object from the shared bucket.
    const privacy = b.modules.find((m) => m.name === 'privacy') as PrivacyModule;
    const who = { actor: systemActor('test'), ip: null, userAgent: null };
    const request = await privacy.deletion.openByAdmin(
      { phone: person.phone, source: 'email' },
      who,
    );
    await privacy.deletion.execute(request.id, who);
    expect(await readFile(a.ctx.files, `media/${message.id}`)).toBeUndefined();
    expect(await a.ctx.files.list('media/')).toEqual([]);
  });
});
