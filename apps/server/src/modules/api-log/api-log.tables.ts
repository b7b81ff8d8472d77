/** The Graph API call log: one row per finished call, without token, query string or body. */
export interface ApiLogTables {
  graphApiCalls: {
    id: string;
    /** When the call started (epoch ms). */
    at: number;
    accountId: string | null;
    phoneNumberId: string | null;
    method: string;
    /** Path with the ids it names, e.g. `/v23.0/106540352242922/messages`; no query string. */
    path: string;
    /** Message type or `template:<name>` for sends; never the body or the recipient. */
    note: string | null;
    /** Absent when no answer came (network failure, timeout). */
    httpStatus: number | null;
    /** 1 when the call succeeded. */
    ok: number;
    /** The error class (whatsapp/graph.classify.ts) of a failed call. */
    classification: string | null;
    errorCode: number | null;
    errorSubcode: number | null;
    durationMs: number;
    fbtraceId: string | null;
  };
}
