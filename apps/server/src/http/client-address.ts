import type { FastifyRequest } from 'fastify';
import type { TrustProxy } from '../config';
import { validIp } from '../platform/ip';

/**
 * Fastify's `trustProxy` for the configured rule. Off: `request.ip` is the socket's peer and
 * X-Forwarded-Proto/-Host are ignored. Hops: the N nearest peers are proxies (Fastify's own
 * number option now trusts nothing, so it is spelled as a function). Addresses: only those
 * peers (IPs, CIDRs, or proxy-addr's names loopback/linklocal/uniquelocal).
 */
export function trustProxyOption(
  rule: TrustProxy,
): false | string[] | ((address: string, hop: number) => boolean) {
  if (rule.mode === 'off') return false;
  if (rule.mode === 'hops') {
    const { hops } = rule;
    return (_address, hop) => hop < hops;
  }
  return rule.addresses;
}

/**
 * The client's address: `request.ip` (which the trust rule derives from X-Forwarded-For)
 * when it is an IP, else the socket's peer. A trusted proxy can still pass on garbage, and a
 * stored address must never be free text (HTML, spreadsheet formulas). Use this, never
 * `request.ip` (the lint rule enforces it).
 */
export function clientAddress(request: FastifyRequest): string {
  // eslint-disable-next-line no-restricted-properties -- the one reader of request.ip
  const derived = validIp(request.ip);
  if (derived !== null) return derived;
  return validIp(request.raw.socket.remoteAddress) ?? '0.0.0.0';
}
