import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  campaignDetailSchema,
  campaignPreflightSchema,
  campaignUploadCheckSchema,
  campaignUploadSchema,
  runControlResultSchema,
  type AccountDto,
} from '@kiana/contracts';
import { testDialect } from '../../../test/test-db';
import { userWithRole, type SignedIn } from '../auth/auth.testkit';
import {
  SIM,
  startTestbed,
  templatesServiceOf,
  type WhatsAppTestbed,
} from '../accounts/accounts.testkit';
import type { PrivacyModule } from '../privacy/privacy.module';
import { readCounts } from './campaigns.counts.repo';
import type { CampaignsModule } from './campaigns.module';

// A CSV audience end to end: a file with a byte-order mark and `;` between fields is
// uploaded to a draft, previewed with its guessed number column, checked row by row (an
// invalid number and a duplicate named by row), mapped to the template's parameters (a
// header name and a column index, one empty cell taking the fallback); the pre-flight counts
// the removals, materialisation stores each recipient's values with its row, the dispatcher
// sends them to the simulator as the template's parameters, and the file is gone after.

let bed: WhatsAppTestbed;
let account: AccountDto;
let agent: SignedIn;

beforeAll(async () => {
  bed = await startTestbed({ limits: { throughputEnabled: false, pairEnabled: false } });
  account = await bed.connect();
  // The connection test reads the account's numbers from the simulator.
  await bed.call({ method: 'POST', url: `/api/v1/whatsapp/accounts/${account.id}/test` });
  await templatesServiceOf(bed.t).sync(account.id);
  agent = await userWithRole(bed.t, 'agent');
});
afterAll(async () => {
  await bed.t.dispatch.supervisor.stop();
  await bed.close();
});

const CSV = [
  'phone;first name;date',
  '+14155550101;Ana;May 3',
  '+1 415 555 0102;;May 4',
  'call me;Cy;May 5',
  '+14155550101;Ana again;May 6',
  '+14155550177;Sam;May 7',
  '+14155550103;"Dee; Jr";May 8',
].join('\r\n');

/** A multipart body by hand (inject takes a Buffer and its content type). */
function multipart(
  fields: Record<string, string>,
  file: { name: string; data: Buffer },
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----kianacsv';
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`),
    );
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: text/csv\r\n\r\n`,
    ),
    file.data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return {
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

const api = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
  bed.t.app.inject({ method, url: `/api/v1${url}`, headers: agent.headers, payload });

async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function newDraft(templateId: string): Promise<string> {
  const res = await api('POST', '/campaigns', {
    name: 'Reminders from a CSV',
    phoneNumberId: SIM.phoneId,
    templateId,
    audience: {},
  });
  expect(res.statusCode, res.body).toBe(201);
  return campaignDetailSchema.parse(res.json()).id;
}

async function upload(id: string, data: Buffer, fields: Record<string, string> = {}) {
  const body = multipart(fields, { name: 'audience.csv', data });
  return bed.t.app.inject({
    method: 'POST',
    url: `/api/v1/campaigns/${id}/uploads`,
    headers: { ...agent.headers, ...body.headers },
    payload: body.payload,
  });
}

describe(`a campaign audience from a CSV on ${testDialect}`, () => {
  it('uploads, checks, maps, materialises with each row’s values and sends them', async () => {
    const db = bed.t.ctx.db.kysely;
    const templates = await templatesServiceOf(bed.t).list({ accountId: account.id });
    const reminder = templates.find((t) => t.name === 'appointment_reminder');
    expect(reminder?.status).toBe('APPROVED');
    const id = await newDraft(reminder?.id ?? '');
    const privacy = bed.t.modules.find((m) => m.name === 'privacy') as PrivacyModule;
    await privacy.suppression.suppress(['+14155550177'], 'deletion', null);

    // Upload: BOM and `;` detected, the header and first rows back, the number column guessed.
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    const res = await upload(id, Buffer.concat([bom, Buffer.from(CSV, 'utf8')]));
    expect(res.statusCode, res.body).toBe(201);
    const up = campaignUploadSchema.parse(res.json());
    expect(up).toMatchObject({
      campaignId: id,
      fileName: 'audience.csv',
      encoding: 'utf-8',
      hasBom: true,
      delimiter: ';',
      header: ['phone', 'first name', 'date'],
      guessedNumberColumn: 0,
      problem: null,
    });
    expect(up.rows).toHaveLength(6);
    expect(up.rows[5]).toEqual(['+14155550103', 'Dee; Jr', 'May 8']);
    const again = await api('GET', `/campaigns/${id}/uploads/${up.id}`);
    expect(campaignUploadSchema.parse(again.json()).header).toEqual(up.header);

    // The check reads every row through the one normaliser.
    const checked = await api('GET', `/campaigns/${id}/uploads/${up.id}/check?numberColumn=0`);
    expect(checked.statusCode, checked.body).toBe(200);
    expect(campaignUploadCheckSchema.parse(checked.json())).toEqual({
      rows: 6,
      valid: 4,
      invalid: 1,
      duplicate: 1,
      issues: [
        {
          row: 4,
          value: 'call me',
          reason: 'invalid_number',
          detail: expect.any(String) as string,
          firstRow: null,
        },
        { row: 5, value: '+14155550101', reason: 'duplicate', detail: null, firstRow: 2 },
      ],
      issuesTruncated: false,
      problem: null,
    });
    const rejected = await api(
      'GET',
      `/campaigns/${id}/uploads/${up.id}/rejected.csv?numberColumn=0`,
    );
    expect(rejected.statusCode).toBe(200);
    expect(rejected.headers['content-type']).toMatch(/^text\/csv/);
    const lines = rejected.body.trim().split('\r\n');
    expect(lines[0]).toBe('row,value,reason,detail,first_row');
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 3).join(','))).toEqual([
      '4,call me,invalid_number',
      // The shared CSV writer defuses a leading + (a spreadsheet formula) with a quote.
      "5,'+14155550101,duplicate",
    ]);
    expect(
      (await api('GET', `/campaigns/${id}/uploads/${up.id}/check?numberColumn=7`)).statusCode,
    ).toBe(400);

    // Mapping: a header name with a fallback, and a column by its index.
    const variables = {
      'body.name': { source: 'csv', column: 'first name', fallback: 'friend' },
      'body.date': { source: 'csv', column: '2', fallback: null },
    };
    const badColumn = await api('PATCH', `/campaigns/${id}`, {
      audience: { uploadId: up.id, csvNumberColumn: 3 },
      variables,
    });
    expect(badColumn.statusCode).toBe(400);
    const badVariable = await api('PATCH', `/campaigns/${id}`, {
      audience: { uploadId: up.id, csvNumberColumn: 0 },
      variables: { ...variables, 'body.date': { source: 'csv', column: 'when' } },
    });
    expect(badVariable.statusCode).toBe(400);
    const patched = await api('PATCH', `/campaigns/${id}`, {
      audience: { uploadId: up.id, csvNumberColumn: 0 },
      variables,
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(campaignDetailSchema.parse(patched.json()).audience).toMatchObject({
      uploadId: up.id,
      csvNumberColumn: 0,
    });

    // Pre-flight: the removals with their reasons.
    const pre = campaignPreflightSchema.parse(
      (await api('GET', `/campaigns/${id}/preflight`)).json(),
    );
    expect(pre.candidates).toBe(6);
    expect(pre.recipients).toBe(3);
    expect(pre.skipped).toMatchObject({ invalid_number: 1, duplicate: 1, suppressed: 1 });
    expect(pre.canLaunch).toBe(true);

    // Launch and materialise: each recipient carries its row's values.
    const launched = await api('POST', `/campaigns/${id}/launch`);
    expect(launched.statusCode, launched.body).toBe(200);
    expect(runControlResultSchema.parse(launched.json()).campaign.status).toBe('materialising');
    // A launched campaign takes no other file.
    expect((await upload(id, Buffer.from(CSV, 'utf8'))).statusCode).toBe(409);
    await bed.t.worker.drainOnce();
    const rows = await db
      .selectFrom('campaignRecipients')
      .select(['phoneE164', 'status', 'reason', 'paramsJson'])
      .where('campaignId', '=', id)
      .orderBy('id')
      .execute();
    expect(rows.map((r) => [r.phoneE164, r.status, r.reason, JSON.parse(r.paramsJson)])).toEqual([
      ['+14155550101', 'queued', null, { 'body.name': 'Ana', 'body.date': 'May 3' }],
      ['+14155550102', 'queued', null, { 'body.name': 'friend', 'body.date': 'May 4' }],
      ['call me', 'skipped', 'invalid_number', {}],
      ['+14155550177', 'skipped', 'suppressed', {}],
      ['+14155550103', 'queued', null, { 'body.name': 'Dee; Jr', 'body.date': 'May 8' }],
    ]);
    // The file is not needed any more: the values are in the rows.
    expect(
      await db.selectFrom('campaignUploads').select('id').where('campaignId', '=', id).execute(),
    ).toEqual([]);
    expect(await bed.t.ctx.files.get(`campaign-uploads/${up.id}.csv`)).toBeUndefined();

    // The dispatcher sends the values as the template's parameters.
    bed.t.dispatch.module.start();
    await until(async () => {
      const c = await readCounts(db, id);
      return c.queued + c.sending === 0;
    }, 20_000);
    const sent = bed.sim.control.messages({ templateName: 'appointment_reminder' }, true);
    const paramsTo = (waId: string) => {
      const m = sent.find((s) => s.wa_id === waId || s.to === waId);
      const payload = m?.payload as
        | { template?: { components?: { type: string; parameters?: { text?: string }[] }[] } }
        | undefined;
      return payload?.template?.components
        ?.find((c) => c.type === 'body')
        ?.parameters?.map((p) => p.text);
    };
    expect(paramsTo('14155550101')).toEqual(['Ana', 'May 3']);
    expect(paramsTo('14155550102')).toEqual(['friend', 'May 4']);
    expect(paramsTo('14155550103')).toEqual(['Dee; Jr', 'May 8']);
    expect(bed.sim.control.counts().byRecipient['14155550177']).toBeUndefined();
    // The CSV's people are contacts now, as a typed number becomes one when sent to.
    const contacts = await db
      .selectFrom('contacts')
      .select('phoneE164')
      .where('phoneE164', 'in', ['+14155550101', '+14155550102', '+14155550103'])
      .execute();
    expect(contacts).toHaveLength(3);
  }, 60_000);

  it('refuses an empty file, another draft’s CSV and a body that is not multipart; a deleted draft takes its file', async () => {
    const templates = await templatesServiceOf(bed.t).list({ accountId: account.id });
    const hello = templates.find((t) => t.name === 'hello_world');
    const a = await newDraft(hello?.id ?? '');
    const b = await newDraft(hello?.id ?? '');
    expect((await upload(a, Buffer.alloc(0))).statusCode).toBe(400);
    const ok = await upload(b, Buffer.from('number\n+14155550199\n'));
    expect(ok.statusCode, ok.body).toBe(201);
    const fromB = campaignUploadSchema.parse(ok.json()).id;
    // The POST convention: a retry with the same Idempotency-Key gets the first answer back.
    const form = multipart({}, { name: 'x.csv', data: Buffer.from('number\n+14155550197\n') });
    const once = () =>
      bed.t.app.inject({
        method: 'POST',
        url: `/api/v1/campaigns/${b}/uploads`,
        headers: { ...agent.headers, ...form.headers, 'idempotency-key': `csv-${b}` },
        payload: form.payload,
      });
    const first = await once();
    const retry = await once();
    expect(first.statusCode, first.body).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json<{ id: string }>().id).toBe(first.json<{ id: string }>().id);
    const keyed = (key: string, fields: Record<string, string>, csv: string) => {
      const body = multipart(fields, { name: 'y.csv', data: Buffer.from(csv) });
      return bed.t.app.inject({
        method: 'POST',
        url: `/api/v1/campaigns/${b}/uploads`,
        headers: { ...agent.headers, ...body.headers, 'idempotency-key': key },
        payload: body.payload,
      });
    };
    // Another file with that key is another request.
    expect((await keyed(`csv-${b}`, {}, 'number\n+14155550196\n')).statusCode).toBe(409);
    // Refused before its file was read: nothing was done, so the key stays free for the
    // corrected form (not its 400 replayed, nor a 409).
    const refused = await keyed(`csv-${b}-2`, { delimiter: 'pipe' }, 'number\n+14155550195\n');
    expect(refused.statusCode).toBe(400);
    const corrected = await keyed(`csv-${b}-2`, {}, 'number\n+14155550195\n');
    expect(corrected.statusCode, corrected.body).toBe(201);
    expect(corrected.headers['idempotent-replayed']).toBeUndefined();
    // The document shows the form as multipart, the removed rows as CSV, and the error answers.
    const doc = (await api('GET', '/docs')).json<{
      paths: Record<
        string,
        Record<
          string,
          { requestBody?: { content: object }; responses: Record<string, { content?: object }> }
        >
      >;
    }>();
    const post = doc.paths['/api/v1/campaigns/{id}/uploads']?.post;
    expect(Object.keys(post?.requestBody?.content ?? {})).toEqual(['multipart/form-data']);
    expect(Object.keys(post?.responses ?? {})).toEqual(
      expect.arrayContaining(['201', '400', '404', '409', '413', '415']),
    );
    const csvGet = doc.paths['/api/v1/campaigns/{id}/uploads/{uploadId}/rejected.csv']?.get;
    expect(Object.keys(csvGet?.responses['200']?.content ?? {})).toEqual(['text/csv']);
    expect(Object.keys(csvGet?.responses['404']?.content ?? {})).toEqual(['application/json']);
    const stolen = await api('PATCH', `/campaigns/${a}`, {
      audience: { uploadId: fromB, csvNumberColumn: 0 },
    });
    expect(stolen.statusCode).toBe(400);
    expect((await api('GET', `/campaigns/${a}/uploads/${fromB}`)).statusCode).toBe(404);
    const unsupported = await bed.t.app.inject({
      method: 'POST',
      url: `/api/v1/campaigns/${a}/uploads`,
      headers: agent.headers,
      payload: { file: 'x' },
    });
    expect(unsupported.statusCode).toBe(415);
    // Deleting the draft deletes its CSV.
    expect((await api('DELETE', `/campaigns/${b}`)).statusCode).toBe(200);
    expect(await bed.t.ctx.files.get(`campaign-uploads/${fromB}.csv`)).toBeUndefined();

    // The purge deletes what a crash left behind (a campaign gone), never a draft's file.
    const kept = campaignUploadSchema.parse(
      (await upload(a, Buffer.from('number\n+14155550198\n'))).json(),
    );
    const db = bed.t.ctx.db.kysely;
    await bed.t.ctx.files.put('campaign-uploads/left.csv', Buffer.from('number\n'));
    await db
      .insertInto('campaignUploads')
      .values({
        id: 'left',
        campaignId: 'gone',
        fileKey: 'campaign-uploads/left.csv',
        fileName: null,
        size: 7,
        encoding: 'utf-8',
        hasBom: 0,
        delimiter: ',',
        headerJson: '["number"]',
        createdBy: null,
        createdAt: 1,
      })
      .execute();
    const campaigns = bed.t.modules.find((m) => m.name === 'campaigns') as CampaignsModule;
    expect(await campaigns.uploads.purge()).toBe(1);
    expect(await bed.t.ctx.files.get('campaign-uploads/left.csv')).toBeUndefined();
    expect(
      (await db.selectFrom('campaignUploads').select('id').execute()).map((r) => r.id),
    ).toEqual([kept.id]);
  });
});
