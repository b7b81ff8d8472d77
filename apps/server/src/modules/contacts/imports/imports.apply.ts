import { randomUUID } from 'node:crypto';
import type { Executor } from '../../../db/executor';
import {
  findContactsByPhones,
  upsertImportedContacts,
  type ContactWrite,
  type StoredContact,
} from './imports.contacts.repo';
import {
  advanceCheckpoint,
  findSeen,
  insertRejects,
  insertSeen,
  type Checkpoint,
} from './imports.repo';
import type { ImportedContact, RejectedRow, RowOutcome } from './imports.rows';

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
 * Applies a batch in the caller's transaction: duplicates (within the file, also across
 * earlier batches) counted and not applied, contacts created or updated by the policy in
 * multi-row statements, rejected rows stored, and the checkpoint moved, all or nothing.
 */
export async function applyBatch(tx: Executor, batch: Batch): Promise<Checkpoint> {
  const next: Checkpoint = {
    ...batch.before,
    rowsDone: batch.before.rowsDone + batch.outcomes.length,
    bytesDone: batch.bytesDone,
  };
  const rejects: RejectedRow[] = [];
  const firstRow = new Map<string, number>();
  const fresh: ImportedContact[] = [];
  for (const o of batch.outcomes) {
    if (o.kind === 'reject') {
      rejects.push(o.reject);
      next.invalid++;
      continue;
    }
    const earlier = firstRow.get(o.contact.e164);
    if (earlier !== undefined) {
      rejects.push(duplicateOf(o.contact, earlier));
      next.duplicate++;
      continue;
    }
    firstRow.set(o.contact.e164, o.contact.row);
    fresh.push(o.contact);
  }
  const seen = await findSeen(tx, batch.importId, [...firstRow.keys()]);
  const toApply = fresh.filter((c) => {
    const earlier = seen.get(c.e164);
    if (earlier === undefined) return true;
    rejects.push(duplicateOf(c, earlier));
    next.duplicate++;
    return false;
  });
  await insertSeen(
    tx,
    batch.importId,
    toApply.map((c) => ({ phoneE164: c.e164, rowNumber: c.row })),
  );
  const stored = await findContactsByPhones(
    tx,
    toApply.map((c) => c.e164),
  );
  const writes: ContactWrite[] = [];
  for (const c of toApply) {
    const existing = stored.get(c.e164);
    if (existing === undefined) {
      writes.push({ ...fields(c), id: randomUUID(), now: batch.now });
      next.created++;
      continue;
    }
    const merged = mergeInto(existing, c, batch.policy);
    if (merged === undefined) next.unchanged++;
    else {
      writes.push({ ...merged, now: batch.now });
      next.updated++;
    }
  }
  await upsertImportedContacts(tx, writes);
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

const duplicateOf = (c: ImportedContact, row: number): RejectedRow => ({
  row: c.row,
  value: c.e164,
  reason: `Duplicate of row ${row} (the same number); not applied twice`,
});

function fields(c: ImportedContact): Omit<StoredContact, 'id'> {
  return { phoneE164: c.e164, profileName: c.name };
}

/**
 * The stored contact with the file's values laid over it by the policy, or undefined when
 * nothing would change (so importing the same file twice writes nothing). Empty cells
 * never erase a stored value.
 */
export function mergeInto(
  stored: StoredContact,
  c: ImportedContact,
  policy: ImportPolicy,
): StoredContact | undefined {
  if (policy !== 'update') return undefined;
  const next: StoredContact = { ...stored, profileName: c.name ?? stored.profileName };
  return next.profileName === stored.profileName ? undefined : next;
}
