/**
 * Events the accounts module publishes on the bus (SSE to the browser, and the campaigns
 * module, which pauses a number's running campaigns on `accounts.quality_dropped`).
 */
declare module '../../events/bus' {
  interface EventMap {
    'accounts.changed': {
      accountId: string;
      change: 'created' | 'updated' | 'deleted' | 'checked' | 'synced';
    };
    'accounts.health': {
      accountId: string;
      phoneNumberId: string | null;
      kind: string;
      previousValue: string | null;
      newValue: string | null;
      severity: 'info' | 'warning' | 'critical';
      message: string;
    };
    'accounts.quality_dropped': {
      accountId: string;
      phoneNumberId: string;
      previousRating: string | null;
      rating: string;
    };
    /**
     * An account's webhook credentials (app secret, verify token, WABA) changed or the
     * account came or went: caches of them must be dropped. Ids only, never a secret; the
     * relay carries it to the other processes.
     */
    'accounts.app_secret_changed': {
      accountId: string;
    };
    'accounts.webhook': {
      accountId: string | null;
      kind: 'received' | 'signature_failure';
      at: number;
    };
  }
}

export {};
