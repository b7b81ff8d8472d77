import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/test-app';
import { testDialect } from '../../../../test/test-db';
import { userWithRole, type SignedIn } from '../../auth/auth.testkit';
import { contactSnapshot, importFile, uploadFile } from './imports.testkit';

const mapping = { number: 0, name: 1 };
const good = 'phone,name\n+351912345678,Ana\n+44 7911 123456,Rui\n';

describe(`contact imports of bad files on ${testDialect}`, () => {
  let t: TestApp;
  let admin: SignedIn;
  let before: Awaited<ReturnType<typeof contactSnapshot>>;

  beforeAll(async () => {
    t = await buildTestApp({ logLevel: 'silent' });
    admin = await userWithRole(t, 'admin');
    // Contacts stored before: every bad file below names them, and none may change.
    await importFile(t, admin, Buffer.from(good), { mapping });
    before = await contactSnapshot(t);
    expect(before).toHaveLength(2);
  });
  afterAll(async () => {
    await t.close();
  });

  const corpus: {
    name: string;
    file: () => Buffer;
    encoding?: 'utf-8';
    error: RegExp;
    row: number;
  }[] = [
    {
      name: 'binary garbage',
      file: () => Buffer.from(Array.from({ length: 64 * 1024 }, (_, i) => (i * 7919 + 13) % 256)),
      error: /binary data/,
      row: 1,
    },
    {
      name: 'a 50 MB single line',
      file: () => Buffer.concat([Buffer.from('phone,name\n'), Buffer.alloc(50 * 1024 * 1024, '7')]),
      error: /longer than 64 KB/,
      row: 2,
    },
    {
      name: 'Windows-1252 read as UTF-8 (wrong encoding chosen)',
      file: () => Buffer.from('phone,name\n+351912345678,José Changed\n', 'latin1'),
      encoding: 'utf-8',
      error: /not valid UTF-8/,
      row: 1,
    },
    {
      name: 'good rows, then binary data in the same batch',
      file: () =>
        Buffer.concat([
          Buffer.from('phone,name\n+351912345678,Renamed\n+351912345670,New\n'),
          Buffer.alloc(600, 0),
        ]),
      error: /binary data/,
      row: 4,
    },
    {
      name: 'a file cut short inside a quoted field',
      file: () => Buffer.from('phone,name\n+351912345678,"Renamed\n+351912345670,New\n'),
      error: /never closed/,
      row: 2,
    },
  ];

  for (const bad of corpus) {
    it(`fails an import of ${bad.name} with a clear reason and the row, and changes no contact`, async () => {
      const result = await importFile(t, admin, bad.file(), {
        mapping,
        ...(bad.encoding === undefined ? {} : { encoding: bad.encoding }),
      });
      expect(result.status).toBe('failed');
      expect(result.error).toMatch(bad.error);
      expect(result.error).toContain(`stopped at row ${bad.row}`);
      expect(result.summary).toEqual({
        created: 0,
        updated: 0,
        unchanged: 0,
        invalid: 0,
        duplicate: 0,
      });
      expect(await contactSnapshot(t)).toEqual(before);
    });
  }

  it('fails an import whose mapping names a column the file does not have', async () => {
    const result = await importFile(t, admin, Buffer.from(good), {
      mapping: { number: 0, name: 5 },
    });
    expect(result).toMatchObject({ status: 'failed' });
    expect(result.error).toMatch(/puts name in column 6, but the header has 2 columns/);
    expect(await contactSnapshot(t)).toEqual(before);
  });

  it('refuses an upload that arrives shorter than its declared length, keeping nothing', async () => {
    const files = await t.ctx.files.list('imports/');
    const res = await uploadFile(t, admin, Buffer.from(good), {
      'content-length': String(good.length + 500),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ message: string }>().message).toMatch(/cut short/);
    expect(await t.ctx.files.list('imports/')).toEqual(files);
  });

  it('keeps nothing of an upload whose client hangs up half-way', async () => {
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    const address = t.app.server.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    const files = await t.ctx.files.list('imports/');
    const uploadsBefore = await t.ctx.db.kysely.selectFrom('contactUploads').select('id').execute();
    const head = [
      'POST /api/v1/contacts/imports/uploads HTTP/1.1',
      `host: 127.0.0.1:${address.port}`,
      'content-type: text/csv',
      'content-length: 1000000',
      ...Object.entries(admin.headers).map(([k, v]) => `${k}: ${v}`),
      '',
      '',
    ].join('\r\n');
    await new Promise<void>((resolve, reject) => {
      const socket = net.connect(address.port, '127.0.0.1', () => {
        socket.write(head);
        socket.write(good.repeat(100), () => setTimeout(() => socket.destroy(), 100));
      });
      socket.on('close', () => resolve());
      socket.on('error', reject);
    });
    // The server notices the hang-up asynchronously: wait until the partial file is gone.
    const settled = async (): Promise<boolean> =>
      (await t.ctx.files.list('imports/')).length === files.length;
    for (let i = 0; i < 50 && !(await settled()); i++) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 100));
    expect((await t.ctx.files.list('imports/')).sort()).toEqual([...files].sort());
    expect(await t.ctx.db.kysely.selectFrom('contactUploads').select('id').execute()).toEqual(
      uploadsBefore,
    );
  });
});
