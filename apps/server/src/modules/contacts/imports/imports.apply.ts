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
import { consentAt, textAt, type ContactColumns } from './imports.columns';
import { advanceCheckpoint, insertRejects, type Checkpoint } from './imports.repo';
import type { RowBatch } from './imports.batches';
import type { ImportedContact } from './imports.rows';
import { newRowId as newContactId } from '../../../db/ids';

/** What to do with a contact that exists already. */
export type ImportPolicy = 'update' | 'skip' | 'merge_tags';

/** One batch of read rows, and where the file was after its last row. */
export interface Batch {
  importId: string;
  policy: ImportPolicy;
  /** The rows, as the reading thread gave them (imports.batches.ts). */
  read: Omit<RowBatch, 'bytesDone'>;
  /** The checkpoint before this batch (the fence) and the bytes read after it. */
  before: Checkpoint;
  bytesDone: number;
  now: number;
}

/** What a row gives a contact that exists already: its fields, read as `mergeInto` takes them. */
export type ImportedFields = Pick<ImportedContact, 'name' | 'language' | 'consent' | 'attributes'>;

/**
 * Applies a batch in the caller's transaction: duplicates (within the file, marked by the
 * reader, imports.batches.ts) and invalid rows counted and stored as rejects, contacts created
 * or updated by the policy in multi-row statements, tags added, rejected rows stored, and the
 * checkpoint moved: all of it or nothing. The contacts stay in their columns: a new contact's
 * values go from them into the statement, with no object per row kept for the transaction.
 */
export async function applyBatch(tx: Executor, batch: Batch): Promise<Checkpoint> {
  const { contacts: cols, rejects, duplicates } = batch.read;
  const next: Checkpoint = {
    ...batch.before,
    rowsDone: batch.before.rowsDone + batch.read.rows,
    bytesDone: batch.bytesDone,
    duplicate: batch.before.duplicate + duplicates,
    invalid: batch.before.invalid + rejects.length - duplicates,
  };
  // The numbers are read (decoded) once; every other field only as its statement is filled.
  const phones = Array.from({ length: cols.count }, (_, i) => textAt(cols, i, 'e164'));
  const stored = await findContactsByPhones(tx, phones);
  const tagIds = await tagIdsOf(tx, cols.tagNames, batch.now);
  const existingIds = [...stored.values()].map((s) => s.id);
  const carried = batch.policy === 'skip' ? new Map() : await findContactTags(tx, existingIds);
  // New contacts: their index in the columns and their new id.
  const created: number[] = [];
  const createdIds: string[] = [];
  const updates: ContactWrite[] = [];
  // Tags to add, pair by pair.
  const tagContacts: string[] = [];
  const tagTags: string[] = [];
  for (let i = 0; i < cols.count; i++) {
    const existing = stored.get(phones[i] ?? '');
    const wanted = wantedTags(cols, i, tagIds);
    if (existing === undefined) {
      const id = newContactId();
      created.push(i);
      createdIds.push(id);
      for (const tagId of wanted) {
        tagContacts.push(id);
        tagTags.push(tagId);
      }
      next.created++;
      continue;
    }
    if (batch.policy === 'skip') {
      next.unchanged++;
      continue;
    }
    const has = carried.get(existing.id) ?? new Set<string>();
    const added = wanted.filter((t) => !has.has(t));
    for (const tagId of added) {
      tagContacts.push(existing.id);
      tagTags.push(tagId);
    }
    const merged =
      batch.policy === 'update' ? mergeInto(existing, fieldsAt(cols, i), batch) : undefined;
    if (merged !== undefined) updates.push({ ...merged, now: batch.now });
    if (merged !== undefined || added.length > 0) next.updated++;
    else next.unchanged++;
  }
  await upsertImportedContacts(tx, created.length + updates.length, (k) =>
    k < created.length
      ? createFrom(cols, created[k] ?? 0, createdIds[k] ?? '', phones, batch)
      : (updates[k - created.length] as ContactWrite),
  );
  // A consent the file set is a choice like any other: it goes into the ledger, with the
  // import as its evidence, in the same transaction as the contact it changed.
  const choice = (contactId: string, state: ContactWrite['marketingConsent']) => ({
    id: randomUUID(),
    contactId,
    state,
    occurredAt: batch.now,
    recordedAt: batch.now,
    source: 'import',
    detail: null,
    messageId: null,
    importId: batch.importId,
    userId: null,
    note: null,
    applied: 1,
  });
  const choices: ReturnType<typeof choice>[] = [];
  created.forEach((i, k) => {
    const consent = consentAt(cols, i);
    if (consent !== null)
      choices.push(choice(createdIds[k] ?? '', consent ? 'opted_in' : 'opted_out'));
  });
  for (const w of updates) {
    const before = stored.get(w.phoneE164)?.marketingConsent ?? 'unknown';
    if (w.marketingConsent !== before && w.marketingConsent !== 'unknown')
      choices.push(choice(w.id, w.marketingConsent));
  }
  await insertConsentEvents(tx, choices);
  await addContactTags(tx, tagContacts, tagTags, batch.now);
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

/** The id of each of the batch's tag names (created when missing), by the names' order. */
async function tagIdsOf(tx: Executor, names: readonly string[], now: number): Promise<string[]> {
  if (names.length === 0) return [];
  const byKey = await ensureTags(tx, names, now, randomUUID);
  return names.map((n) => byKey.get(tagNameKey(n)) ?? '');
}

/** Contact `i`'s tag ids, each once (`VIP` and `vip` in one cell are one tag). */
function wantedTags(cols: ContactColumns, i: number, tagIds: readonly string[]): string[] {
  const from = cols.tagStart[i] ?? 0;
  const to = cols.tagStart[i + 1] ?? from;
  const ids: string[] = [];
  for (let k = from; k < to; k++) {
    const id = tagIds[cols.tagRefs[k] ?? -1];
    if (id !== undefined && id !== '' && !ids.includes(id)) ids.push(id);
  }
  return ids;
}

/** Contact `i`'s fields as `mergeInto` reads them. */
function fieldsAt(cols: ContactColumns, i: number): ImportedFields {
  return {
    name: textAt(cols, i, 'name'),
    language: textAt(cols, i, 'language'),
    consent: consentAt(cols, i),
    attributes: JSON.parse(textAt(cols, i, 'attributes') ?? '{}') as ImportedContact['attributes'],
  };
}

/**
 * New contact `i` of the columns: what `mergeInto` gives over a blank contact (consent
 * unknown), built as one literal (no spreads, no JSON read back and compared), since it runs
 * for every row of a first import.
 */
function createFrom(
  cols: ContactColumns,
  i: number,
  id: string,
  phones: readonly (string | null)[],
  batch: Batch,
): ContactWrite {
  const source = `import:${batch.importId}`;
  const consent = consentAt(cols, i);
  const optOut = consent === false;
  const optIn = consent === true;
  return {
    id,
    phoneE164: phones[i] ?? '',
    country: textAt(cols, i, 'country'),
    name: textAt(cols, i, 'name'),
    language: textAt(cols, i, 'language'),
    attributes: textAt(cols, i, 'attributes') ?? '{}',
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
  c: ImportedFields,
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
