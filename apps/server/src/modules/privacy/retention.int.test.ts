import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/test-app';
import { manualClock } from '../../platform/clock';
import { userWithRole, type SignedIn } from '../auth/auth.testkit';
import { createRetentionService } from './retention.service';
import { createPrivacySettings } from './privacy.settings';
import { createAuditService, systemActor } from '../audit/audit.service';
import { insertPersonData, makePerson, type PersonRows } from './privacy.testkit';

const DAY = 86_400_000;
const clock = manualClock(Date.UTC(2026, 10, 26, 12));
let kiana: TestApp;
let admin: SignedIn;
const rows: Record<'old' | 'mid' | 'young' | 'optedOut', PersonRows> = {} as never;

async function exists(
  table:
    | 'contacts'
    | 'conversations'
    | 'messages'
    | 'webhookEvents'
    | 'pendingStatuses'
    | 'privacyExports',
  column: string,
  value: string,
): Promise<number> {
  const result = await kiana.ctx.db.kysely
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(column as never, '=', value as never)
    .executeTakeFirst();
  return Number(result?.n ?? 0);
}

beforeAll(async () => {
  kiana = await buildTestApp({ clock });
  admin = await userWithRole(kiana, 'admin');
  const now = clock.now();
  rows.old = await insertPersonData(kiana.ctx.db, kiana.dataDir, makePerson(11), now - 800 * DAY);
  rows.mid = await insertPersonData(kiana.ctx.db, kiana.dataDir, makePerson(12), now - 100 * DAY);
  rows.young = await insertPersonData(kiana.ctx.db, kiana.dataDir, makePerson(13), now - DAY);
  rows.optedOut = await insertPersonData(
    kiana.ctx.db,
    kiana.dataDir,
    makePerson(14),
    now - 800 * DAY,
  );
  await kiana.ctx.db.kysely
    .updateTable('contacts')
    .set({ isOptedOut: 1 })
    .where('id', '=', rows.optedOut.contactId)
    .execute();
  const done = (id: string, at: number) => ({
    id,
    code: `DR-${id}`,
    source: 'form',
    status: 'done',
    phoneE164: null,
    email: null,
    message: null,
    metaUserId: null,
    subjectHint: null,
    receivedAt: at,
    dueAt: at,
    startedAt: at,
    completedAt: at,
    rejectedReason: null,
    counts: '{}',
    handledBy: null,
    updatedAt: at,
  });
  await kiana.ctx.db.kysely
    .insertInto('deletionRequests')
    .values([done('OLDREQ0001', now - 800 * DAY), done('NEWREQ0001', now - 10 * DAY)])
    .execute();
});
afterAll(async () => {
  await kiana.close();
});

describe('retention purge', () => {
  it('shows the default periods as real numbers', async () => {
    const res = await kiana.app.inject({
      method: 'GET',
      url: '/api/v1/privacy/retention',
      headers: admin.headers,
    });
    expect(res.json()).toMatchObject({
      periods: { messages_media: 365, webhook_events: 30, audit_log: 365, inactive_contacts: 730 },
    });
  });

  it('deletes expired rows of each class in batches, keeps younger ones, and the dry run announced exactly that', async () => {
    const preview = (
      await kiana.app.inject({
        method: 'GET',
        url: '/api/v1/privacy/purge/preview',
        headers: admin.headers,
      })
    ).json<{
      classes: { retentionClass: string; tables: { table: string; rows: number }[] }[];
      rows: number;
      files: number;
    }>();
    const announced: Record<string, number> = {};
    for (const c of preview.classes)
      for (const t of c.tables)
        if (t.rows > 0) announced[t.table] = (announced[t.table] ?? 0) + t.rows;
    expect(announced).toMatchObject({
      messages: 6,
      conversations: 2,
      // The team's label on each expired conversation goes with it.
      conversation_labels: 2,
      // Two raw bodies per person: one naming the number, one only the BSUID (username user).
      webhook_events: 6,
      pending_statuses: 3,
      contacts: 1,
      audit_log: 4,
      deletion_requests: 1,
      // Data exports are kept 7 days: every person's but the day-old one's.
      privacy_exports: 3,
    });
    // Two media files and three export archives.
    expect(preview.files).toBe(5);

    const dry = await kiana.app.inject({
      method: 'POST',
      url: '/api/v1/privacy/purge/runs',
      headers: admin.headers,
      payload: { dryRun: true },
    });
    expect(dry.json()).toMatchObject({ dryRun: true, status: 'done' });
    expect(dry.json<{ counts: unknown }>().counts).toEqual(announced);
    expect(await exists('contacts', 'id', rows.old.contactId)).toBe(1);

    // A tiny batch size proves the loop: many transactions, same result.
    const audit = createAuditService({ db: kiana.ctx.db.kysely, clock });
    const settings = createPrivacySettings({
      db: kiana.ctx.db.kysely,
      settings: kiana.ctx.settings,
      audit,
      demo: false,
    });
    const service = createRetentionService({
      db: kiana.ctx.db.kysely,
      clock,
      audit,
      settings,
      files: kiana.ctx.files,
      logger: kiana.ctx.logger,
      batchSize: 2,
    });
    const run = await service.run({ dryRun: false, trigger: 'manual', actor: systemActor('test') });
    expect(run.error).toBeNull();
    expect(run).toMatchObject({ status: 'done', dryRun: false, rows: preview.rows, files: 5 });
    expect(run.counts).toEqual(announced);

    // Old person: everything gone, media file too.
    expect(await exists('contacts', 'id', rows.old.contactId)).toBe(0);
    expect(await exists('messages', 'contactId', rows.old.contactId)).toBe(0);
    expect(fs.existsSync(path.join(kiana.dataDir, rows.old.mediaPath))).toBe(false);
    // 100 days old: raw webhook data (30 days) gone, messages (365 days) kept.
    expect(await exists('messages', 'contactId', rows.mid.contactId)).toBe(3);
    expect(await exists('contacts', 'id', rows.mid.contactId)).toBe(1);
    expect(fs.existsSync(path.join(kiana.dataDir, rows.mid.mediaPath))).toBe(true);
    // Its 100-day-old data export is past the 7 days, gone with its archive.
    expect(await exists('privacyExports', 'contactId', rows.mid.contactId)).toBe(0);
    expect(fs.existsSync(path.join(kiana.dataDir, rows.mid.exportPath))).toBe(false);
    // A day old: all kept.
    expect(await exists('messages', 'contactId', rows.young.contactId)).toBe(3);
    expect(await exists('conversations', 'id', rows.young.conversationId)).toBe(1);
    expect(await exists('privacyExports', 'contactId', rows.young.contactId)).toBe(1);
    expect(fs.existsSync(path.join(kiana.dataDir, rows.young.exportPath))).toBe(true);
    // Opted out long ago: the contact stays as the opt-out record; its old messages go.
    expect(await exists('contacts', 'id', rows.optedOut.contactId)).toBe(1);
    expect(await exists('messages', 'contactId', rows.optedOut.contactId)).toBe(0);
    const requests = (
      await kiana.ctx.db.kysely.selectFrom('deletionRequests').select('id').execute()
    ).map((r) => r.id);
    expect(requests).toContain('NEWREQ0001');
    expect(requests).not.toContain('OLDREQ0001');

    // Nothing is left to purge, and the history lists both runs; each run is audited.
    expect((await service.preview()).rows).toBe(0);
    const history = (
      await kiana.app.inject({
        method: 'GET',
        url: '/api/v1/privacy/purge/runs',
        headers: admin.headers,
      })
    ).json<{ runs: { dryRun: boolean }[] }>();
    expect(history.runs.map((r) => r.dryRun)).toEqual([false, true]);
    const audited = await kiana.ctx.db.kysely
      .selectFrom('auditLog')
      .select('action')
      .where('action', 'like', 'privacy.purge%')
      .execute();
    expect(audited.map((a) => a.action).sort()).toEqual(['privacy.purge', 'privacy.purge.dry_run']);
  });

  it('follows changed periods and time passing (injected clock)', async () => {
    clock.advance(300 * DAY);
    admin = await userWithRole(kiana, 'admin'); // the earlier session has expired by now
    const preview = await kiana.app.inject({
      method: 'GET',
      url: '/api/v1/privacy/purge/preview',
      headers: admin.headers,
    });
    const messages = preview
      .json<{ classes: { retentionClass: string; rows: number }[] }>()
      .classes.find((c) => c.retentionClass === 'messages_media');
    // The 100-day-old person's messages are now 400 days old: three messages, their
    // conversation and the team's label on it.
    expect(messages?.rows).toBe(5);
    const put = await kiana.app.inject({
      method: 'PUT',
      url: '/api/v1/privacy/retention',
      headers: admin.headers,
      payload: {
        periods: {
          messages_media: 500,
          webhook_events: 30,
          graph_api_logs: 30,
          audit_log: 365,
          deletion_requests: 730,
          campaign_recipients: 180,
          inactive_contacts: 730,
        },
      },
    });
    expect(put.statusCode).toBe(200);
    const after = (
      await kiana.app.inject({
        method: 'GET',
        url: '/api/v1/privacy/purge/preview',
        headers: admin.headers,
      })
    ).json<{ classes: { retentionClass: string; rows: number; days: number }[] }>();
    expect(after.classes.find((c) => c.retentionClass === 'messages_media')).toMatchObject({
      rows: 0,
      days: 500,
    });
  });
});
