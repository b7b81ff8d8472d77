import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import { parse } from 'yaml';

// Meta's OpenAPI specification (vendored in apps/simulator/spec, MIT) for contract tests.

interface OpenApiDoc {
  components: { schemas: Record<string, unknown> };
  paths: Record<string, Record<string, OpenApiOperation>>;
}
export interface OpenApiOperation {
  requestBody?: {
    content: Record<string, { schema?: unknown; examples?: Record<string, { value: unknown }> }>;
  };
  responses: Record<
    string,
    {
      content?: Record<string, { schema?: unknown; examples?: Record<string, { value: unknown }> }>;
    }
  >;
}

let cached: OpenApiDoc | undefined;
let ajv: Ajv | undefined;

/** The parsed specification (parsed once per test file). */
export function spec(): OpenApiDoc {
  cached ??= parse(
    readFileSync(
      fileURLToPath(new URL('../../spec/business-messaging-api_v23.0.yaml', import.meta.url)),
      'utf8',
    ),
    {
      maxAliasCount: -1,
    },
  ) as OpenApiDoc;
  return cached;
}

/** The operation at a path and method. */
export function operation(path: string, method: string): OpenApiOperation {
  const op = spec().paths[path]?.[method];
  if (op === undefined) throw new Error(`no ${method} ${path} in the spec`);
  return op;
}

/** Named request examples of an operation. */
export function requestExamples(path: string, method: string): [string, unknown][] {
  const examples = operation(path, method).requestBody?.content['application/json']?.examples ?? {};
  return Object.entries(examples).map(([name, e]) => [name, e.value]);
}

/** An ajv validator for a schema of the spec (a component name or an inline schema object). */
export function validator(schema: string | object): ValidateFunction {
  ajv ??= (() => {
    const a = new Ajv({ strict: false, allErrors: true });
    a.addSchema({ $id: 'spec', components: spec().components });
    return a;
  })();
  if (typeof schema === 'string') {
    const fn = ajv.getSchema(`spec#/components/schemas/${schema}`);
    if (fn === undefined) throw new Error(`no schema ${schema}`);
    return fn;
  }
  return ajv.compile(rewriteRefs(schema) as object);
}

function rewriteRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewriteRefs);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        k === '$ref' && typeof v === 'string' ? `spec${v}` : rewriteRefs(v),
      ]),
    );
  }
  return value;
}
