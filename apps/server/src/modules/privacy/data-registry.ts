import type { RetentionClass } from '@kiana/contracts';

/**
 * The personal data registry: every table of the schema says here what it holds, how a
 * person's rows are found, erased and exported, and which retention period applies.
 * Deletion requests, data exports and the retention purge are driven by it alone, so a
 * module that registers its tables gets all three; a test fails when a table of the
 * schema is missing (docs/CONVENTIONS.md, "Personal data registry").
 *
 * Names here are DATABASE names (snake_case), like `crypto/secrets.ts`.
 */

/**
 * - `system`: bookkeeping of the software (migrations, settings).
 * - `none`: business data that identifies no private person (templates, phone numbers).
 * - `secret`: credentials; encrypted, never exported.
 * - `pseudonymous`: keys or hashes that identify someone only with other data (wamids, IP hashes).
 * - `personal`: data about an identifiable person (numbers, names, message texts, IPs).
 * - `aggregate`: anonymous counts only.
 */
export type Classification =
  'system' | 'none' | 'secret' | 'pseudonymous' | 'personal' | 'aggregate';

/**
 * How a row is tied to the person of a request. A table may list several links; a row
 * matching any of them is the person's.
 * - `contactId`: the column holds a `contacts.id`.
 * - `phone`: the column holds an E.164 number (`+15551234567`).
 * - `waId`: the column holds WhatsApp's digits-only id (`15551234567`).
 * - `email`: the column holds an email address (compared case-insensitively).
 * - `contains`: free text or JSON that may mention the person's number, wa_id, BSUID or email
 *   (raw webhook bodies, status payloads); matched with LIKE.
 * - `parent`: the column holds the key of a matched row of another table
 *   (e.g. `campaign_recipient_events.recipient_id` → `campaign_recipients`).
 */
export type SubjectLink =
  | { by: 'contactId' | 'phone' | 'waId' | 'email' | 'contains'; column: string }
  | { by: 'parent'; column: string; table: string };

/** A table whose rows ARE people (contacts): matches widen the subject with their other identifiers. */
export interface SubjectSource {
  phoneColumn?: string;
  waIdColumn?: string;
  /** The BSUID column: raw webhook bodies of a username user name only it (2026). */
  userIdColumn?: string;
  emailColumn?: string;
  /** The person's name; with several columns, the first that is set (e.g. given, then profile). */
  nameColumn?: string | readonly string[];
}

/** What happens to a person's rows: deleted, or kept with the personal columns overwritten. */
export type Erasure =
  { mode: 'delete' } | { mode: 'anonymise'; set: Record<string, string | number | null> };

/** How long rows are kept: rows whose `column` (epoch ms) is older than the class's period go. */
export interface Retention {
  class: RetentionClass;
  column: string;
  /** Only rows whose columns equal these values are purged (e.g. `{ is_opted_out: 0 }`). */
  where?: Record<string, string | number>;
  /**
   * `subject`: an expired row is a person (inactive contact); rows of other tables linked
   * to it by `contactId` go with it in the same batch. Default `rows`: plain delete.
   */
  mode?: 'rows' | 'subject';
}

/** One table's entry in the registry. */
export interface PersonalDataTable {
  /** Database table name. */
  table: string;
  /** The module that owns the table. */
  module: string;
  classification: Classification;
  /** One sentence: what a row is and which personal data it holds. */
  description: string;
  /** Primary key column (default `id`); used to erase and purge in batches. */
  key?: string;
  /** How to find a person's rows; required for `personal` and `pseudonymous` tables. */
  subject?: SubjectLink[];
  subjectSource?: SubjectSource;
  /** Required whenever `subject` is given. */
  erase?: Erasure;
  /** Export the person's rows in their data export (access request) under this name. */
  export?: { name: string; omit?: string[] };
  retention?: Retention;
  /**
   * A column naming a file on disk, removed with its row and included in exports. With
   * `dir`, the column holds a file name inside `<dataDir>/<dir>/` (e.g. media: `dir: 'media'`);
   * without it, a path relative to the data directory.
   */
  file?: { column: string; dir?: string };
  /**
   * For personal data that deletion requests deliberately leave alone: why, and where it is
   * handled instead (e.g. admin accounts are removed in Settings → Users).
   */
  handledElsewhere?: string;
}

/** Who registered an entry: the owning module wins over privacy's stand-in registrations. */
type Origin = 'owner' | 'fallback';

const entries = new Map<string, { entry: PersonalDataTable; origin: Origin }>();

function validate(entry: PersonalDataTable): void {
  const needsSubject =
    entry.classification === 'personal' || entry.classification === 'pseudonymous';
  const hasSubject = entry.subject !== undefined && entry.subject.length > 0;
  if (
    needsSubject &&
    !hasSubject &&
    entry.retention === undefined &&
    entry.handledElsewhere === undefined
  ) {
    throw new Error(
      `Personal data table ${entry.table} needs a subject link, a retention period or handledElsewhere`,
    );
  }
  if (entry.subject !== undefined && entry.erase === undefined) {
    throw new Error(
      `Table ${entry.table} links rows to people but says nothing about erasing them`,
    );
  }
}

/**
 * Registers a table. Owning modules call this from their module factory (idempotent: the
 * same table registered again replaces the earlier entry).
 */
export function registerPersonalData(...tables: PersonalDataTable[]): void {
  for (const entry of tables) {
    validate(entry);
    entries.set(entry.table, { entry, origin: 'owner' });
  }
}

/** Privacy's own stand-in registration of another module's table; the owner's entry wins. */
export function registerPersonalDataFallback(...tables: PersonalDataTable[]): void {
  for (const entry of tables) {
    validate(entry);
    if (entries.get(entry.table)?.origin !== 'owner')
      entries.set(entry.table, { entry, origin: 'fallback' });
  }
}

/** Every registered table, in registration order. */
export function registeredTables(): PersonalDataTable[] {
  return [...entries.values()].map((e) => e.entry);
}

/** The entry of one table, if registered. */
export function registryEntry(table: string): PersonalDataTable | undefined {
  return entries.get(table)?.entry;
}

/** The key column of an entry. */
export function keyOf(entry: PersonalDataTable): string {
  return entry.key ?? 'id';
}

/**
 * Orders tables so that a table comes after every table it depends on (its `parent`
 * links and, for `contactId` links, the subject-source tables). Erasure walks the result
 * backwards: children before parents, so foreign keys never block a delete.
 */
export function dependencyOrder(tables: readonly PersonalDataTable[]): PersonalDataTable[] {
  const byName = new Map(tables.map((t) => [t.table, t]));
  const sources = tables.filter((t) => t.subjectSource !== undefined).map((t) => t.table);
  const done = new Set<string>();
  const out: PersonalDataTable[] = [];
  const visit = (t: PersonalDataTable, path: Set<string>): void => {
    if (done.has(t.table) || path.has(t.table)) return;
    path.add(t.table);
    for (const link of t.subject ?? []) {
      const deps = link.by === 'parent' ? [link.table] : link.by === 'contactId' ? sources : [];
      for (const d of deps) {
        const dep = byName.get(d);
        if (dep !== undefined && dep.table !== t.table) visit(dep, path);
      }
    }
    path.delete(t.table);
    done.add(t.table);
    out.push(t);
  };
  for (const t of tables) visit(t, new Set());
  return out;
}
