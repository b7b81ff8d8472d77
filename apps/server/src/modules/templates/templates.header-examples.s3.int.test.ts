import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountDto, HeaderExampleDto } from '@kiana/contracts';
import { startSecondNode, type SecondNode } from '../../../test/second-node';
import { startTestS3, type TestS3 } from '../../../test/s3-server';
import { testDialect } from '../../../test/test-db';
import { readFile } from '../../platform/files/files';
import { userWithRole } from '../auth/auth.testkit';
import { startTestbed, type WhatsAppTestbed } from '../accounts/accounts.testkit';
import type { TemplatesModule } from './templates.module';

const APP_ID = '1234567890123456'; // the simulator's app (state/seed.ts)
const HOUR = 3_600_000;
const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/**
 * Two app instances on one database and one S3-compatible bucket, each with its own data
 * directory (two machines): a header sample node A received is uploaded to Meta again by
 * node B, and node B's cleanup removes samples no template claimed.
 */
describe(`media header samples across instances sharing a bucket on ${testDialect}`, () => {
  let s3: TestS3;
  let bed: WhatsAppTestbed;
  let account: AccountDto;
  let b: SecondNode;

  beforeAll(async () => {
    s3 = await startTestS3();
    bed = await startTestbed({}, s3.env);
    account = await bed.connect({ appId: APP_ID });
    b = await startSecondNode(bed.t, { ...s3.env, KIANA_GRAPH_URL: bed.sim.url });
  });
  afterAll(async () => {
    await b.close();
    await bed.close();
    await s3.close();
  });

  /** The shared bucket, seen through node B (A's store points at the same one). */
  const s3Store = () => b.ctx.files;

  /** Sends a PNG sample to node A as a browser does. */
  async function uploadOnA(): Promise<{ statusCode: number; body: string }> {
    const form = new FormData();
    form.set('accountId', account.id);
    form.set('file', new Blob([png], { type: 'image/png' }), 'autumn.png');
    const res = new Response(form);
    return bed.call({
      method: 'POST',
      url: '/api/v1/templates/header-examples',
      payload: Buffer.from(await res.arrayBuffer()),
      headers: { 'content-type': res.headers.get('content-type') ?? '' },
    });
  }

  const setAppId = (appId: string) =>
    bed.call({
      method: 'PATCH',
      url: `/api/v1/whatsapp/accounts/${account.id}`,
      payload: { appId },
    });

  it('uploads from node B a sample whose upload on node A failed, then removes it on submit', async () => {
    // A's upload to Meta fails (no app ID yet); the answer names the stored sample.
    expect((await setAppId('')).statusCode).toBe(200);
    const failed = await uploadOnA();
    expect(failed.statusCode).toBe(400);
    const exampleId = (JSON.parse(failed.body) as { details: { exampleId: string } }).details
      .exampleId;
    const key = `template-examples/${exampleId}`;
    expect((await readFile(s3Store(), key))?.equals(png)).toBe(true);
    expect((await setAppId(APP_ID)).statusCode).toBe(200);

    const admin = await userWithRole(b, 'admin');
    const retried = await b.app.inject({
      method: 'POST',
      url: `/api/v1/templates/header-examples/${exampleId}/retry`,
      headers: admin.headers,
      payload: { accountId: account.id },
    });
    expect(retried.statusCode).toBe(201);
    const example = retried.json<HeaderExampleDto>();
    expect(example).toMatchObject({ exampleId, fileName: 'autumn.png', size: png.length });
    expect(example.handle).toMatch(/^4::aW1hZ2UvcG5n:/);
    const uploads = bed.sim.control.requests().filter((r) => r.path === `/v23.0/${APP_ID}/uploads`);
    expect(uploads).toHaveLength(1);

    const submitted = await b.app.inject({
      method: 'POST',
      url: '/api/v1/templates',
      headers: admin.headers,
      payload: {
        name: 'autumn_two_nodes',
        language: 'en_US',
        category: 'MARKETING',
        parameterFormat: 'POSITIONAL',
        components: [
          { type: 'HEADER', format: 'IMAGE', example: { header_handle: [example.handle] } },
          { type: 'BODY', text: 'The autumn range is in.' },
        ],
        accountId: account.id,
        headerExampleId: exampleId,
      },
    });
    expect(submitted.statusCode).toBe(201);
    expect(await s3Store().list(key)).toEqual([]);
  });

  it("removes in node B's cleanup a sample node A stored that no template claimed", async () => {
    const uploaded = await uploadOnA();
    expect(uploaded.statusCode).toBe(201);
    const { exampleId } = JSON.parse(uploaded.body) as HeaderExampleDto;
    const templates = (b.modules.find((m) => m.name === 'templates') as TemplatesModule['module'])
      .templates;
    expect(await templates.purgeHeaderExamples(Date.now())).toBe(0);
    expect(await s3Store().list(`template-examples/${exampleId}`)).toHaveLength(2);
    expect(await templates.purgeHeaderExamples(Date.now() + 25 * HOUR)).toBe(1);
    expect(await s3Store().list('template-examples/')).toEqual([]);
    // Retrying a sample that is gone is a clear 404.
    const admin = await userWithRole(b, 'admin');
    const gone = await b.app.inject({
      method: 'POST',
      url: `/api/v1/templates/header-examples/${exampleId}/retry`,
      headers: admin.headers,
      payload: { accountId: account.id },
    });
    expect(gone.statusCode).toBe(404);
  });
});
