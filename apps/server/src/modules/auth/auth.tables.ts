/** The auth module's tables: users, recovery codes, sessions, API keys, login throttles. */
export interface AuthTables {
  users: {
    id: string;
    /** Lower-cased; unique. */
    username: string;
    displayName: string;
    role: string;
    /** argon2id PHC string. */
    passwordHash: string;
    isActive: number;
    /** Encrypted envelope (crypto/envelope.ts), bound to the row. */
    totpSecret: string | null;
    /** A secret being enrolled, not yet confirmed by a code. */
    totpPendingSecret: string | null;
    /** The last accepted TOTP time step, so a code cannot be replayed. */
    totpLastStep: number | null;
    passwordChangedAt: number;
    lastLoginAt: number | null;
    lastLoginIp: string | null;
    lastFailedLoginAt: number | null;
    /** A panel language (en, es, pt-BR, ar, fa); null: the browser's. */
    language: string | null;
    /** An IANA time zone; null: the browser's. */
    timeZone: string | null;
    /** gregory | persian; null: the language's usual one. */
    calendar: string | null;
    createdAt: number;
    updatedAt: number;
  };
  recoveryCodes: {
    id: string;
    userId: string;
    /** SHA-256 of the code: codes are random, so a fast hash suffices. */
    codeHash: string;
    usedAt: number | null;
    createdAt: number;
  };
  sessions: {
    /** SHA-256 of the cookie value; the value itself is never stored. */
    id: string;
    userId: string;
    csrfToken: string;
    ip: string | null;
    userAgent: string | null;
    createdAt: number;
    lastSeenAt: number;
    expiresAt: number;
    revokedAt: number | null;
  };
  apiKeys: {
    id: string;
    name: string;
    /** The first characters of the key, to recognise it in lists. */
    prefix: string;
    keyHash: string;
    /** JSON array of scopes. */
    scopes: string;
    createdBy: string | null;
    createdAt: number;
    lastUsedAt: number | null;
    expiresAt: number | null;
    revokedAt: number | null;
  };
  loginThrottles: {
    /** `ip:<address>` or `user:<username>`. */
    key: string;
    failures: number;
    lockedUntil: number;
    updatedAt: number;
  };
}
