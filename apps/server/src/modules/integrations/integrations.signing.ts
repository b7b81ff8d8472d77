import { createHmac, timingSafeEqual } from 'node:crypto';
import { outgoingReplayWindowMs } from '@kiana/contracts';

/** `sha256=<hex>` HMAC-SHA256 of `${timestamp}.${body}` with the endpoint's secret. */
export function signDelivery(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * What a receiver does (and our tests do): recompute the signature over the exact bytes,
 * compare in constant time and refuse a timestamp (epoch seconds) outside the replay window.
 */
export function verifyDelivery(input: {
  secret: string;
  timestamp: string;
  body: string;
  signature: string;
  nowMs: number;
}): boolean {
  const expected = Buffer.from(signDelivery(input.secret, input.timestamp, input.body));
  const given = Buffer.from(input.signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return false;
  const sentMs = Number(input.timestamp) * 1000;
  return Number.isFinite(sentMs) && Math.abs(input.nowMs - sentMs) <= outgoingReplayWindowMs;
}
