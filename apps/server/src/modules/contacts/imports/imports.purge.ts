import type { Executor } from '../../../db/executor';
import type { Clock } from '../../../platform/clock';
import type { FileStore } from '../../../platform/files/files';
import { IMPORT_KEEP_DAYS } from './imports.privacy';
import { deleteImport, deleteUpload, listOldImports, listStaleUploads } from './imports.repo';

const DAY = 24 * 3_600_000;

/**
 * Deletes uploads no import reads any more (a day after upload) and finished imports with
 * their rejected-rows files after the keep period: the files hold numbers and names.
 * The file goes first, so a crash leaves at worst a row pointing to nothing.
 */
export async function purgeImports(deps: {
  db: Executor;
  files: FileStore;
  clock: Clock;
}): Promise<number> {
  const now = deps.clock.now();
  let n = 0;
  for (const upload of await listStaleUploads(deps.db, now - DAY)) {
    await deps.files.delete(upload.fileKey);
    await deleteUpload(deps.db, upload.id);
    n++;
  }
  for (const old of await listOldImports(deps.db, now - IMPORT_KEEP_DAYS * DAY)) {
    if (old.rejectedKey !== null) await deps.files.delete(old.rejectedKey);
    await deleteImport(deps.db, old.id);
    n++;
  }
  return n;
}
