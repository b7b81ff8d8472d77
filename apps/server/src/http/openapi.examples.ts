/** A JSON Schema as found in the generated document (loosely typed: it comes from zod). */
export type JsonSchema = { [key: string]: unknown };

const asSchema = (v: unknown): JsonSchema | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as JsonSchema) : undefined;

const FORMATS: Record<string, string> = {
  uuid: '3f1c2b8e-5d4a-4c6b-9e7f-1a2b3c4d5e6f',
  email: 'ada@example.com',
  'date-time': '2026-01-15T09:30:00.000Z',
  date: '2026-01-15',
  uri: 'https://example.com/path',
  url: 'https://example.com/path',
  ipv4: '192.0.2.10',
  base64: 'a2lhbmE=',
};

/** Candidates tried, in order, against a `pattern`; real formats of this API come first. */
const PATTERN_CANDIDATES = [
  '+14155550123',
  '14155550123',
  'example',
  'example_name',
  'abc123',
  '123456',
  'a',
  'EXAMPLE',
  '2026-01-15',
  '#1a2b3c',
  'en_US',
  'en',
];

function stringExample(schema: JsonSchema, name: string): string {
  if (typeof schema.format === 'string' && FORMATS[schema.format] !== undefined)
    return FORMATS[schema.format] as string;
  const min = typeof schema.minLength === 'number' ? schema.minLength : 0;
  const max = typeof schema.maxLength === 'number' ? schema.maxLength : 64;
  if (typeof schema.pattern === 'string') {
    const re = new RegExp(schema.pattern, 'u');
    const found = PATTERN_CANDIDATES.find((c) => re.test(c) && c.length >= min && c.length <= max);
    if (found !== undefined) return found;
  }
  const base = name === '' ? 'example' : name;
  const text = base.length >= min ? base : base.padEnd(min, 'x');
  return text.slice(0, Math.max(max, min));
}

function numberExample(schema: JsonSchema, isInteger: boolean): number {
  const min =
    typeof schema.minimum === 'number'
      ? schema.minimum
      : typeof schema.exclusiveMinimum === 'number'
        ? schema.exclusiveMinimum + 1
        : 1;
  const max = typeof schema.maximum === 'number' ? schema.maximum : min + 10;
  const value = Math.min(Math.max(min, 1), max);
  return isInteger ? Math.ceil(value) : value;
}

/**
 * A value that satisfies a JSON Schema, made from its own keywords (const, enum, format,
 * pattern, bounds, required properties): the document's examples never drift from the
 * schemas because they are derived from them. `name` seeds readable strings.
 */
export function exampleOf(
  raw: unknown,
  resolve: (ref: string) => unknown,
  name = '',
  depth = 0,
): unknown {
  const schema = asSchema(raw);
  if (schema === undefined || depth > 12) return null;
  if (typeof schema.$ref === 'string')
    return exampleOf(resolve(schema.$ref), resolve, name, depth + 1);
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return schema.examples[0];
  if ('default' in schema && schema.default !== undefined) return schema.default;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  for (const key of ['anyOf', 'oneOf'] as const) {
    const options = schema[key];
    if (Array.isArray(options)) {
      const first = options.find((o) => asSchema(o)?.type !== 'null') ?? options[0];
      return exampleOf(first, resolve, name, depth + 1);
    }
  }
  if (Array.isArray(schema.allOf)) {
    return Object.assign(
      {},
      ...schema.allOf.map((s) => {
        const v = exampleOf(s, resolve, name, depth + 1);
        return typeof v === 'object' && v !== null ? v : {};
      }),
    ) as unknown;
  }
  const type = Array.isArray(schema.type)
    ? (schema.type.find((t) => t !== 'null') as string | undefined)
    : (schema.type as string | undefined);
  switch (type) {
    case 'string':
      return stringExample(schema, name);
    case 'integer':
      return numberExample(schema, true);
    case 'number':
      return numberExample(schema, false);
    case 'boolean':
      return true;
    case 'null':
      return null;
    case 'array': {
      const minItems = typeof schema.minItems === 'number' ? schema.minItems : 1;
      const item = exampleOf(schema.items, resolve, name, depth + 1);
      return Array.from({ length: Math.max(1, minItems) }, () => item);
    }
    case 'object':
    case undefined: {
      const properties = asSchema(schema.properties);
      if (properties === undefined) return type === 'object' ? {} : null;
      const out: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(properties))
        out[key] = exampleOf(value, resolve, key, depth + 1);
      return out;
    }
    default:
      return null;
  }
}
