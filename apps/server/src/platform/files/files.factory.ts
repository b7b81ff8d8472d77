import type { FilesConfig } from '../../config';
import type { FileStore } from './files';
import { createLocalFileStore } from './files.local';
import { createS3FileStore } from './files.s3';

/** The file store the configuration selects; `close` releases its connections. */
export function createFileStore(
  files: FilesConfig,
  dataDir: string,
): FileStore & { close(): void } {
  if (files.kind === 's3') return createS3FileStore(files);
  return { ...createLocalFileStore(dataDir), close: () => undefined };
}
