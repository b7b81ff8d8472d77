import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { checkFileKey, checkFilePrefix, type FileStore } from './files';

const isMissing = (error: unknown): boolean =>
  (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';

/** Files under a directory (the data directory): owner-only permissions, atomic writes. */
export function createLocalFileStore(root: string): FileStore {
  const base = path.resolve(root);
  const full = (key: string): string => path.join(base, ...checkFileKey(key).split('/'));

  return {
    kind: 'local',
    async put(key, data) {
      const file = full(key);
      await fsp.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
      // Written beside its place, then renamed: a reader never sees half a file.
      const part = `${file}.${randomUUID()}.part`;
      try {
        if (data instanceof Readable) {
          await pipeline(data, fs.createWriteStream(part, { mode: 0o600 }));
        } else {
          await fsp.writeFile(part, data, { mode: 0o600 });
        }
        await fsp.rename(part, file);
      } catch (error) {
        await fsp.rm(part, { force: true });
        throw error;
      }
    },
    async get(key) {
      const file = full(key);
      try {
        const handle = await fsp.open(file, 'r');
        return handle.createReadStream();
      } catch (error) {
        if (isMissing(error)) return undefined;
        throw error;
      }
    },
    async stat(key) {
      try {
        const s = await fsp.stat(full(key));
        return s.isFile() ? { size: s.size, modifiedAt: s.mtimeMs } : undefined;
      } catch (error) {
        if (isMissing(error)) return undefined;
        throw error;
      }
    },
    async delete(key) {
      await fsp.rm(full(key), { force: true });
    },
    async list(prefix) {
      checkFilePrefix(prefix);
      // Walk only the directory the prefix names (or its parent), never the whole data dir.
      const dirKey = prefix.includes('/') ? prefix.slice(0, prefix.lastIndexOf('/')) : '';
      const dir = dirKey === '' ? base : path.join(base, ...dirKey.split('/'));
      let entries: fs.Dirent[];
      try {
        entries = await fsp.readdir(dir, { recursive: true, withFileTypes: true });
      } catch (error) {
        if (isMissing(error)) return [];
        throw error;
      }
      return entries
        .filter((e) => e.isFile() && !e.name.endsWith('.part'))
        .map((e) => path.relative(base, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
        .filter((key) => key.startsWith(prefix));
    },
  };
}
