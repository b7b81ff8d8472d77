import type { CorrectionMatch, CorrectionText } from '@kiana/contracts';

/** What the suggestion reads of a contact. */
export interface CorrectableContact {
  name: string | null;
  phoneE164: string | null;
  language: string | null;
  attributes: Record<string, string | number | boolean>;
}

/** Reads a typed number as E.164, or undefined when it is no number. */
export type PhoneReader = (text: string) => string | undefined;

// Words a requester uses to say which field they mean, in the panel's languages.
const NAME_WORDS = ['name', 'nombre', 'nome', 'الاسم', 'اسم', 'نام'];
const PHONE_WORDS = [
  'phone',
  'number',
  'teléfono',
  'telefone',
  'número',
  'هاتف',
  'رقم',
  'تلفن',
  'شماره',
];
const LANGUAGE_WORDS = ['language', 'idioma', 'اللغة', 'زبان'];
const LANGUAGE_TAG = /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i;

const fold = (s: string): string => s.normalize('NFKC').trim().toLocaleLowerCase();

/** `Name: Maria Souza` → { label: 'name', value: 'Maria Souza' }; plain text has no label. */
export function splitLabel(text: string): { label?: string; value: string } {
  const m = /^([\p{L}\s]{2,20})\s*[:：=]\s*(.+)$/su.exec(text.trim());
  if (m === null) return { value: text.trim() };
  return { label: fold(m[1] ?? ''), value: (m[2] ?? '').trim() };
}

const mentions = (text: string | undefined, words: readonly string[]): boolean =>
  text !== undefined &&
  words.some((w) =>
    fold(text)
      .split(/[\s,.;:]+/u)
      .includes(w),
  );

/**
 * The contact fields a correction's texts plainly point at, to prefill the admin's edit:
 * a field named in a label (`Name: …`), a current value quoted as what is wrong, or a new
 * value that is a phone number. Anything less plain suggests nothing: the admin decides.
 */
export function suggestCorrection(
  text: CorrectionText,
  contact: CorrectableContact,
  readPhone: PhoneReader,
): CorrectionMatch['suggestion'] {
  const wrong = splitLabel(text.wrong);
  const wanted = splitLabel(text.wanted);
  const label = wanted.label ?? wrong.label;
  const value = wanted.value;
  if (value === '') return {};
  const saysName = mentions(label, NAME_WORDS) || mentions(text.wrong, NAME_WORDS);
  const saysLanguage = mentions(label, LANGUAGE_WORDS) || mentions(text.wrong, LANGUAGE_WORDS);
  const saysPhone = mentions(label, PHONE_WORDS) || mentions(text.wrong, PHONE_WORDS);

  const phone = readPhone(value);
  if (phone !== undefined && (saysPhone || !saysName)) {
    return phone === contact.phoneE164 ? {} : { phone };
  }
  const same = (current: string | null): boolean =>
    current !== null && current !== '' && fold(current) === fold(wrong.value);
  if (saysLanguage || same(contact.language)) {
    return LANGUAGE_TAG.test(value) ? { language: value } : {};
  }
  if (saysName || same(contact.name)) return value.length <= 200 ? { name: value } : {};
  for (const [key, current] of Object.entries(contact.attributes)) {
    if (typeof current === 'string' && same(current)) return { attributes: { [key]: value } };
    if (label !== undefined && fold(key) === label) return { attributes: { [key]: value } };
  }
  return {};
}
