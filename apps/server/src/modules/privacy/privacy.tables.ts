import type { ColumnType } from 'kysely';

/** Tables of the privacy module: deletion requests, the suppression list, purge runs, legal page versions, data exports. */
export interface PrivacyTables {
  deletionRequests: {
    id: string;
    /** The confirmation code the requester keeps (status page, Meta's callback answer). */
    code: string;
    /** form | meta_callback | email | whatsapp | admin */
    source: string;
    /** pending | in_progress | done | rejected */
    status: string;
    /** Who the request is about; nulled when the request is executed. */
    phoneE164: string | null;
    email: string | null;
    message: string | null;
    /** Meta's app-scoped user id from a data deletion callback. */
    metaUserId: string | null;
    /** SHA-256 of the callback's signature: a replay answers this request again. */
    callbackKey: string | null;
    /** What stays after execution to recognise the request: e.g. `…67`. */
    subjectHint: string | null;
    receivedAt: number;
    dueAt: number;
    startedAt: number | null;
    completedAt: number | null;
    rejectedReason: string | null;
    /** JSON `{ table: rows }` of the execution: counts only. */
    counts: string | null;
    handledBy: string | null;
    updatedAt: number;
    /** deletion | correction (the column defaults to deletion for older rows). */
    kind: ColumnType<string, string | undefined, string>;
    /** A correction: what the requester says is wrong, and what it should be. */
    correctionWrong: string | null;
    correctionWanted: string | null;
    /** The panel language the requester wrote in (public form), for the admin's answer. */
    language: string | null;
    /** A fulfilled correction: the contact fields changed, comma-separated names only. */
    correctedFields: string | null;
  };
  suppressionList: {
    /** HMAC-SHA256 of the E.164 number under a key derived from the master keyring. */
    hash: string;
    /** deletion_request | retention */
    reason: string;
    requestId: string | null;
    createdAt: number;
  };
  purgeRuns: {
    id: string;
    /** schedule | manual | cli */
    trigger: string;
    dryRun: number;
    /** running | done | failed */
    status: string;
    startedAt: number;
    finishedAt: number | null;
    rows: number;
    files: number;
    /** JSON `{ table: rows }`. */
    counts: string;
    error: string | null;
  };
  legalVersions: {
    id: string;
    /** privacy | terms | data-deletion | support */
    page: string;
    /** The panel language the text is written in. */
    language: string;
    version: number;
    markdown: string;
    effectiveAt: number;
    publishedAt: number;
    publishedBy: string | null;
  };
  privacyExports: {
    id: string;
    /** The contact exported (contact route), or null. */
    contactId: string | null;
    /** The deletion or access request exported (request route), or null. */
    requestId: string | null;
    /** The archive in the file store: `exports/<id>.zip`. */
    fileKey: string;
    /** The name the download is offered under. */
    filename: string;
    bytes: number;
    /** The user who built it. */
    createdBy: string | null;
    createdAt: number;
  };
}
