/** Admin-tuned settings (key → JSON value), installation secrets and the record of applied seeds. */
export interface SystemTables {
  settings: {
    key: string;
    value: string;
    /** A secret setting's value, sealed (crypto/secrets.ts); NULL for plain settings. */
    secretValue: string | null;
    updatedAt: number;
  };
  /** Installation secrets sealed under the master key (see crypto/system-secrets.ts). */
  systemSecrets: {
    name: string;
    value: string;
    createdAt: number;
  };
  seedRuns: {
    key: string;
    appliedAt: number;
  };
}
