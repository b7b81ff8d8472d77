import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import {
  ImportFileError,
  MAX_RECORD_CHARS,
  readCsvRecords,
  type FileRecord,
} from './imports.reader';
import type { ImportDelimiter, ImportEncoding } from './imports.detect';

/** The bytes in small chunks, so characters and records straddle chunk boundaries. */
const chunked = (bytes: Buffer, size = 7): Readable => {
  const parts: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) parts.push(bytes.subarray(i, i + size));
  return Readable.from(parts);
};

async function read(
  bytes: Buffer,
  encoding: ImportEncoding,
  delimiter: ImportDelimiter = ',',
): Promise<FileRecord[]> {
  const out: FileRecord[] = [];
  for await (const r of readCsvRecords(chunked(bytes), { encoding, delimiter })) out.push(r);
  return out;
}

async function failure(
  bytes: Buffer | Readable,
  encoding: ImportEncoding = 'utf-8',
): Promise<ImportFileError> {
  try {
    const source = bytes instanceof Readable ? bytes : chunked(bytes, 4096);
    for await (const _ of readCsvRecords(source, { encoding, delimiter: ',' })) void _;
  } catch (error) {
    if (error instanceof ImportFileError) return error;
    throw error;
  }
  throw new Error('the file was read without error');
}

describe('import CSV reader', () => {
  it('decodes UTF-8 with a BOM, UTF-16 LE and BE, and Windows-1252 alike', async () => {
    const text = 'phone;name\n+351912345678;José Ção\n';
    const expected = [
      { row: 1, fields: ['phone', 'name'] },
      { row: 2, fields: ['+351912345678', 'José Ção'] },
    ];
    expect(await read(Buffer.from(`\ufeff${text}`), 'utf-8', ';')).toEqual(expected);
    expect(
      await read(
        Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
        'utf-16le',
        ';',
      ),
    ).toEqual(expected);
    const be = Buffer.from(Buffer.from(text, 'utf16le')).swap16();
    expect(await read(Buffer.concat([Buffer.from([0xfe, 0xff]), be]), 'utf-16be', ';')).toEqual(
      expected,
    );
    expect(await read(Buffer.from(text, 'latin1'), 'windows-1252', ';')).toEqual(expected);
  });

  it('keeps line breaks inside quoted fields and passes ragged rows on for the caller to judge', async () => {
    const rows = await read(
      Buffer.from('phone\tnote\n1\t"two\r\nlines"\n2\ta\tb\n'),
      'utf-8',
      '\t',
    );
    expect(rows).toEqual([
      { row: 1, fields: ['phone', 'note'] },
      { row: 2, fields: ['1', 'two\r\nlines'] },
      { row: 3, fields: ['2', 'a', 'b'] },
    ]);
  });

  it('refuses a file that is not UTF-8 when UTF-8 was chosen, naming the row', async () => {
    const bytes = Buffer.concat([
      Buffer.from('phone,name\n1,a\n'.repeat(1) + '2,Jos'),
      Buffer.from([0xe9, 0x0a]),
    ]);
    const error = await failure(bytes);
    expect(error.reason).toMatch(/not valid UTF-8/);
    expect(error.row).toBeGreaterThanOrEqual(1);
  });

  it('refuses binary data', async () => {
    const garbage = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
    expect((await failure(garbage, 'windows-1252')).reason).toMatch(/binary data/);
  });

  it('stops a single line of 50 MB at the record limit without reading it all into one string', async () => {
    const total = 50 * 1024 * 1024;
    let sent = 0;
    const line = Buffer.alloc(1024 * 1024, 'x');
    const source = new Readable({
      read() {
        if (sent === 0) this.push(Buffer.from('phone,name\n'));
        if (sent >= total) return void this.push(null);
        sent += line.length;
        this.push(line);
      },
    });
    const error = await failure(source);
    expect(error.reason).toMatch(/longer than/);
    expect(error.row).toBe(2);
    expect(sent).toBeLessThan(total);
    expect(MAX_RECORD_CHARS).toBeLessThan(1024 * 1024);
  });

  it('reports a file cut inside a quoted field with the row where it stops', async () => {
    const error = await failure(Buffer.from('phone,name\n1,a\n2,"b\n3,c\n'));
    expect(error.reason).toMatch(/never closed/);
    expect(error.row).toBe(3);
  });
});
