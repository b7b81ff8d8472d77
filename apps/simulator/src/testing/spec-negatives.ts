import { spec } from './spec';

// Negative request bodies generated from the constraints of Meta's OpenAPI spec: for a valid
// body and the spec schema it satisfies, every constraint that applies to a value present in
// the body (maxLength, minItems/maxItems, enum, required, one-of exclusivity) yields one body
// that breaks exactly that constraint.

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
interface Schema {
  $ref?: string;
  allOf?: Schema[];
  oneOf?: Schema[];
  type?: string;
  required?: string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  enum?: unknown[];
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
}

export interface Negative {
  /** `<path> <constraint>`, e.g. `interactive.action.buttons maxItems 3`. */
  name: string;
  body: Json;
}

const REMOVE = Symbol('remove');

function resolve(schema: Schema): Schema {
  let s = schema;
  while (s.$ref !== undefined) {
    const name = s.$ref.replace('#/components/schemas/', '');
    s = (spec().components.schemas[name] ?? {}) as Schema;
  }
  return s;
}

function setAt(value: Json, path: (string | number)[], next: Json | typeof REMOVE): Json {
  const copy = structuredClone(value);
  let cursor = copy as Record<string | number, Json>;
  for (const key of path.slice(0, -1)) cursor = cursor[key] as Record<string | number, Json>;
  const last = path.at(-1) as string | number;
  if (next === REMOVE) delete cursor[last];
  else cursor[last] = next;
  return copy;
}

const isObject = (v: Json | undefined): v is { [key: string]: Json } =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/** The one-of branch a value takes: its required keys are present and its enums match. */
function branchOf(branches: Schema[], value: Json): Schema | undefined {
  if (!isObject(value)) return undefined;
  return branches
    .map(resolve)
    .find(
      (b) =>
        (b.required ?? []).every((k) => k in value) &&
        Object.entries(b.properties ?? {}).every(
          ([k, p]) => p.enum === undefined || !(k in value) || p.enum.includes(value[k]),
        ),
    );
}

/** Every single-constraint violation of `schemaName` reachable from `valid`. */
export function negativesFor(schemaName: string, valid: Json): Negative[] {
  const out: Negative[] = [];
  const walk = (raw: Schema, value: Json | undefined, path: (string | number)[]): void => {
    if (value === undefined) return;
    const schema = resolve(raw);
    const where = path.join('.') || '(body)';
    for (const part of schema.allOf ?? []) walk(part, value, path);
    if (schema.oneOf !== undefined) {
      const branch = branchOf(schema.oneOf, value);
      if (branch !== undefined) walk(branch, value, path);
      // Branches told apart by one required key (id | link, flow_id | flow_name): both at once.
      const keys = schema.oneOf.map((b) => resolve(b).required ?? []);
      if (isObject(value) && keys.every((k) => k.length === 1)) {
        const missing = keys.flat().filter((k) => !(k in value));
        const [present] = keys.flat().filter((k) => k in value);
        if (missing[0] !== undefined && present !== undefined)
          out.push({
            name: `${where} oneOf ${present}+${missing[0]}`,
            body: setAt(valid, [...path, missing[0]], value[present] ?? 'x'),
          });
      }
    }
    if (typeof value === 'string') {
      if (schema.maxLength !== undefined)
        out.push({
          name: `${where} maxLength ${schema.maxLength}`,
          body: setAt(valid, path, 'x'.repeat(schema.maxLength + 1)),
        });
      if (schema.enum !== undefined && schema.enum.includes(value))
        out.push({ name: `${where} enum`, body: setAt(valid, path, 'zz_not_in_enum') });
    }
    if (Array.isArray(value)) {
      if (schema.maxItems !== undefined && value[0] !== undefined)
        out.push({
          name: `${where} maxItems ${schema.maxItems}`,
          body: setAt(
            valid,
            path,
            Array.from({ length: schema.maxItems + 1 }, () => value[0] as Json),
          ),
        });
      if (schema.minItems !== undefined && schema.minItems > 0)
        out.push({ name: `${where} minItems ${schema.minItems}`, body: setAt(valid, path, []) });
      if (schema.items !== undefined) walk(schema.items, value[0], [...path, 0]);
    }
    if (isObject(value)) {
      for (const key of schema.required ?? [])
        if (key in value)
          out.push({
            name: `${where}.${key} required`,
            body: setAt(valid, [...path, key], REMOVE),
          });
      for (const [key, prop] of Object.entries(schema.properties ?? {}))
        walk(prop, value[key], [...path, key]);
    }
  };
  walk({ $ref: `#/components/schemas/${schemaName}` }, valid, []);
  // One constraint can be reached twice (allOf parts repeating a property): keep one body each.
  const byName = new Map<string, Negative>();
  for (const n of out) if (!byName.has(n.name)) byName.set(n.name, n);
  return [...byName.values()];
}
