/** Every signed webhook body, stored before it is acknowledged. */
export interface WebhooksTables {
  webhookEvents: {
    id: string;
    receivedAt: number;
    bodyHash: string;
    accountId: string | null;
    wabaId: string | null;
    /** The change field, or several joined by commas. */
    field: string;
    /** Only `valid` is ever stored: bad signatures are refused before storage. */
    signature: string;
    status: 'pending' | 'processed' | 'failed' | 'flagged';
    error: string | null;
    /** Space-separated message ids and phone numbers, for the log's search box. */
    search: string;
    itemCount: number;
    raw: string;
    attempts: number;
    processedAt: number | null;
    /**
     * 1 when entries for accounts other than the signer's were left unapplied (the column
     * defaults to 0, hence optional on insert).
     */
    foreignSigner?: number;
  };
}
