import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestS3, type TestS3 } from '../../../test/s3-server';
import { checkFileKey, readFile, type FileStore } from './files';
import { createLocalFileStore } from './files.local';
import { createS3FileStore } from './files.s3';

let s3: TestS3;
let dir: string;
const closers: (() => void)[] = [];

beforeAll(async () => {
  s3 = await startTestS3();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiana-files-'));
});
afterAll(async () => {
  for (const close of closers) close();
  await s3.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const backends: [string, () => FileStore][] = [
  ['the data directory', () => createLocalFileStore(path.join(dir, 'data'))],
  [
    'S3-compatible storage',
    () => {
      const store = createS3FileStore({
        bucket: s3.bucket,
        region: 'us-east-1',
        endpoint: s3.endpoint,
        forcePathStyle: true,
        credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
        prefix: 'install-1/',
      });
      closers.push(store.close);
      return store;
    },
  ],
];

describe.each(backends)('file store on %s', (_name, make) => {
  it('puts, reads, stats, overwrites and deletes a file by its relative key', async () => {
    const store = make();
    await store.put('media/m-1', Buffer.from('first'));
    expect((await readFile(store, 'media/m-1'))?.toString()).toBe('first');
    await store.put('media/m-1', Readable.from([Buffer.from('sec'), Buffer.from('ond')]));
    expect((await readFile(store, 'media/m-1'))?.toString()).toBe('second');
    expect(await store.stat('media/m-1')).toMatchObject({ size: 6 });
    await store.delete('media/m-1');
    expect(await store.get('media/m-1')).toBeUndefined();
    expect(await store.stat('media/m-1')).toBeUndefined();
    // Deleting what is already gone is what the caller wanted.
    await expect(store.delete('media/m-1')).resolves.toBeUndefined();
  });

  it('lists by prefix', async () => {
    const store = make();
    await store.put('exports/a.zip', Buffer.from('a'));
    await store.put('exports/2026/b.zip', Buffer.from('b'));
    await store.put('exportsx/c.zip', Buffer.from('c'));
    expect((await store.list('exports/')).sort()).toEqual(['exports/2026/b.zip', 'exports/a.zip']);
    expect(await store.list('nothing-here/')).toEqual([]);
  });

  it('refuses keys that could leave its root', async () => {
    const store = make();
    for (const key of [
      '../escape',
      'media/../../etc/passwd',
      '/etc/passwd',
      'a//b',
      '.hidden',
      'a\\b',
      '',
    ]) {
      await expect(store.put(key, Buffer.from('x')), key).rejects.toThrow('Invalid file key');
      await expect(store.get(key), key).rejects.toThrow('Invalid file key');
    }
    await expect(store.list('../')).rejects.toThrow('Invalid file key');
  });
});

describe('file keys', () => {
  it('accepts ids and dotted names in folders', () => {
    expect(checkFileKey('media/0b6f1c1e-6c07-4b8e-9a43-7b3bb4f1a9d2')).toBe(
      'media/0b6f1c1e-6c07-4b8e-9a43-7b3bb4f1a9d2',
    );
    expect(checkFileKey('exports/contact-1.zip')).toBe('exports/contact-1.zip');
  });

  it('keeps the local store inside its directory on disk', async () => {
    const root = path.join(dir, 'jail');
    const store = createLocalFileStore(root);
    await store.put('media/inside', Buffer.from('x'));
    expect(fs.existsSync(path.join(root, 'media', 'inside'))).toBe(true);
    expect(fs.statSync(path.join(root, 'media', 'inside')).mode & 0o077).toBe(0);
  });
});
