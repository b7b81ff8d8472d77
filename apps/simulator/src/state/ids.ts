import { randomBytes } from 'node:crypto';

// Id generators. wamids follow the observed format (NOTES §1.4): base64 of a Thrift-compact
// struct holding the user's wa_id, a direction byte and a hex message key.

let counter = 0;
const prefix = randomBytes(3).toString('hex').toUpperCase();

/** A fresh wamid for a message to or from `waId`. */
export function newWamid(waId: string, direction: 'outbound' | 'inbound'): string {
  counter = (counter + 1) >>> 0;
  const key = `${prefix}${counter.toString(16).toUpperCase().padStart(12, '0')}`;
  const user = Buffer.from(waId, 'ascii');
  const keyBytes = Buffer.from(key, 'ascii');
  const buf = Buffer.concat([
    Buffer.from([0x1c, 0x18, user.length]),
    user,
    Buffer.from([0x15, 0x02, 0x00, direction === 'outbound' ? 0x11 : 0x12, 0x18, keyBytes.length]),
    keyBytes,
    Buffer.from([0x00]),
  ]);
  return `wamid.${buf.toString('base64')}`;
}

let numericCounter = 0;
/** A numeric Graph-style id (16 digits) for templates, media and the like. */
export function newGraphId(): string {
  numericCounter += 1;
  return `${Date.now() % 1_000_000_000}${String(numericCounter).padStart(7, '0')}`
    .slice(-16)
    .padStart(16, '1');
}

let traceCounter = 0;
const tracePrefix = randomBytes(6).toString('base64url');

/** A cheap unique trace id for response headers (no randomness per request on the hot path). */
export function nextTraceId(): string {
  traceCounter = (traceCounter + 1) >>> 0;
  return `${tracePrefix}${traceCounter.toString(36).padStart(8, '0')}`;
}

/** An fbtrace_id-like opaque string. */
export function newTraceId(): string {
  return randomBytes(12).toString('base64url');
}
