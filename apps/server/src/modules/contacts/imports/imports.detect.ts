/**
 * What a preview guesses about an uploaded file from its first bytes: the text encoding, the
 * delimiter and which column holds what. Pure functions; the user may override every guess.
 */

export const importEncodings = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252'] as const;
export type ImportEncoding = (typeof importEncodings)[number];

export const importDelimiters = [',', ';', '\t'] as const;
export type ImportDelimiter = (typeof importDelimiters)[number];

/** The encoding of a file from its first bytes, and whether it starts with a byte-order mark. */
export function detectEncoding(sample: Uint8Array): { encoding: ImportEncoding; hasBom: boolean } {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf)
    return { encoding: 'utf-8', hasBom: true };
  if (sample[0] === 0xff && sample[1] === 0xfe) return { encoding: 'utf-16le', hasBom: true };
  if (sample[0] === 0xfe && sample[1] === 0xff) return { encoding: 'utf-16be', hasBom: true };
  // UTF-16 without a mark: ASCII text leaves every other byte zero.
  const zeros = zeroPattern(sample);
  if (zeros !== undefined) return { encoding: zeros, hasBom: false };
  return { encoding: isValidUtf8(sample) ? 'utf-8' : 'windows-1252', hasBom: false };
}

function zeroPattern(sample: Uint8Array): ImportEncoding | undefined {
  const n = Math.min(sample.length, 4096) & ~1;
  if (n < 4) return undefined;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (sample[i] === 0) even++;
    if (sample[i + 1] === 0) odd++;
  }
  const half = n / 2;
  if (odd > half * 0.4 && even < half * 0.05) return 'utf-16le';
  if (even > half * 0.4 && odd < half * 0.05) return 'utf-16be';
  return undefined;
}

/**
 * Whether bytes are valid UTF-8; a sequence cut short by the end of the sample counts as
 * valid (the sample is the head of a larger file). Windows-1252 text with accents is not.
 */
export function isValidUtf8(bytes: Uint8Array): boolean {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    const need =
      b < 0x80
        ? 0
        : b >= 0xc2 && b <= 0xdf
          ? 1
          : b >= 0xe0 && b <= 0xef
            ? 2
            : b >= 0xf0 && b <= 0xf4
              ? 3
              : -1;
    if (need < 0) return false;
    for (let k = 1; k <= need; k++) {
      if (i + k >= bytes.length) return true;
      if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return false;
    }
    i += need + 1;
  }
  return true;
}

/**
 * The delimiter that splits the first lines into the same number of fields (more than one),
 * counting only outside quotes; ties go to the one giving more fields, then to `,`.
 */
export function detectDelimiter(text: string): ImportDelimiter {
  const lines = splitLines(text).slice(0, 20);
  let best: { d: ImportDelimiter; score: number } = { d: ',', score: -1 };
  for (const d of importDelimiters) {
    const counts = lines.map((l) => countOutsideQuotes(l, d));
    const first = counts[0] ?? 0;
    if (first === 0) continue;
    const consistent = counts.filter((c) => c === first).length / counts.length;
    const score = consistent * 1000 + first;
    if (score > best.score) best = { d, score };
  }
  return best.d;
}

function splitLines(text: string): string[] {
  // A line break inside quotes is part of a field, not the end of a record.
  const lines: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (c === '\n' && !quoted) {
      lines.push(text.slice(start, i).replace(/\r$/, ''));
      start = i + 1;
    }
  }
  // The sample's last line may be cut short; use it only when it is the only one.
  if (lines.length === 0 && start < text.length) lines.push(text.slice(start));
  return lines.filter((l) => l.trim() !== '');
}

function countOutsideQuotes(line: string, d: string): number {
  let n = 0;
  let quoted = false;
  for (const c of line) {
    if (c === '"') quoted = !quoted;
    else if (c === d && !quoted) n++;
  }
  return n;
}

/** Which column (0-based index) holds what; only `number` is required. */
export interface ImportMapping {
  number: number;
  name?: number;
  tags?: number;
  language?: number;
  consent?: number;
  /** Declared attribute key → column. */
  attributes?: Record<string, number>;
}

const SYNONYMS: Record<'number' | 'name' | 'tags' | 'language' | 'consent', readonly string[]> = {
  number: [
    'phone',
    'phonenumber',
    'number',
    'mobile',
    'mobilephone',
    'msisdn',
    'whatsapp',
    'whatsappnumber',
    'waid',
    'cell',
    'cellphone',
    'tel',
    'telephone',
    'telefone',
    'telefono',
    'celular',
    'numero',
    'handy',
    'e164',
  ],
  name: [
    'name',
    'fullname',
    'contactname',
    'profilename',
    'contact',
    'displayname',
    'nombre',
    'nome',
    'nom',
  ],
  tags: ['tags', 'tag', 'labels', 'label', 'groups', 'group', 'etiquetas', 'etiqueta'],
  language: ['language', 'lang', 'locale', 'idioma', 'langue', 'sprache'],
  consent: [
    'consent',
    'marketingconsent',
    'optin',
    'optedin',
    'subscribed',
    'marketing',
    'whatsappoptin',
    'acceptsmarketing',
  ],
};

const simplify = (s: string): string =>
  s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]/g, '');

/**
 * Guesses the mapping from the header names (common names in a few languages, then the
 * declared attribute keys) and, when no header names the number, from the first rows: the
 * column whose values look most like phone numbers.
 */
export function guessMapping(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  attributeKeys: readonly string[],
): Partial<ImportMapping> {
  const names = header.map(simplify);
  const taken = new Set<number>();
  const find = (candidates: readonly string[]): number | undefined => {
    const i = names.findIndex((n, idx) => !taken.has(idx) && candidates.includes(n));
    if (i < 0) return undefined;
    taken.add(i);
    return i;
  };
  const mapping: Partial<ImportMapping> = {};
  for (const field of ['number', 'name', 'tags', 'language', 'consent'] as const) {
    const i = find(SYNONYMS[field]);
    if (i !== undefined) mapping[field] = i;
  }
  if (mapping.number === undefined) {
    const i = mostPhoneLike(header.length, rows, taken);
    if (i !== undefined) {
      mapping.number = i;
      taken.add(i);
    }
  }
  const attributes: Record<string, number> = {};
  for (const key of attributeKeys) {
    const i = find([simplify(key)]);
    if (i !== undefined) attributes[key] = i;
  }
  if (Object.keys(attributes).length > 0) mapping.attributes = attributes;
  return mapping;
}

const PHONE_LIKE = /^\+?[\d\s().-]{6,20}$/;

function mostPhoneLike(
  width: number,
  rows: readonly (readonly string[])[],
  taken: ReadonlySet<number>,
): number | undefined {
  let best: { i: number; hits: number } | undefined;
  for (let i = 0; i < width; i++) {
    if (taken.has(i)) continue;
    const hits = rows.filter((r) => PHONE_LIKE.test((r[i] ?? '').trim())).length;
    if (hits > rows.length / 2 && (best === undefined || hits > best.hits)) best = { i, hits };
  }
  return best?.i;
}
