/** Contact imports and exports: uploads, import runs with their checkpoint, rejected rows. */
export interface ContactImportsTables {
  /** A file uploaded for an import, waiting in the file store under `fileKey`. */
  contactUploads: {
    id: string;
    fileKey: string;
    format: 'csv' | 'json';
    size: number;
    fileName: string | null;
    createdBy: string | null;
    createdAt: number;
  };
  /** One import run. Counters and `rowsDone` are the checkpoint, written with each batch. */
  contactImports: {
    id: string;
    uploadId: string;
    /** JSON of the validated request: encoding, delimiter, mapping, policy, default country. */
    options: string;
    status: ImportStatus;
    /** Data rows consumed (applied, rejected or counted as duplicate): where a resume starts. */
    rowsDone: number;
    /** Bytes of the file read when the last batch was committed, for the percentage. */
    bytesDone: number;
    bytesTotal: number;
    created: number;
    updated: number;
    unchanged: number;
    invalid: number;
    duplicate: number;
    /** Why the file could not be read, with the row where reading stopped. */
    error: string | null;
    /** File-store key of the rejected-rows CSV, written when the import finishes. */
    rejectedKey: string | null;
    createdBy: string | null;
    createdAt: number;
    updatedAt: number;
    finishedAt: number | null;
  };
  /** A rejected row of an import, kept until the import's CSV of rejected rows is written. */
  contactImportRejects: {
    importId: string;
    rowNumber: number;
    value: string;
    reason: string;
  };
  /**
   * Numbers an import had already applied, written by earlier versions; no longer written
   * (the reader keeps them in memory, imports.seen.ts) and emptied as such imports finish.
   */
  contactImportSeen: {
    importId: string;
    phoneE164: string;
    /** The row that brought it, named in the reason of its duplicates. */
    rowNumber: number;
  };
  /** One export run of contacts to CSV. */
  contactExports: {
    id: string;
    /** JSON of the filter (all contacts, or a segment). */
    filter: string;
    status: ImportStatus;
    rowCount: number;
    fileKey: string | null;
    error: string | null;
    createdBy: string | null;
    createdAt: number;
    updatedAt: number;
    finishedAt: number | null;
  };
}

export type ImportStatus = 'queued' | 'running' | 'done' | 'failed';
