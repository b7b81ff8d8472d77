import type { ImportMapping } from './imports.detect';
import type { FileRecord } from './imports.reader';

/** What the one phone normaliser (contacts.phone.ts) answers for a raw value. */
export type PhoneVerdict =
  { ok: true; e164: string; country: string | null } | { ok: false; reason: string };

/** A declared custom attribute (the `contacts.attributes` setting). */
export interface AttributeDef {
  key: string;
  type: 'text' | 'number' | 'date' | 'boolean';
}

/** The declared type of each custom attribute, by key. */
export type AttributeTypes = ReadonlyMap<string, AttributeDef['type']>;

/** A normaliser bound to the import's default country. */
export type PhoneReader = (raw: string) => PhoneVerdict;

/** A data row read as a contact. */
export interface ImportedContact {
  row: number;
  e164: string;
  country: string | null;
  name: string | null;
  tags: string[];
  language: string | null;
  /** true: opted in to marketing; false: opted out; null: the file does not say. */
  consent: boolean | null;
  attributes: Record<string, string | number | boolean>;
}

/** A data row that cannot become a contact: its row number, the offending value and why. */
export interface RejectedRow {
  row: number;
  value: string;
  reason: string;
}

/** A read row: a contact, a row rejected as invalid, or a number met earlier in the file. */
export type RowOutcome =
  | { kind: 'contact'; contact: ImportedContact }
  | { kind: 'reject'; reject: RejectedRow }
  | { kind: 'duplicate'; reject: RejectedRow };

const MAX_VALUE = 500;
const clip = (s: string): string => (s.length > MAX_VALUE ? `${s.slice(0, MAX_VALUE)}…` : s);

const YES = new Set([
  'yes',
  'y',
  'true',
  '1',
  'opted_in',
  'optedin',
  'opt-in',
  'in',
  'si',
  'sí',
  'sim',
  'oui',
  'ja',
  'subscribed',
]);
const NO = new Set([
  'no',
  'n',
  'false',
  '0',
  'opted_out',
  'optedout',
  'opt-out',
  'out',
  'não',
  'nao',
  'non',
  'nein',
  'unsubscribed',
]);

/**
 * Reads one data row through the mapping. A row with another number of fields than the
 * header is rejected whole (its fields would land in the wrong columns).
 */
export function interpretRow(
  record: FileRecord,
  width: number,
  mapping: ImportMapping,
  readPhone: PhoneReader,
  attributeTypes: AttributeTypes,
): RowOutcome {
  const { row, fields } = record;
  const reject = (value: string, reason: string): RowOutcome => ({
    kind: 'reject',
    reject: { row, value: clip(value), reason },
  });
  if (fields.length !== width)
    return reject(
      fields.join(' | '),
      `The row has ${fields.length} fields; the header has ${width}`,
    );
  const cell = (i: number | undefined): string => (i === undefined ? '' : (fields[i] ?? '').trim());
  const raw = cell(mapping.number);
  const phone = readPhone(raw);
  if (!phone.ok) return reject(raw, phone.reason);
  let consent: boolean | null = null;
  const consentText = cell(mapping.consent).toLowerCase();
  if (consentText !== '') {
    if (YES.has(consentText)) consent = true;
    else if (NO.has(consentText)) consent = false;
    else return reject(cell(mapping.consent), 'Consent must be yes or no (or empty)');
  }
  const attributes: Record<string, string | number | boolean> = {};
  for (const [key, i] of Object.entries(mapping.attributes ?? {})) {
    const text = cell(i);
    if (text === '') continue;
    const value = attributeValue(attributeTypes.get(key) ?? 'text', text);
    if (value === undefined)
      return reject(text, `${key} must be a ${attributeTypes.get(key) ?? 'text'}`);
    attributes[key] = value;
  }
  const name = cell(mapping.name);
  const language = cell(mapping.language);
  return {
    kind: 'contact',
    contact: {
      row,
      e164: phone.e164,
      country: phone.country,
      name: name === '' ? null : clip(name),
      tags: splitTags(cell(mapping.tags)),
      language: language === '' ? null : language,
      consent,
      attributes,
    },
  };
}

/** A cell as a value of the attribute's declared type, or undefined when it is not one. */
export function attributeValue(
  type: 'text' | 'number' | 'date' | 'boolean',
  text: string,
): string | number | boolean | undefined {
  switch (type) {
    case 'text':
      return text.slice(0, 1000);
    case 'number': {
      const n = Number(text.replace(',', '.'));
      return text !== '' && Number.isFinite(n) ? n : undefined;
    }
    case 'boolean': {
      const t = text.toLowerCase();
      return YES.has(t) ? true : NO.has(t) ? false : undefined;
    }
    case 'date': {
      const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
      if (m === null) return undefined;
      const d = new Date(`${m[1]}-${m[2]}-${m[3]}T00:00:00Z`);
      return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== m[0] ? undefined : m[0];
    }
  }
}

/** Tags of a cell: separated by `|`, `,` or `;`, trimmed, without repeats. */
export function splitTags(text: string): string[] {
  if (text === '') return [];
  const tags = new Set<string>();
  for (const part of text.split(/[|,;]/)) {
    const tag = part.trim().slice(0, 64);
    if (tag !== '') tags.add(tag);
  }
  return [...tags];
}

/**
 * Remembers the normaliser's verdict per raw value: files repeat numbers (and their formats),
 * and libphonenumber's full metadata makes each call the costliest step of a row. Bounded:
 * the cache is dropped when full, so memory stays flat on a file of unique numbers.
 */
export function cachedPhoneReader(read: PhoneReader, limit = 50_000): PhoneReader {
  let cache = new Map<string, PhoneVerdict>();
  return (raw) => {
    const hit = cache.get(raw);
    if (hit !== undefined) return hit;
    const verdict = read(raw);
    if (cache.size >= limit) cache = new Map();
    cache.set(raw, verdict);
    return verdict;
  };
}
