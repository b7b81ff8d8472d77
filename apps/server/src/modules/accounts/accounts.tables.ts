/** Tables of the accounts module (camelCase in code, snake_case in the database). */
export interface AccountsTables {
  waAccounts: {
    id: string;
    name: string;
    wabaId: string;
    appId: string | null;
    apiVersion: string;
    /** Sealed with crypto/secrets.ts; see accounts.secrets.ts. */
    accessToken: string | null;
    appSecret: string | null;
    verifyToken: string | null;
    /** `unknown` until tested, then `connected` or `error`. */
    connectionStatus: string;
    /** JSON of the last failed check: `{ kind, message, metaCode }`. */
    connectionError: string | null;
    checkedAt: number | null;
    wabaName: string | null;
    /** Business-wide messaging limit tier (TIER_250 … TIER_UNLIMITED). */
    messagingLimitTier: string | null;
    reviewStatus: string | null;
    /** JSON of the latest `account_update` restriction / violation / ban, or null. */
    restriction: string | null;
    createdAt: number;
    updatedAt: number;
  };
  waPhoneNumbers: {
    id: string;
    accountId: string;
    phoneNumberId: string;
    displayPhoneNumber: string;
    verifiedName: string | null;
    qualityRating: string | null;
    throughputLevel: string | null;
    nameStatus: string | null;
    status: string | null;
    refreshedAt: number;
    createdAt: number;
  };
  waHealthEvents: {
    id: string;
    accountId: string;
    phoneNumberId: string | null;
    /** quality | messaging_limit | throughput | status | account */
    kind: string;
    previousValue: string | null;
    newValue: string | null;
    /** info | warning | critical; warning and critical are alerts until acknowledged. */
    severity: string;
    /** sync | webhook */
    source: string;
    message: string;
    at: number;
    acknowledgedAt: number | null;
  };
  waWebhookHealth: {
    /** An account id, or `unknown` for deliveries no account could be found for. */
    key: string;
    lastReceivedAt: number | null;
    lastSignatureFailureAt: number | null;
  };
}
