import { randomUUID } from 'node:crypto';
import type { Executor } from '../../../db/executor';
import { tagNameKey } from '../contacts.tables';
import { insertConsentEvents } from '../consent.repo';
import {
  addContactTags,
  ensureTags,
  findContactsByPhones,
  findContactTags,
  upsertImportedContacts,
  type ContactWrite,
  type StoredContact,
} from './imports.contacts.repo';
import { advanceCheckpoint, insertRejects, type Checkpoint } from './imports.repo';
import type { ImportedContact, RejectedRow, RowOutcome } from './imports.rows';
import { timeOrderedIdFactory } from './imports.ids';

// New contacts get time-ordered ids: their inserts append to the keys (see imports.ids.ts).
const newContactId = timeOrderedIdFactory();

/** What to do with a contact that exists already. */
export type ImportPolicy = 'update' | 'skip' | 'merge_tags';

/** One batch of read rows, and where the file was after its last row. */
export interface Batch {
  importId: string;
  policy: ImportPolicy;
  outcomes: readonly RowOutcome[];
  /** The checkpoint before this batch (the fence) and the bytes read after it. */
  before: Checkpoint;
  bytesDone: number;
  now: number;
}

/**
 * Applies a batch in the caller's transaction: duplicates (within the file, marked by the
 * reader, imports.batches.ts) and invalid rows counted and stored as rejects, contacts created or updated by the policy in
 * multi-row statements, tags added, rejected rows stored, and the checkpoint moved: all of it
 * or nothing.
 */
export async function applyBatch(tx: Executor, batch: Batch): Promise<Checkpoint> {
  const next: Checkpoint = {
    ...batch.before,
    rowsDone: batch.before.rowsDone + batch.outcomes.length,
    bytesDone: batch.bytesDone,
  };
  const rejects: RejectedRow[] = [];
  const toApply: ImportedContact[] = [];
  for (const o of batch.outcomes) {
    if (o.kind === 'contact') toApply.push(o.contact);
    else {
      rejects.push(o.reject);
      if (o.kind === 'duplicate') next.duplicate++;
      else next.invalid++;
    }
  }
  const stored = await findContactsByPhones(
    tx,
    toApply.map((c) => c.e164),
  );
  const tagIds = await ensureTags(
    tx,
    toApply.flatMap((c) => c.tags),
    batch.now,
    randomUUID,
  );
  const existingIds = [...stored.values()].map((s) => s.id);
  const carried = batch.policy === 'skip' ? new Map() : await findContactTags(tx, existingIds);
  const writes: ContactWrite[] = [];
  const newTags: { contactId: string; tagId: string }[] = [];
  for (const c of toApply) {
    const existing = stored.get(c.e164);
    const wanted = c.tags.map((t) => tagIds.get(tagNameKey(t))).filter((t) => t !== undefined);
    if (existing === undefined) {
      const id = newContactId();
      writes.push(createFrom(c, id, batch));
      for (const tagId of wanted) newTags.push({ contactId: id, tagId });
      next.created++;
      continue;
    }
    if (batch.policy === 'skip') {
      next.unchanged++;
      continue;
    }
    const has = carried.get(existing.id) ?? new Set<string>();
    const added = wanted.filter((t) => !has.has(t));
    for (const tagId of added) newTags.push({ contactId: existing.id, tagId });
    const merged = batch.policy === 'update' ? mergeInto(existing, c, batch) : undefined;
    if (merged !== undefined) writes.push({ ...merged, now: batch.now });
    if (merged !== undefined || added.length > 0) next.updated++;
    else next.unchanged++;
  }
  await upsertImportedContacts(tx, writes);
  // A consent the file set is a choice like any other: it goes into the ledger, with the
  // import as its evidence, in the same transaction as the contact it changed.
  await insertConsentEvents(
    tx,
    writes.flatMap((w) => {
      const before = stored.get(w.phoneE164 ?? '')?.marketingConsent ?? 'unknown';
      if (w.marketingConsent === before || w.marketingConsent === 'unknown') return [];
      return [
        {
          id: randomUUID(),
          contactId: w.id,
          state: w.marketingConsent,
          occurredAt: batch.now,
          recordedAt: batch.now,
          source: 'import',
          detail: null,
          messageId: null,
          importId: batch.importId,
          userId: null,
          note: null,
          applied: 1,
        },
      ];
    }),
  );
  await addContactTags(tx, newTags, batch.now);
  await insertRejects(
    tx,
    rejects.map((r) => ({
      importId: batch.importId,
      rowNumber: r.row,
      value: r.value,
      reason: r.reason,
    })),
  );
  await advanceCheckpoint(tx, batch.importId, batch.before.rowsDone, next, batch.now);
  return next;
}

/**
 * A new contact from a row: what `mergeInto` gives over a blank contact (consent unknown),
 * built as one literal (no spreads, no JSON read back and compared), since it runs for every
 * row of a first import.
 */
function createFrom(c: ImportedContact, id: string, batch: Batch): ContactWrite {
  const source = `import:${batch.importId}`;
  const optOut = c.consent === false;
  const optIn = c.consent === true;
  return {
    id,
    phoneE164: c.e164,
    country: c.country,
    name: c.name,
    language: c.language,
    attributes: JSON.stringify(c.attributes),
    marketingConsent: optOut ? 'opted_out' : optIn ? 'opted_in' : 'unknown',
    isOptedOut: optOut ? 1 : 0,
    optedOutAt: optOut ? batch.now : null,
    optOutSource: optOut ? source : null,
    optedInAt: optIn ? batch.now : null,
    optInSource: optIn ? source : null,
    consentChangedAt: optOut || optIn ? batch.now : null,
    now: batch.now,
  };
}

/**
 * The stored contact with the file's values laid over it, or undefined when nothing would
 * change (so importing the same file twice writes nothing). Empty cells never erase a stored
 * value. Consent from a file only fills what is unknown, except an opt-out, which always
 * counts: a list saying "yes" must not undo a STOP the person sent.
 */
export function mergeInto(
  stored: StoredContact,
  c: ImportedContact,
  batch: Pick<Batch, 'importId' | 'now'>,
): StoredContact | undefined {
  const attributes = {
    ...(JSON.parse(stored.attributes) as Record<string, unknown>),
    ...c.attributes,
  };
  const next: StoredContact = {
    ...stored,
    name: c.name ?? stored.name,
    language: c.language ?? stored.language,
    attributes: JSON.stringify(attributes),
    ...consentChange(stored, c.consent, `import:${batch.importId}`, batch.now),
  };
  const changed =
    next.name !== stored.name ||
    next.language !== stored.language ||
    next.marketingConsent !== stored.marketingConsent ||
    !sameAttributes(stored.attributes, attributes);
  return changed ? next : undefined;
}

function consentChange(
  stored: StoredContact,
  consent: boolean | null,
  source: string,
  at: number,
): Partial<StoredContact> {
  if (consent === false && stored.marketingConsent !== 'opted_out')
    return {
      marketingConsent: 'opted_out',
      isOptedOut: 1,
      optedOutAt: at,
      optOutSource: source,
      consentChangedAt: at,
    };
  if (consent === true && stored.marketingConsent === 'unknown')
    return {
      marketingConsent: 'opted_in',
      isOptedOut: 0,
      optedInAt: at,
      optInSource: source,
      consentChangedAt: at,
    };
  return {};
}

function sameAttributes(storedJson: string, merged: Record<string, unknown>): boolean {
  const stored = JSON.parse(storedJson) as Record<string, unknown>;
  const keys = new Set([...Object.keys(stored), ...Object.keys(merged)]);
  for (const k of keys) if (stored[k] !== merged[k]) return false;
  return true;
}
