import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_ACCESS_TOKEN,
  defaultSeed,
  startSimulator,
  type RunningSimulator,
} from '@kiana/simulator';
import { GraphClient } from './graph.client';
import { GraphApiError } from './graph.errors';

// The Resumable Upload client against the in-process simulator, over real loopback HTTP: the
// handle it gets is one the simulator accepts as a media header example.

const seed = defaultSeed();
const WABA = seed.waba.id;
const APP = seed.waba.appId;
const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

let sim: RunningSimulator;
let client: GraphClient;
beforeAll(async () => {
  sim = await startSimulator({ randomSeed: 7, review: { delayMs: 10 } });
  client = new GraphClient({ baseUrl: sim.url });
});
afterAll(async () => {
  await client.close();
  await sim.close();
});

const api = () => client.forAccount({ accessToken: DEFAULT_ACCESS_TOKEN, apiVersion: 'v23.0' });
const imageTemplate = (name: string, handle: string) => ({
  name,
  language: 'en_US',
  category: 'MARKETING' as const,
  components: [
    { type: 'HEADER' as const, format: 'IMAGE' as const, example: { header_handle: [handle] } },
    { type: 'BODY' as const, text: 'Our spring collection is here.' },
  ],
});

describe('resumable upload against the simulator', () => {
  it('uploads a PNG and creates an IMAGE template with the handle', async () => {
    const { handle } = await api().uploadFileForHandle(APP, {
      fileName: 'spring.png',
      fileType: 'image/png',
      data: png,
    });
    expect(handle).toMatch(/^4::aW1hZ2UvcG5n:/);
    const created = await api().createTemplate(WABA, imageTemplate('spring_png_upload', handle));
    expect(created.status).toBe('PENDING');
  });

  it('resumes a session that stopped half way and sends only the rest', async () => {
    const sessionId = await api().startUploadSession(APP, {
      fileName: 'half.png',
      fileLength: png.length,
      fileType: 'image/png',
    });
    // An earlier attempt got 30 bytes through before the connection died.
    const first = await request(`${sim.url}/v23.0/${sessionId}`, {
      method: 'POST',
      headers: { authorization: `OAuth ${DEFAULT_ACCESS_TOKEN}`, file_offset: '0' },
      body: png.subarray(0, 30),
    });
    expect(first.statusCode).toBe(200);
    await first.body.dump();
    expect(await api().getUploadOffset(sessionId)).toBe(30);
    const handle = await api().resumeUpload(sessionId, png);
    expect(handle).toMatch(/^4::/);
    expect(await api().getUploadOffset(sessionId)).toBe(png.length);
  });

  it('a handle of another file type is refused for the header (permanent, subcode 2494102)', async () => {
    const { handle } = await api().uploadFileForHandle(APP, {
      fileName: 'terms.pdf',
      fileType: 'application/pdf',
      data: Buffer.from('%PDF-1.4\n%%EOF\n'),
    });
    const err = await api()
      .createTemplate(WABA, imageTemplate('spring_pdf_header', handle))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GraphApiError);
    expect((err as GraphApiError).classification).toBe('permanent');
    expect((err as GraphApiError).metaSubcode).toBe(2494102);
  });
});
