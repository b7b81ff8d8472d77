/** Stored first answers of POSTs sent with an `Idempotency-Key`. */
export interface IdempotencyTables {
  idempotencyKeys: {
    principal: string;
    key: string;
    requestHash: string;
    state: 'in_progress' | 'done';
    responseStatus: number | null;
    responseType: string | null;
    responseBody: string | null;
    createdAt: number;
    expiresAt: number;
  };
}
