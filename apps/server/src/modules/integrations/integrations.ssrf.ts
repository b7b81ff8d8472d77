import dns from 'node:dns';
import net from 'node:net';
import { ValidationError } from '../../errors';

/**
 * Addresses an outgoing webhook may never reach unless an admin allows them: private,
 * loopback, link-local (which holds the cloud metadata service 169.254.169.254),
 * carrier-grade NAT, unique-local, multicast and reserved ranges. Node's BlockList matches an
 * IPv4-mapped IPv6 address (::ffff:127.0.0.1) against the IPv4 rules, so mapped forms are
 * refused too; NAT64 (64:ff9b::/96) and 6to4 (2002::/16) embed an IPv4 address and are refused
 * whole rather than decoded.
 */
const blocked = new net.BlockList();
for (const [net4, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  blocked.addSubnet(net4, prefix, 'ipv4');
for (const [net6, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96],
  ['2002::', 16],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  blocked.addSubnet(net6, prefix, 'ipv6');

/** An admin's allow-list: CIDRs (`127.0.0.1/32`, `fd00::/8`) or single addresses. */
export function allowList(entries: readonly string[]): net.BlockList {
  const list = new net.BlockList();
  for (const entry of entries) {
    const [address = '', prefix] = entry.trim().split('/');
    const type = net.isIPv6(address) ? 'ipv6' : 'ipv4';
    if (net.isIP(address) === 0) continue;
    if (prefix === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(prefix), type);
  }
  return list;
}

/** True when the address is one of the refused ranges and not on the allow-list. */
export function isForbiddenAddress(address: string, allowed: net.BlockList): boolean {
  const type = net.isIPv6(address) ? 'ipv6' : 'ipv4';
  return blocked.check(address, type) && !allowed.check(address, type);
}

/** The error of a refused address; permanent (a retry would be refused again). */
export class ForbiddenAddress extends ValidationError {
  constructor(host: string, address: string) {
    super(`The webhook URL's host ${host} resolves to ${address}, a private or reserved address`);
  }
}

/**
 * Resolves the URL's host and refuses it when any address is forbidden: checked when an
 * endpoint is saved and before each attempt. The connect-time check (`guardedLookup`) is
 * what stops DNS rebinding; this one gives an early, readable answer.
 */
export async function assertPublicUrl(url: string, allowed: net.BlockList): Promise<void> {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  const addresses =
    net.isIP(host) !== 0
      ? [{ address: host }]
      : await dns.promises.lookup(host, { all: true, verbatim: true });
  for (const { address } of addresses)
    if (isForbiddenAddress(address, allowed)) throw new ForbiddenAddress(host, address);
}

type LookupCallback = (
  err: NodeJS.ErrnoException | null,
  address: string | dns.LookupAddress[],
  family?: number,
) => void;

/**
 * A `lookup` for the socket's connect: resolves, then refuses forbidden addresses, so the
 * address connected to is the one checked (a DNS answer that changes between the check and
 * the connect cannot slip through). An IP literal host skips lookup, and was checked above.
 */
export function guardedLookup(allowed: () => net.BlockList) {
  return (hostname: string, options: dns.LookupOptions, callback: LookupCallback): void => {
    dns.lookup(hostname, { ...options, all: true, verbatim: true }, (err, addresses) => {
      if (err !== null) return callback(err, []);
      const list = allowed();
      const bad = addresses.find((a) => isForbiddenAddress(a.address, list));
      if (bad !== undefined) return callback(new ForbiddenAddress(hostname, bad.address), []);
      if (options.all === true) return callback(null, addresses);
      const first = addresses[0];
      if (first === undefined) return callback(new Error(`No address for ${hostname}`), []);
      callback(null, first.address, first.family);
    });
  };
}
