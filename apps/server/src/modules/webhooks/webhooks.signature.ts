import { createHmac, createSecretKey, timingSafeEqual, type KeyObject } from 'node:crypto';
import type { WebhookAccountDirectory, WebhookCredential } from './webhooks.directory';

const HEADER = /^sha256=([0-9a-fA-F]{64})$/;
// Credentials are cached so a delivery costs no database read and no decryption; a miss
// re-reads them (at most this often) so a newly connected account works at once.
const REFRESH_MS = 30_000;
const MISS_REFRESH_MS = 2_000;

interface SecretGroup {
  key: KeyObject;
  accounts: WebhookCredential[];
}

/** Which accounts a verified body may belong to (several may share one app secret). */
export interface SignatureMatch {
  accounts: WebhookCredential[];
}

/**
 * Verifies `X-Hub-Signature-256`: HMAC-SHA256 of the raw bytes keyed with the app secret,
 * lowercase hex after `sha256=` (NOTES §3.3). Checking cannot be switched off: with no
 * account configured, nothing verifies and everything is refused.
 */
export class SignatureVerifier {
  private groups: SecretGroup[] = [];
  private loadedAt = -Infinity;
  private loading: Promise<void> | undefined;

  constructor(
    private readonly directory: WebhookAccountDirectory,
    private readonly now: () => number = Date.now,
  ) {}

  /** Forgets cached credentials (an account changed). */
  invalidate(): void {
    this.loadedAt = -Infinity;
  }

  /** The accounts whose secret signed these bytes, or null when none did. */
  async verify(raw: Buffer, header: string | undefined): Promise<SignatureMatch | null> {
    const match = header === undefined ? null : HEADER.exec(header.trim());
    if (match === null) return null;
    const given = Buffer.from((match[1] ?? '').toLowerCase(), 'hex');
    if (this.now() - this.loadedAt > REFRESH_MS) await this.load();
    let found = this.check(raw, given);
    if (found === null && this.now() - this.loadedAt > MISS_REFRESH_MS) {
      await this.load();
      found = this.check(raw, given);
    }
    return found;
  }

  /** The verify tokens of every account, for the GET handshake. */
  async verifyTokens(): Promise<string[]> {
    await this.load();
    return this.groups.flatMap((g) => g.accounts.map((a) => a.verifyToken)).filter((t) => t !== '');
  }

  /** The credentials, from the cache unless it is stale. */
  async credentials(): Promise<WebhookCredential[]> {
    if (this.now() - this.loadedAt > REFRESH_MS) await this.load();
    return this.groups.flatMap((g) => g.accounts);
  }

  private check(raw: Buffer, given: Buffer): SignatureMatch | null {
    for (const group of this.groups) {
      const expected = createHmac('sha256', group.key).update(raw).digest();
      if (expected.length === given.length && timingSafeEqual(expected, given))
        return { accounts: group.accounts };
    }
    return null;
  }

  private async load(): Promise<void> {
    this.loading ??= (async () => {
      try {
        const credentials = await this.directory.listWebhookCredentials();
        const bySecret = new Map<string, WebhookCredential[]>();
        for (const c of credentials) {
          if (c.appSecret === '') continue;
          bySecret.set(c.appSecret, [...(bySecret.get(c.appSecret) ?? []), c]);
        }
        this.groups = [...bySecret].map(([secret, accounts]) => ({
          key: createSecretKey(Buffer.from(secret, 'utf8')),
          accounts,
        }));
        this.loadedAt = this.now();
      } finally {
        this.loading = undefined;
      }
    })();
    await this.loading;
  }
}

/** Constant-time check of a verify token against the configured ones. */
export function isVerifyTokenValid(given: string, tokens: readonly string[]): boolean {
  const g = Buffer.from(given, 'utf8');
  let ok = false;
  for (const t of tokens) {
    const b = Buffer.from(t, 'utf8');
    // Compare equal-length buffers only; the length itself is not a secret worth hiding.
    if (b.length === g.length && timingSafeEqual(b, g)) ok = true;
  }
  return ok;
}

/** `sha256=<hex>` for a body, as Meta (and the simulator) sends it. */
export function signBody(raw: Buffer | string, appSecret: string): string {
  return `sha256=${createHmac('sha256', appSecret).update(raw).digest('hex')}`;
}
