/**
 * Every lock name of the application in one place, so two features cannot pick the same
 * key by accident. Leases (the `leases` table) are named `<namespace>:<id>`; advisory locks
 * (PostgreSQL, transaction-scoped) use the two-integer form with the namespace number.
 */
export const leaseNamespaces = {
  /** The one dispatcher of a sending phone number (campaigns). */
  dispatcher: 'dispatcher',
  /** A singleton task of the installation that must not run twice at once. */
  singleton: 'singleton',
} as const;

export type LeaseNamespace = keyof typeof leaseNamespaces;

/** The lease name for `id` in a namespace, e.g. `dispatcher:106540352242922`. */
export function leaseName(namespace: LeaseNamespace, id: string): string {
  return `${leaseNamespaces[namespace]}:${id}`;
}

/** Advisory lock namespaces: the first key of `pg_advisory_xact_lock(int, int)`. */
export const advisoryNamespaces = {
  /** Serialises "hold a status for an unknown wamid" with "store that message" per wamid. */
  wamid: 1,
  /** Serialises the inbox automations' decisions on one conversation (one reply per period). */
  automation: 2,
} as const;

export type AdvisoryNamespace = keyof typeof advisoryNamespaces;
