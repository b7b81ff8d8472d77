import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountDto, AuditEntry, HeaderExampleDto, TemplateDto } from '@kiana/contracts';
import { testDialect } from '../../../test/test-db';
import { readFile } from '../../platform/files/files';
import { userWithRole } from '../auth/auth.testkit';
import {
  SIM,
  startTestbed,
  templatesServiceOf,
  type WhatsAppTestbed,
} from '../accounts/accounts.testkit';

// A media header's sample, from the browser's upload to Meta's handle, into a submitted
// template that the simulator approves (issue 5: "media with an uploaded example").

const APP_ID = '1234567890123456'; // the simulator's app (state/seed.ts)
const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/** A multipart body as a browser sends it. */
async function multipart(
  fields: Record<string, string>,
  file?: { name: string; type: string; data: Buffer },
): Promise<{ payload: Buffer; headers: Record<string, string> }> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  if (file !== undefined) form.set('file', new Blob([file.data], { type: file.type }), file.name);
  const res = new Response(form);
  return {
    payload: Buffer.from(await res.arrayBuffer()),
    headers: { 'content-type': res.headers.get('content-type') ?? '' },
  };
}

const draft = (name: string, handle: string) => ({
  name,
  language: 'en_US',
  category: 'MARKETING',
  parameterFormat: 'POSITIONAL',
  components: [
    { type: 'HEADER', format: 'IMAGE', example: { header_handle: [handle] } },
    {
      type: 'BODY',
      text: 'Hi {{1}}, the autumn range is in with {{2}} off.',
      example: { body_text: [['Ana', '30%']] },
    },
    {
      type: 'BUTTONS',
      buttons: [
        {
          type: 'URL',
          text: 'Shop now',
          url: 'https://shop.example.com/a/{{1}}',
          example: ['A30'],
        },
        { type: 'QUICK_REPLY', text: 'Stop promotions' },
      ],
    },
  ],
});

describe(`media header samples on ${testDialect}`, () => {
  let bed: WhatsAppTestbed;
  let account: AccountDto;
  beforeAll(async () => {
    bed = await startTestbed();
    account = await bed.connect({ appId: APP_ID });
  });
  afterAll(async () => {
    await bed.close();
  });

  const upload = async (
    file: { name: string; type: string; data: Buffer } | undefined,
    fields: Record<string, string> = { accountId: account.id },
    headers: Record<string, string> = {},
  ) => {
    const body = await multipart(fields, file);
    return bed.call({
      method: 'POST',
      url: '/api/v1/templates/header-examples',
      payload: body.payload,
      headers: { ...body.headers, ...headers },
    });
  };

  it('uploads a PNG, submits the template with its handle, and Meta approves it', async () => {
    const res = await upload({ name: 'autumn.png', type: 'image/png', data: png });
    expect(res.statusCode).toBe(201);
    const example = res.json<HeaderExampleDto>();
    expect(example).toMatchObject({ format: 'IMAGE', mimeType: 'image/png', size: png.length });
    expect(example.handle).toMatch(/^4::aW1hZ2UvcG5n:/);
    expect(example.previewDataUrl).toBe(`data:image/png;base64,${png.toString('base64')}`);
    // The simulator received the bytes through the resumable upload (session, then bytes).
    const calls = bed.sim.control.requests().map((r) => `${r.method} ${r.path}`);
    expect(calls).toContain(`POST /v23.0/${APP_ID}/uploads`);
    expect(calls.some((c) => /^POST \/v23\.0\/upload:/.test(c))).toBe(true);
    // Stored before it went to Meta, so a retry can read it from the file store.
    const sampleKey = `template-examples/${example.exampleId}`;
    expect((await readFile(bed.t.ctx.files, sampleKey))?.equals(png)).toBe(true);

    const from = bed.receiver.received.length;
    const submitted = await bed.call({
      method: 'POST',
      url: '/api/v1/templates',
      payload: {
        ...draft('autumn_upload', example.handle),
        accountId: account.id,
        headerExampleId: example.exampleId,
      },
    });
    expect(submitted.statusCode).toBe(201);
    // Meta holds the sample now: the stored copy is removed.
    expect(await bed.t.ctx.files.list(sampleKey)).toEqual([]);
    const created = submitted.json<TemplateDto>();
    expect(created.status).toBe('PENDING');
    const stored = bed.sim.control.templates().find((t) => t.name === 'autumn_upload');
    expect(stored?.components[0]).toMatchObject({ example: { header_handle: [example.handle] } });

    await bed.receiver.waitFor((r) =>
      r
        .slice(from)
        .some((w) => w.body.entry[0]?.changes[0]?.field === 'message_template_status_update'),
    );
    const hook = bed.receiver.received
      .slice(from)
      .find((w) => w.body.entry[0]?.changes[0]?.field === 'message_template_status_update');
    await templatesServiceOf(bed.t).applyTemplateStatusUpdate(
      SIM.wabaId,
      hook?.body.entry[0]?.changes[0]?.value,
    );
    const after = await bed.call({ method: 'GET', url: `/api/v1/templates/${created.id}` });
    expect(after.json<TemplateDto>().status).toBe('APPROVED');
  });

  it('fingerprints a form by its parts, not its boundary: a retry replays, another file answers 409', async () => {
    const sessions = () =>
      bed.sim.control
        .requests()
        .filter((r) => r.method === 'POST' && r.path === `/v23.0/${APP_ID}/uploads`).length;
    const before = sessions();
    const file = { name: 'winter.png', type: 'image/png', data: png };
    const key = { 'idempotency-key': 'winter-sample' };
    const first = await upload(file, undefined, key);
    expect(first.statusCode, first.body).toBe(201);
    // The same form again: FormData draws a new boundary, so the bytes differ.
    const retry = await upload(file, undefined, key);
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json<HeaderExampleDto>().exampleId).toBe(first.json<HeaderExampleDto>().exampleId);
    expect(sessions()).toBe(before + 1);
    const other = await upload(
      { ...file, data: Buffer.concat([png, Buffer.from([0])]) },
      undefined,
      key,
    );
    expect(other.statusCode).toBe(409);
    expect(other.json()).toMatchObject({ code: 'idempotency_key_reused' });
    const renamed = await upload({ ...file, name: 'summer.png' }, undefined, key);
    expect(renamed.statusCode).toBe(409);
    expect(sessions()).toBe(before + 1);
  });

  it('writes an audit record of the upload', async () => {
    const res = await bed.call({
      method: 'GET',
      url: '/api/v1/audit?action=template.header_example.upload',
    });
    const entries = res.json<{ entries: AuditEntry[] }>().entries;
    expect(entries.length).toBeGreaterThan(0);
    expect(entries[0]).toMatchObject({ targetId: account.id, actorId: bed.admin.userId });
  });

  it('refuses other types, renamed files, oversized samples and missing fields, naming the problem', async () => {
    const gif = await upload({ name: 'a.gif', type: 'image/gif', data: Buffer.from('GIF89a') });
    expect(gif.statusCode).toBe(400);
    expect(gif.json<{ message: string }>().message).toContain(
      'must be a JPEG or PNG image, an MP4 video or a PDF document',
    );
    const renamed = await upload({
      name: 'notes.png',
      type: 'image/png',
      data: Buffer.from('hello'),
    });
    expect(renamed.statusCode).toBe(400);
    expect(renamed.json<{ message: string }>().message).toBe(
      'notes.png is not a valid PNG image (its content does not match)',
    );
    const big = Buffer.alloc(5 * 1024 * 1024 + 1);
    png.copy(big);
    const tooBig = await upload({ name: 'big.png', type: 'image/png', data: big });
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json<{ message: string }>().message).toContain('at most 5 MB');
    const noAccount = await upload({ name: 'a.png', type: 'image/png', data: png }, {});
    expect(noAccount.statusCode).toBe(400);
    expect(noAccount.json<{ message: string }>().message).toBe('accountId is required');
    const noFile = await upload(undefined);
    expect(noFile.json<{ message: string }>().message).toBe('file is required');
    const pdfAsVideo = await upload({
      name: 'a.mp4',
      type: 'video/mp4',
      data: Buffer.from('%PDF-1.4'),
    });
    expect(pdfAsVideo.json<{ message: string }>().message).toContain('not a valid MP4 video');
  });

  it('needs the account’s app ID, and templates.manage', async () => {
    const other = await bed.call({
      method: 'PATCH',
      url: `/api/v1/whatsapp/accounts/${account.id}`,
      payload: { appId: '' },
    });
    expect(other.statusCode).toBe(200);
    const noApp = await upload({ name: 'a.png', type: 'image/png', data: png });
    expect(noApp.statusCode).toBe(400);
    expect(noApp.json<{ message: string }>().message).toContain('has no app ID');
    await bed.call({
      method: 'PATCH',
      url: `/api/v1/whatsapp/accounts/${account.id}`,
      payload: { appId: APP_ID },
    });
    const viewer = await userWithRole(bed.t, 'viewer');
    const body = await multipart(
      { accountId: account.id },
      { name: 'a.png', type: 'image/png', data: png },
    );
    const res = await bed.t.app.inject({
      method: 'POST',
      url: '/api/v1/templates/header-examples',
      payload: body.payload,
      headers: { ...viewer.headers, ...body.headers },
    });
    expect(res.statusCode).toBe(403);
  });
});
