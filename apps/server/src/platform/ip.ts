import net from 'node:net';

/** The text if it is an IP address (v4 or v6), else null: what may be stored as an address. */
export function validIp(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const trimmed = value.trim();
  return net.isIP(trimmed) === 0 ? null : trimmed;
}
