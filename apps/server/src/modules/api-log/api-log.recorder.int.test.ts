import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Db } from '../../db/database';
import { createTestDb, testDialect } from '../../../test/test-db';
import { createLogger } from '../../logger';
import { BackgroundWork } from '../../platform/background';
import { manualClock } from '../../platform/clock';
import type { GraphCallEvent } from '../../whatsapp/graph.transport';
import { createApiLogRecorder } from './api-log.recorder';

const WABA = '102290129340398';
const PHONE = '106540352242922';

const call = (path: string, extra: Partial<GraphCallEvent> = {}): GraphCallEvent => ({
  method: 'GET',
  path,
  durationMs: 12.4,
  httpStatus: 200,
  classification: undefined,
  ...extra,
});

describe(`Graph API call log writer on ${testDialect}`, () => {
  let db: Db;
  let lines: string[];
  let background: BackgroundWork;
  const clock = manualClock(Date.UTC(2026, 10, 26, 12));
  const rows = () => db.kysely.selectFrom('graphApiCalls').selectAll().orderBy('path').execute();
  const make = (options: Parameters<typeof createApiLogRecorder>[1]) =>
    createApiLogRecorder(
      { db: db.kysely, clock, background, logger: createLogger('warn', sink()) },
      options,
    );
  const sink = () =>
    new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });

  beforeEach(async () => {
    db = await createTestDb();
    lines = [];
    background = new BackgroundWork(createLogger('warn', sink()));
  });
  afterEach(async () => {
    await db.close();
  });

  it('writes a full batch at once, without waiting for the timer', async () => {
    const recorder = make({ batchSize: 3, flushMs: 60_000 });
    for (let i = 0; i < 3; i++) recorder.observe(call(`/v23.0/${WABA}/n${i}`));
    await vi.waitFor(async () => expect(await rows()).toHaveLength(3), { timeout: 2_000 });
  });

  it('writes a partial batch when the timer fires', async () => {
    const recorder = make({ batchSize: 100, flushMs: 20 });
    recorder.observe(call(`/v23.0/${WABA}`));
    expect(await rows()).toHaveLength(0); // not written on the caller's time
    await vi.waitFor(async () => expect(await rows()).toHaveLength(1), { timeout: 2_000 });
  });

  it('drops the oldest calls past the cap, counts them and warns once', async () => {
    const recorder = make({ batchSize: 100, flushMs: 60_000, maxBuffered: 5 });
    for (let i = 0; i < 8; i++) recorder.observe(call(`/v23.0/${WABA}/n${i}`));
    expect(recorder.dropped()).toBe(3);
    await recorder.flush();
    expect((await rows()).map((r) => r.path.slice(-2))).toEqual(['n3', 'n4', 'n5', 'n6', 'n7']);
    const warnings = lines.filter((l) => l.includes('buffer full'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('"dropped":3');
  });

  it('names the account and number a path starts at, and keeps error fields', async () => {
    const now = clock.now();
    await db.kysely
      .insertInto('waAccounts')
      .values({
        id: 'acc-1',
        name: 'Demo',
        wabaId: WABA,
        appId: null,
        apiVersion: 'v23.0',
        accessToken: null,
        appSecret: null,
        verifyToken: null,
        connectionStatus: 'connected',
        connectionError: null,
        checkedAt: null,
        wabaName: null,
        messagingLimitTier: null,
        reviewStatus: null,
        restriction: null,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    await db.kysely
      .insertInto('waPhoneNumbers')
      .values({
        id: 'num-1',
        accountId: 'acc-1',
        phoneNumberId: PHONE,
        displayPhoneNumber: '+1 555 0100',
        verifiedName: null,
        qualityRating: null,
        throughputLevel: null,
        nameStatus: null,
        status: null,
        refreshedAt: now,
        createdAt: now,
      })
      .execute();
    const recorder = make({});
    recorder.observe(
      call(`/v23.0/${PHONE}/messages`, {
        method: 'POST',
        note: 'template:order_update',
        httpStatus: 400,
        classification: 'window-closed',
        metaCode: 131047,
        metaSubcode: 2494010,
        fbtraceId: 'AbCdEf',
      }),
    );
    recorder.observe(call(`/v23.0/${WABA}/phone_numbers`));
    recorder.observe(call('/v23.0/9999/media-id', { phoneNumberId: PHONE }));
    recorder.observe(call('/v23.0/424242'));
    await recorder.flush();
    const [waba, send, unknown, media] = await rows(); // by path
    expect(send).toMatchObject({
      accountId: 'acc-1',
      phoneNumberId: PHONE,
      note: 'template:order_update',
      ok: 0,
      httpStatus: 400,
      classification: 'window-closed',
      errorCode: 131047,
      errorSubcode: 2494010,
      fbtraceId: 'AbCdEf',
      durationMs: 12,
      at: clock.now() - 12,
    });
    expect(waba).toMatchObject({ accountId: 'acc-1', phoneNumberId: null, ok: 1 });
    expect(media).toMatchObject({ accountId: 'acc-1', phoneNumberId: PHONE });
    expect(unknown).toMatchObject({ accountId: null, phoneNumberId: null });
  });

  it('writes what is still buffered on close, after background work has drained', async () => {
    const recorder = make({ batchSize: 100, flushMs: 60_000 });
    recorder.observe(call(`/v23.0/${WABA}`));
    expect(await background.drain(1_000)).toBe(true);
    await recorder.close();
    expect(await rows()).toHaveLength(1);
  });
});
