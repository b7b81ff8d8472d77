import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '@kiana/simulator';
import type { Db } from '../../db/database';
import { EventBus } from '../../events/bus';
import { BackgroundWork } from '../../platform/background';
import { createGraphClient } from '../../whatsapp/graph.client';
import { createTestDb, testDialect } from '../../../test/test-db';
import {
  createIntakeHarness,
  inboundEnvelope,
  TEST_CREDENTIAL,
  TEST_SECRET,
  type IntakeHarness,
} from '../webhooks/webhooks.testkit';
import { findMessageByWamid } from './conversations.repo';
import { createLocalFileStore } from '../../platform/files/files.local';
import {
  createMediaStore,
  isChecksumValid,
  type MediaFetcher,
  type MediaStore,
} from './conversations.media';

let db: Db;
let sim: RunningSimulator;
let dataDir: string;
const graph = () => createGraphClient({ baseUrl: sim.url });

beforeAll(async () => {
  db = await createTestDb();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiana-media-'));
  sim = await startSimulator({ appSecret: TEST_SECRET, randomSeed: 3 });
});
afterAll(async () => {
  await sim.close();
  await db.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function store(fetcher: MediaFetcher): { media: MediaStore; background: BackgroundWork } {
  const logger = pino({ level: 'silent' });
  const background = new BackgroundWork(logger);
  return {
    media: createMediaStore({
      db: db.kysely,
      files: createLocalFileStore(dataDir),
      fetcher,
      bus: new EventBus(),
      logger,
      background,
      now: Date.now,
    }),
    background,
  };
}

/** Receives one inbound media message built by the simulator, then downloads its media. */
async function receiveMedia(
  media: MediaStore,
  type: string,
  extra: Record<string, unknown> = {},
): Promise<string> {
  let harness: IntakeHarness | undefined;
  const ids: string[] = [];
  try {
    harness = await createIntakeHarness(db, { onMedia: (m) => ids.push(...m) });
    const message = sim.control.inbound('16505551234', { type, [type]: extra }, '106540352242922');
    expect(
      (await harness.post(inboundEnvelope(message, 'Sheena', TEST_CREDENTIAL.wabaId))).statusCode,
    ).toBe(200);
    expect(ids).toHaveLength(1);
    for (const id of ids) await media.download(id);
    return message.id;
  } finally {
    await harness?.close();
  }
}

describe(`inbound media on ${testDialect}`, () => {
  it('downloads the file through the Graph client into <dataDir>/media with its checksum verified', async () => {
    const client = graph();
    const api = client.forAccount({ accessToken: 'sim_access_token', apiVersion: 'v23.0' });
    const { media } = store(async ({ mediaId, phoneNumberId, maxBytes }) => {
      const url = await api.getMediaUrl(mediaId, phoneNumberId);
      const got = await api.downloadMedia(url.url, { maxBytes });
      return { data: got.data, contentType: got.contentType };
    });
    const wamid = await receiveMedia(media, 'image');
    const row = await findMessageByWamid(db.kysely, wamid);
    expect(row).toMatchObject({
      type: 'image',
      mediaStatus: 'downloaded',
      mediaMime: 'image/jpeg',
      mediaError: null,
    });
    const opened = await media.open(row?.id ?? '');
    const served = Buffer.concat(await opened.stream.toArray()).toString();
    expect(served).toBe('simulated image from customer');
    // Kept in the file store under media/, named by our own message id.
    const onDisk = path.join(dataDir, 'media', row?.id ?? '');
    expect(fs.readFileSync(onDisk).toString()).toBe(served);
    expect(opened.size).toBe(fs.statSync(onDisk).size);

    // A file whose bytes do not match Meta's sha256 is refused and not kept.
    const bad = await receiveMedia(media, 'document', {
      sha256: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=',
      filename: 'x.pdf',
      mime_type: 'application/pdf',
    });
    const badRow = await findMessageByWamid(db.kysely, bad);
    expect(badRow).toMatchObject({ mediaStatus: 'failed', mediaPath: null });
    expect(badRow?.mediaError).toMatch(/checksum/);
    await expect(media.open(badRow?.id ?? '')).rejects.toThrow(/not found/);
    await client.close();
  });

  it('refuses media larger than Meta’s limit for its type', async () => {
    const { media } = store(async ({ maxBytes }) => ({
      data: Buffer.alloc(maxBytes + 1),
      contentType: 'image/webp',
    }));
    const wamid = await receiveMedia(media, 'sticker');
    const row = await findMessageByWamid(db.kysely, wamid);
    expect(row).toMatchObject({ mediaStatus: 'too_large', mediaPath: null });
  });

  it('accepts Meta’s sha256 as hex or base64', () => {
    const data = Buffer.from('hello');
    expect(
      isChecksumValid(data, '2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824'),
    ).toBe(true);
    expect(isChecksumValid(data, 'LPJNul+wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCQ=')).toBe(true);
    expect(isChecksumValid(data, 'LPJNul+wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCA=')).toBe(false);
  });
});
