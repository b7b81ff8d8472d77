import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { LightMyRequestResponse } from 'fastify';

/** One operation of the document, as the conformance tests walk it. */
export interface DocOperation {
  method: string;
  path: string;
  op: {
    operationId?: string;
    tags?: string[];
    parameters?: { name: string; in: string; example?: unknown; required?: boolean }[];
    requestBody?: { content?: Record<string, { example?: unknown }> };
    responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
  };
}

type Doc = { paths: Record<string, Record<string, DocOperation['op']>> };

export function operationsOf(doc: unknown): DocOperation[] {
  const out: DocOperation[] = [];
  for (const [path, item] of Object.entries((doc as Doc).paths))
    for (const [method, op] of Object.entries(item)) out.push({ method, path, op });
  return out;
}

const pointer = (s: string): string => s.replace(/~/g, '~0').replace(/\//g, '~1');

/** Checks answers against the document itself: status listed, content type and body schema. */
export function responseChecker(
  doc: unknown,
): (o: DocOperation, res: LightMyRequestResponse) => string[] {
  const ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: true });
  (addFormats as unknown as (a: Ajv2020) => void)(ajv);
  ajv.addSchema(doc as object, 'openapi.json');
  return (o, res) => {
    const status = String(res.statusCode);
    const documented = o.op.responses[status];
    const where = `${o.method.toUpperCase()} ${o.path} → ${status}`;
    if (documented === undefined) return [`${where} is not documented (${res.body.slice(0, 200)})`];
    const type = String(res.headers['content-type'] ?? '').split(';')[0] ?? '';
    const content = documented.content;
    if (content === undefined || Object.keys(content).length === 0) return [];
    if (content[type] === undefined && content['*/*'] === undefined)
      return [`${where}: content type ${type} not in ${Object.keys(content).join(', ')}`];
    if (!type.includes('json')) return [];
    const ref = `openapi.json#/paths/${pointer(o.path)}/${o.method}/responses/${status}/content/${pointer(type)}/schema`;
    const validate = ajv.getSchema(ref);
    if (validate === undefined) return [`${where}: no schema at ${ref}`];
    if (validate(res.json())) return [];
    return [
      `${where}: body ${res.body.slice(0, 300)} breaks its schema: ${ajv.errorsText(validate.errors)}`,
    ];
  };
}

/** Fills a path template and query string from parameter values. */
export function urlOf(o: DocOperation, value: (name: string, where: string) => unknown): string {
  let url = o.path;
  const query = new URLSearchParams();
  for (const p of o.op.parameters ?? []) {
    const v = value(p.name, p.in);
    if (p.in === 'path') url = url.replace(`{${p.name}}`, encodeURIComponent(String(v)));
    if (p.in === 'query' && v !== undefined && v !== null)
      query.set(p.name, typeof v === 'string' ? v : JSON.stringify(v));
  }
  const q = query.toString();
  return q === '' ? url : `${url}?${q}`;
}
