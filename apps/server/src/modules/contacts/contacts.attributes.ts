import type { ContactAttributeDef, ContactAttributeValue } from '@kiana/contracts';

/** Attribute values as stored: JSON `{ [key]: value }`, never null (a null removes the key). */
export type StoredAttributes = Record<string, string | number | boolean>;

/** One refused attribute: the field (`attributes.<key>`) and why. */
export interface AttributeProblem {
  field: string;
  message: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** True for a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/**
 * Applies `changes` to `current`, checking each value against its declared type; null
 * removes an attribute. Returns the merged attributes or every problem found (all of them,
 * so a form can mark each field at once).
 */
export function mergeAttributes(
  current: StoredAttributes,
  changes: Record<string, ContactAttributeValue>,
  defs: readonly ContactAttributeDef[],
): { ok: true; attributes: StoredAttributes } | { ok: false; problems: AttributeProblem[] } {
  const byKey = new Map(defs.map((d) => [d.key, d]));
  const next: StoredAttributes = { ...current };
  const problems: AttributeProblem[] = [];
  for (const [key, value] of Object.entries(changes)) {
    const field = `attributes.${key}`;
    const def = byKey.get(key);
    if (def === undefined) {
      problems.push({ field, message: `"${key}" is not a declared attribute` });
      continue;
    }
    if (value === null) {
      delete next[key];
      continue;
    }
    const problem = checkValue(def, value);
    if (problem === null) next[key] = typeof value === 'string' ? value.trim() : value;
    else problems.push({ field, message: problem });
  }
  return problems.length === 0 ? { ok: true, attributes: next } : { ok: false, problems };
}

function checkValue(def: ContactAttributeDef, value: string | number | boolean): string | null {
  switch (def.type) {
    case 'text':
      return typeof value === 'string' ? null : `${def.label} must be text`;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value)
        ? null
        : `${def.label} must be a number`;
    case 'boolean':
      return typeof value === 'boolean' ? null : `${def.label} must be true or false`;
    case 'date':
      return typeof value === 'string' && isIsoDate(value)
        ? null
        : `${def.label} must be a date written YYYY-MM-DD`;
  }
}

/** Reads stored attributes; anything but a JSON object reads as none. */
export function parseAttributes(json: string): StoredAttributes {
  try {
    const value: unknown = JSON.parse(json);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
    const out: StoredAttributes = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>))
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[k] = v;
    return out;
  } catch {
    return {};
  }
}
