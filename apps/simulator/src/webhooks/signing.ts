import { createHmac, createSecretKey, type KeyObject } from 'node:crypto';

// Meta sends webhook JSON ASCII-only, every non-ASCII UTF-16 code unit as a lowercase
// `\uXXXX` escape (emoji become surrogate pairs), and signs exactly those bytes
// (NOTES §3.3). Compact JSON, like Python's json.dumps(separators=(",",":"), ensure_ascii=True).

const nonAscii = /[\u0080-\uffff]/g;

/** Compact JSON with every non-ASCII code unit escaped as `\uXXXX` (lowercase hex). */
export function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(
    nonAscii,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** A reusable HMAC key (key objects hash faster than raw strings, TOOLCHAIN.md). */
export function signingKey(appSecret: string): KeyObject {
  return createSecretKey(Buffer.from(appSecret, 'utf8'));
}

/** The `X-Hub-Signature-256` header value for these exact bytes. */
export function signature(key: KeyObject, body: Buffer): string {
  return `sha256=${createHmac('sha256', key).update(body).digest('hex')}`;
}
