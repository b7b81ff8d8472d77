import { createHash, randomBytes } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';

const PERIOD = 30;
const ISSUER = 'Kiana WhatsApp Panel';

/** A fresh 160-bit TOTP secret in base32 (RFC 4226 recommends 160 bits). */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totpOf(secret: string, username: string): TOTP {
  return new TOTP({
    issuer: ISSUER,
    label: username,
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD,
    secret: Secret.fromBase32(secret),
  });
}

/** The otpauth:// URL and a QR code (data URL, rendered locally) for authenticator apps. */
export async function totpEnrolment(
  secret: string,
  username: string,
): Promise<{ otpauthUrl: string; qrDataUrl: string }> {
  const otpauthUrl = totpOf(secret, username).toString();
  const qrDataUrl = await QRCode.toDataURL(otpauthUrl, {
    errorCorrectionLevel: 'M',
    margin: 1,
    width: 220,
  });
  return { otpauthUrl, qrDataUrl };
}

/**
 * The time step a code is valid for (one step of clock drift either way), or undefined.
 * Callers store the step and refuse steps not newer than the last one (no replay).
 */
export function matchTotp(secret: string, code: string, now: number): number | undefined {
  const delta = totpOf(secret, 'x').validate({ token: code, timestamp: now, window: 1 });
  if (delta === null) return undefined;
  return Math.floor(now / 1000 / PERIOD) + delta;
}

/** The current code; for tests and the CLI. */
export function currentTotp(secret: string, now: number): string {
  return totpOf(secret, 'x').generate({ timestamp: now });
}

/** Ten one-time recovery codes like `k7f3-9x2m-q4tz`. */
export function newRecoveryCodes(count = 10): string[] {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  return Array.from({ length: count }, () => {
    const bytes = randomBytes(12);
    const chars = [...bytes].map((b) => alphabet[b % alphabet.length] ?? 'a').join('');
    return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
  });
}

/** SHA-256 of a normalised recovery code. */
export function hashRecoveryCode(code: string): string {
  return createHash('sha256').update(code.trim().toLowerCase().replace(/[\s-]/g, '')).digest('hex');
}
