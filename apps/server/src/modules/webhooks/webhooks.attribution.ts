import type { WebhookEnvelope } from '@kiana/contracts';
import type { WebhookCredential } from './webhooks.directory';

/** The note a stored event carries when some of its entries were not the signer's to apply. */
export const FOREIGN_SIGNER_NOTE = "signed by another account's app secret";

/** The part of a body one account may apply, as an envelope of its own. */
export interface AttributedPart {
  accountId: string;
  envelope: WebhookEnvelope;
}

export interface Attribution {
  /** One per account, in the order its first entry came; empty when nothing may be applied. */
  parts: AttributedPart[];
  /** What was left unapplied, for the event's error column. */
  foreign: string[];
  /** The account the stored event is listed under. */
  accountId: string | null;
}

type Entry = WebhookEnvelope['entry'][number];
type Change = Entry['changes'][number];

const MAX_NOTES = 5;

/** The phone number id a change names (`metadata.phone_number_id`), if any. */
function phoneNumberOf(change: Change): string | undefined {
  const value = change.value as { metadata?: { phone_number_id?: unknown } } | null;
  const id =
    typeof value === 'object' && value !== null ? value.metadata?.phone_number_id : undefined;
  return typeof id === 'string' ? id : undefined;
}

/**
 * Splits a verified body by account. The signature proves only that the secret of one of
 * `signers` (the accounts sharing that app secret) signed it, so an entry is applied only
 * when its WABA (`entry[].id`, NOTES §3.2) is a signer's, and a change naming a phone number
 * only when that number is a signer's — each under the account that owns it, not the first
 * entry's. A number no account knows yet (not synced) stays with its entry's account; a
 * number of an account outside the signers is never applied. `known` are the cached
 * credentials of every account, with their numbers (dropped whenever accounts change).
 */
export function attributeEntries(
  envelope: WebhookEnvelope,
  signers: readonly WebhookCredential[],
  known: readonly WebhookCredential[],
): Attribution {
  const signerIds = new Set(signers.map((s) => s.accountId));
  const cachedOwner = new Map<string, string>();
  for (const c of known) for (const n of c.phoneNumberIds ?? []) cachedOwner.set(n, c.accountId);
  const ownerOf = (phoneNumberId: string): string | null => cachedOwner.get(phoneNumberId) ?? null;

  const foreign: string[] = [];
  const note = (text: string): void => {
    if (foreign.length < MAX_NOTES) foreign.push(`${text}: ${FOREIGN_SIGNER_NOTE}`);
  };
  const byAccount = new Map<string, Entry[]>();
  const keep = (accountId: string, entry: Entry, change: Change): void => {
    const entries = byAccount.get(accountId) ?? [];
    const last = entries[entries.length - 1];
    if (last?.id === entry.id) last.changes.push(change);
    else entries.push({ ...entry, changes: [change] });
    byAccount.set(accountId, entries);
  };

  for (const entry of envelope.entry) {
    const entryAccount = signers.find((s) => s.wabaId === entry.id)?.accountId;
    if (entryAccount === undefined) {
      note(`entry for WABA ${entry.id.slice(0, 40)}`);
      continue;
    }
    for (const change of entry.changes) {
      const phoneNumberId = phoneNumberOf(change);
      if (phoneNumberId === undefined) {
        keep(entryAccount, entry, change);
        continue;
      }
      const owner = ownerOf(phoneNumberId);
      if (owner === null) keep(entryAccount, entry, change);
      else if (signerIds.has(owner)) keep(owner, entry, change);
      else note(`${change.field} for phone number ${phoneNumberId.slice(0, 40)}`);
    }
  }

  const parts = [...byAccount].map(([accountId, entry]) => ({
    accountId,
    envelope: { ...envelope, entry },
  }));
  const firstEntryAccount = signers.find((s) => s.wabaId === envelope.entry[0]?.id)?.accountId;
  return {
    parts,
    foreign,
    accountId: parts[0]?.accountId ?? firstEntryAccount ?? signers[0]?.accountId ?? null,
  };
}

/** An inline outcome with the attribution's notes added: never `processed` when some were left. */
export function withForeignNotes<O extends { status: string; error: string | null }>(
  outcome: O | undefined,
  foreign: readonly string[],
): O | { status: 'flagged' | 'pending'; error: string | null } | undefined {
  if (foreign.length === 0) return outcome;
  const error = [
    ...foreign,
    ...(outcome?.error === null || outcome === undefined ? [] : [outcome.error]),
  ].join('; ');
  return { status: outcome?.status === 'pending' ? 'pending' : 'flagged', error };
}
