import path from 'node:path';
import type { Executor } from '../../db/executor';
import { checkFileKey, type FileStore } from '../../platform/files/files';
import { dialectOf } from '../../db/dialect';
import { dependencyOrder, keyOf, type PersonalDataTable } from './data-registry';
import {
  deleteByKeys,
  selectKeys,
  selectRowsByKeys,
  subjectPredicate,
  updateByKeys,
  type Subject,
} from './registry.repo';

/** What the registry found of one person: the key of each matching row, per table. */
export interface Resolution {
  subject: Subject;
  /** Tables in dependency order (parents first), with the keys of the person's rows. */
  matches: { entry: PersonalDataTable; keys: string[] }[];
  contacts: { id: string; phone: string | null; name: string | null }[];
}

/** A table's share of an erasure. */
export interface ErasedCount {
  table: string;
  module: string;
  action: 'delete' | 'anonymise';
  rows: number;
  files: number;
}

function str(v: unknown): string | null {
  return typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : null;
}

/** A database column's key in a row read through Kysely's CamelCasePlugin (`media_path` → `mediaPath`). */
export function camel(column: string): string {
  return column.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

function addUnique(list: string[], value: string | null): boolean {
  if (value === null || list.includes(value)) return false;
  list.push(value);
  return true;
}

/**
 * Finds every row of the person in every registered table. Subject-source tables (contacts)
 * are read first and widen the subject with the identifiers they hold (a request by phone
 * number finds the contact, whose wa_id then finds the raw webhook bodies).
 */
export async function resolveSubject(
  ex: Executor,
  tables: readonly PersonalDataTable[],
  initial: Subject,
): Promise<Resolution> {
  const subject: Subject = {
    contactIds: [...initial.contactIds],
    phones: [...initial.phones],
    waIds: [...initial.waIds],
    userIds: [...initial.userIds],
    emails: [...initial.emails],
  };
  const contacts = new Map<string, Resolution['contacts'][number]>();
  const sources = tables.filter((t) => t.subjectSource !== undefined && t.subject !== undefined);
  // Widening can chain (number → contact → wa_id → another contact); three rounds is plenty.
  for (let round = 0; round < 3; round++) {
    let grew = false;
    for (const entry of sources) {
      const where = subjectPredicate(dialectOf(ex), entry, subject, new Map());
      if (where === undefined) continue;
      const keys = await selectKeys(ex, entry.table, keyOf(entry), where);
      const src = entry.subjectSource ?? {};
      for (const row of await selectRowsByKeys(ex, entry.table, keyOf(entry), keys)) {
        const id = str(row[camel(keyOf(entry))]);
        grew = addUnique(subject.contactIds, id) || grew;
        const phone = src.phoneColumn === undefined ? null : str(row[camel(src.phoneColumn)]);
        const waId = src.waIdColumn === undefined ? null : str(row[camel(src.waIdColumn)]);
        const email = src.emailColumn === undefined ? null : str(row[camel(src.emailColumn)]);
        const userId = src.userIdColumn === undefined ? null : str(row[camel(src.userIdColumn)]);
        grew = addUnique(subject.userIds, userId) || grew;
        grew = addUnique(subject.phones, phone) || grew;
        grew = addUnique(subject.waIds, waId) || grew;
        grew = addUnique(subject.emails, email) || grew;
        if (phone !== null) addUnique(subject.waIds, phone.replace(/\D/g, ''));
        if (id !== null) {
          const names = [src.nameColumn ?? []].flat().map((c) => str(row[camel(c)]));
          const name = names.find((n) => n !== null) ?? null;
          contacts.set(id, { id, phone: phone ?? waId, name });
        }
      }
    }
    if (!grew) break;
  }
  const parentKeys = new Map<string, string[]>();
  const matches: Resolution['matches'] = [];
  for (const entry of dependencyOrder(tables.filter((t) => t.subject !== undefined))) {
    const where = subjectPredicate(dialectOf(ex), entry, subject, parentKeys);
    const keys = where === undefined ? [] : await selectKeys(ex, entry.table, keyOf(entry), where);
    parentKeys.set(entry.table, keys);
    matches.push({ entry, keys });
  }
  return { subject, matches, contacts: [...contacts.values()] };
}

/** Counts per table of a resolution, without changing anything. */
export async function countResolution(
  ex: Executor,
  resolution: Resolution,
): Promise<ErasedCount[]> {
  const out: ErasedCount[] = [];
  for (const { entry, keys } of resolution.matches) {
    if (keys.length === 0) continue;
    const files = entry.file === undefined ? 0 : (await filePaths(ex, entry, keys)).length;
    out.push(countOf(entry, keys.length, files));
  }
  return out;
}

function countOf(entry: PersonalDataTable, rows: number, files: number): ErasedCount {
  return {
    table: entry.table,
    module: entry.module,
    action: entry.erase?.mode === 'anonymise' ? 'anonymise' : 'delete',
    rows,
    files,
  };
}

/** Files of the given rows, as file-store keys. */
export async function filePaths(
  ex: Executor,
  entry: PersonalDataTable,
  keys: readonly string[],
): Promise<string[]> {
  if (entry.file === undefined || keys.length === 0) return [];
  return filesOfRows(entry, await selectRowsByKeys(ex, entry.table, keyOf(entry), keys));
}

/** Files named by rows already read, as file-store keys (`<dir>/<name>`). */
export function filesOfRows(
  entry: PersonalDataTable,
  rows: readonly Record<string, unknown>[],
): string[] {
  if (entry.file === undefined) return [];
  const col = camel(entry.file.column);
  const dir = entry.file.dir;
  return rows
    .map((r) => str(r[col]))
    .filter((p): p is string => p !== null)
    .map((p) => (dir === undefined ? p : `${dir}/${path.basename(p)}`));
}

/**
 * Erases the resolved rows, children before parents, inside the caller's transaction.
 * Returns the counts and the files to remove once the transaction has committed.
 */
export async function eraseResolution(
  ex: Executor,
  resolution: Resolution,
): Promise<{ counts: ErasedCount[]; files: string[] }> {
  const counts: ErasedCount[] = [];
  const files: string[] = [];
  for (const { entry, keys } of [...resolution.matches].reverse()) {
    if (keys.length === 0 || entry.erase === undefined) continue;
    const paths = await filePaths(ex, entry, keys);
    files.push(...paths);
    const rows =
      entry.erase.mode === 'delete'
        ? await deleteByKeys(ex, entry.table, keyOf(entry), keys)
        : await updateByKeys(ex, entry.table, keyOf(entry), keys, entry.erase.set);
    counts.push(countOf(entry, rows, paths.length));
  }
  return { counts: counts.reverse(), files };
}

/** Removes files from the file store; returns how many keys were valid and removed. */
export async function removeFiles(files: FileStore, keys: readonly string[]): Promise<number> {
  let removed = 0;
  for (const key of new Set(keys)) {
    try {
      await files.delete(checkFileKey(key));
      removed++;
    } catch {
      // An invalid key names no file of ours; a failed delete is left for the next purge.
    }
  }
  return removed;
}
