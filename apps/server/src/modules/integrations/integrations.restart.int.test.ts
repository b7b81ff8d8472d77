import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { buildApp, type KianaApp } from '../../app';
import { loadConfig } from '../../config';
import { createTestDb, testDialect } from '../../../test/test-db';
import { allowedPrivateSetting } from './integrations.settings';
import { startReceiver } from './integrations.receiver.testkit';
import type { IntegrationsService } from './integrations.service';
import { systemActor } from '../audit/audit.service';

const serviceOf = (k: KianaApp) =>
  (k.modules.find((m) => m.name === 'integrations') as unknown as { service: IntegrationsService })
    .service;

describe(`outgoing webhooks across a restart on ${testDialect}`, () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiana-outhooks-'));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('delivers every event written before the restart, signed, at least once', async () => {
    const config = loadConfig({
      KIANA_DATA_DIR: dataDir,
      KIANA_MASTER_KEY: randomBytes(32).toString('base64'),
      NODE_ENV: 'test',
      KIANA_GRAPH_URL: 'http://127.0.0.1:9',
    });
    const db = await createTestDb();
    const logger = pino({ level: 'silent' });
    let secret = '';
    const receiver = await startReceiver({ secret: () => secret, now: () => Date.now() });
    const by = { actor: systemActor('test'), ip: null, userAgent: null };

    const first = await buildApp({ config, db, logger, serveWeb: false });
    await first.ctx.settings.set(db.kysely, allowedPrivateSetting, ['127.0.0.1/32']);
    const created = await serviceOf(first).create(
      { url: receiver.url, events: ['contact.opted_in'] },
      by,
    );
    secret = created.secret;
    const ids: string[] = [];
    for (let i = 0; i < 5; i++)
      ids.push(
        await db.kysely.transaction().execute((tx) =>
          serviceOf(first).emitOutgoing(tx, {
            type: 'contact.opted_in',
            data: { contactId: `c${i}`, source: 'api', at: i },
          }),
        ),
      );
    // The first process stops before its worker ever ran: the jobs are only on disk.
    await first.close();
    expect(receiver.got).toHaveLength(0);

    const second = await buildApp({ config, db, logger, serveWeb: false, migrate: false });
    for (let i = 0; i < 3; i++) await second.worker.drainOnce();
    await second.close();
    await receiver.close();
    await db.close();

    expect(new Set(receiver.got.map((r) => r.id))).toEqual(new Set(ids));
    expect(receiver.got.every((r) => r.verified)).toBe(true);
  });
});
