import net from 'node:net';
import { createHash, timingSafeEqual } from 'node:crypto';

/** Parses `ip` or `ip/bits`; null when it is neither. */
export function parseBlock(
  entry: string,
): { ip: string; bits: number; family: 'ipv4' | 'ipv6' } | null {
  const [ip = '', bits, ...rest] = entry.trim().split('/');
  const family = net.isIP(ip);
  if (family === 0 || rest.length > 0) return null;
  const max = family === 4 ? 32 : 128;
  const n = bits === undefined ? max : Number(bits);
  if (bits !== undefined && (!/^\d+$/.test(bits) || n > max)) return null;
  return { ip, bits: n, family: family === 4 ? 'ipv4' : 'ipv6' };
}

/**
 * Whether `address` (the client address as `clientAddress` derives it) is in the list; an
 * empty list allows every address. An IPv4-mapped IPv6 address (`::ffff:10.0.0.1`) matches
 * its IPv4 block, as a dual-stack socket reports IPv4 peers that way.
 */
export function isAddressAllowed(address: string, allowList: readonly string[]): boolean {
  if (allowList.length === 0) return true;
  const list = new net.BlockList();
  for (const entry of allowList) {
    const block = parseBlock(entry);
    if (block !== null) list.addSubnet(block.ip, block.bits, block.family);
  }
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  const ip = mapped ?? address;
  const family = net.isIP(ip);
  if (family === 0) return false;
  return list.check(ip, family === 4 ? 'ipv4' : 'ipv6');
}

/** The bearer token of an Authorization header, or null. */
export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1] ?? null;
}

/** Constant-time comparison (of digests, so lengths do not leak either). */
export function tokensMatch(given: string, expected: string): boolean {
  if (expected === '') return false;
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}
