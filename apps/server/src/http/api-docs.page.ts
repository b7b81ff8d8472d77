/**
 * `/api/docs`: the OpenAPI document as one self-contained HTML page. Server-rendered with
 * no script and no outside asset, so it works under the panel's strict CSP (scripts
 * 'self' only) and offline; each operation folds open with <details>.
 */
type Media = { schema?: unknown; example?: unknown };
type Operation = {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: {
    name?: string;
    in?: string;
    required?: boolean;
    description?: string;
    schema?: unknown;
  }[];
  requestBody?: { content?: Record<string, Media> };
  responses?: Record<string, { description?: string; content?: Record<string, Media> }>;
};
type Doc = {
  info?: { title?: string; version?: string; description?: string };
  paths?: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, unknown> };
};

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

const esc = (s: unknown): string =>
  String(s).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
const json = (v: unknown): string => `<pre>${esc(JSON.stringify(v, null, 2))}</pre>`;
const anchor = (s: string): string => s.replace(/[^A-Za-z0-9]+/g, '-').toLowerCase();

function media(content: Record<string, Media> | undefined): string {
  return Object.entries(content ?? {})
    .map(
      ([type, m]) =>
        `<p><code>${esc(type)}</code></p>` +
        (m.example === undefined ? '' : `<p>Example</p>${json(m.example)}`) +
        (m.schema === undefined
          ? ''
          : `<details><summary>Schema</summary>${json(m.schema)}</details>`),
    )
    .join('');
}

function operation(method: string, path: string, op: Operation): string {
  const params = (op.parameters ?? [])
    .map(
      (p) =>
        `<tr><td><code>${esc(p.name)}</code></td><td>${esc(p.in)}</td><td>${p.required === true ? 'yes' : 'no'}</td><td><code>${esc(JSON.stringify(p.schema ?? {}))}</code></td></tr>`,
    )
    .join('');
  const responses = Object.entries(op.responses ?? {})
    .map(
      ([status, r]) =>
        `<li><strong>${esc(status)}</strong> ${esc(r.description ?? '')}${media(r.content)}</li>`,
    )
    .join('');
  return `<details class="op" id="${esc(op.operationId ?? anchor(method + path))}">
<summary><span class="m m-${method}">${method.toUpperCase()}</span> <code>${esc(path)}</code> <span class="id">${esc(op.operationId ?? '')}</span></summary>
${op.description === undefined ? '' : `<p>${esc(op.description)}</p>`}
${params === '' ? '' : `<h4>Parameters</h4><table><thead><tr><th>Name</th><th>In</th><th>Required</th><th>Schema</th></tr></thead><tbody>${params}</tbody></table>`}
${op.requestBody === undefined ? '' : `<h4>Request body</h4>${media(op.requestBody.content)}`}
<h4>Responses</h4><ul>${responses}</ul>
</details>`;
}

/** The whole page for one document. */
export function renderApiDocs(doc: Doc): string {
  const byTag = new Map<string, string[]>();
  for (const [path, item] of Object.entries(doc.paths ?? {}))
    for (const method of METHODS) {
      const op = item[method];
      if (op === undefined) continue;
      const tag = op.tags?.[0] ?? 'Other';
      byTag.set(tag, [...(byTag.get(tag) ?? []), operation(method, path, op)]);
    }
  const tags = [...byTag.keys()].sort();
  const title = doc.info?.title ?? 'API';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} – reference</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#1b1f24;background:#fff}
header,main,nav{max-width:960px;margin:0 auto;padding:0 16px}
nav ul{display:flex;flex-wrap:wrap;gap:4px 16px;padding:0;list-style:none}
a{color:#0b5cad}
pre{background:#f3f4f6;padding:8px;overflow:auto;font-size:13px}
table{border-collapse:collapse;width:100%}td,th{border:1px solid #d0d7de;padding:4px;text-align:left;vertical-align:top}
.op{border:1px solid #d0d7de;border-radius:6px;margin:6px 0;padding:4px 8px}
summary{cursor:pointer;min-height:24px;padding:2px 0}
.m{display:inline-block;min-width:4.5em;font-weight:700}
.m-get{color:#0a5c2b}.m-post{color:#0b4fa0}.m-put,.m-patch{color:#7a4a00}.m-delete{color:#a1121a}
.id{color:#4b5563;font-size:13px}
@media (prefers-color-scheme:dark){body{background:#111418;color:#e6e8eb}pre{background:#1d2127}a{color:#7cb7ff}.op,td,th{border-color:#3a414a}.id{color:#b5bcc4}.m-get{color:#6fd48f}.m-post{color:#7cb7ff}.m-put,.m-patch{color:#f0b45a}.m-delete{color:#ff8a8f}}
</style></head>
<body><header><h1>${esc(title)} <small>v${esc(doc.info?.version ?? '')}</small></h1>
<p>${esc(doc.info?.description ?? '')}</p>
<p>The machine-readable document: <a href="/api/v1/docs">/api/v1/docs</a> (OpenAPI 3.1, JSON).</p></header>
<nav aria-label="Sections"><ul>${tags.map((t) => `<li><a href="#${anchor(t)}">${esc(t)}</a></li>`).join('')}</ul></nav>
<main>${tags.map((t) => `<section id="${anchor(t)}"><h2>${esc(t)}</h2>${(byTag.get(t) ?? []).join('\n')}</section>`).join('\n')}
<section id="schemas"><h2>Shared schemas</h2>${Object.entries(doc.components?.schemas ?? {})
    .map(([name, s]) => `<details><summary>${esc(name)}</summary>${json(s)}</details>`)
    .join('')}</section></main></body></html>`;
}
