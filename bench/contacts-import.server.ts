/**
 * The system under test of `contacts-import`, its own process so its peak RSS is the
 * server's alone: the full app on a SQLite file, an owner, two declared attributes and a
 * default country. Uploads the CSV named in argv[2] through the API (streamed), runs the
 * import job and then the segment sizes (through the segment preview API), and prints one
 * JSON line of figures.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { ContactImport } from '@kiana/contracts';
import { buildApp } from '../apps/server/src/app';
import { loadConfig } from '../apps/server/src/config';
import { createLogger } from '../apps/server/src/logger';
import { userWithRole } from '../apps/server/src/modules/auth/auth.testkit';
import { attributeDefsSetting } from '../apps/server/src/modules/contacts/contacts.settings';
import { defaultCountrySetting } from '../apps/server/src/modules/contacts/contacts.phone';

const file = process.argv[2];
if (file === undefined) throw new Error('usage: contacts-import.server.ts <csv>');

let peakRss = process.memoryUsage.rss();
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 20);

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiana-bench-import-'));
const config = loadConfig({
  KIANA_DATA_DIR: dataDir,
  KIANA_MASTER_KEY: randomBytes(32).toString('base64'),
  LOG_LEVEL: 'warn',
  NODE_ENV: 'production',
  KIANA_PUBLIC_URL: 'http://localhost:3000',
  KIANA_GRAPH_URL: 'http://127.0.0.1:9',
  PORT: '0',
});
const kiana = await buildApp({ config, serveWeb: false, logger: createLogger('warn') });
const db = kiana.ctx.db.kysely;
const owner = await userWithRole(kiana, 'owner');
await kiana.ctx.settings.set(db, attributeDefsSetting, [
  { key: 'plan', label: 'Plan', type: 'text' },
  { key: 'spend', label: 'Spend', type: 'number' },
]);
await kiana.ctx.settings.set(db, defaultCountrySetting, 'PT');

const uploadStarted = performance.now();
const up = await kiana.app.inject({
  method: 'POST',
  url: '/api/v1/contacts/imports/uploads',
  headers: { ...owner.headers, 'content-type': 'text/csv' },
  payload: fs.createReadStream(file),
});
if (up.statusCode !== 201) throw new Error(`upload: ${up.body}`);
const uploadSeconds = (performance.now() - uploadStarted) / 1000;

const started = performance.now();
const cpuStarted = process.cpuUsage();
const res = await kiana.app.inject({
  method: 'POST',
  url: '/api/v1/contacts/imports',
  headers: owner.headers,
  payload: {
    uploadId: (up.json() as { id: string }).id,
    mapping: { number: 0, name: 1, tags: 4, attributes: { plan: 2, spend: 3 } },
    policy: 'update',
  },
});
if (res.statusCode !== 202) throw new Error(`start: ${res.body}`);
await kiana.worker.drainOnce();
const seconds = (performance.now() - started) / 1000;
// CPU time of this process during the import: on a machine shared with other work the wall
// time varies with their load, this much less.
const cpu = process.cpuUsage(cpuStarted);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
const done = await kiana.app.inject({
  method: 'GET',
  url: `/api/v1/contacts/imports/${(res.json() as { id: string }).id}`,
  headers: owner.headers,
});
const result = done.json() as ContactImport;
const importRssMb = peakRss / 1024 / 1024;

// Segment sizes through the contacts module's segment compiler (POST /segments/preview):
// one tag, and tag AND attribute AND consent. Median of 5.
const tag = await db
  .selectFrom('tags')
  .select('id')
  .where('nameKey', '=', 'tag-3')
  .executeTakeFirstOrThrow();
const previewMs = async (children: unknown[]): Promise<number> => {
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    const r = await kiana.app.inject({
      method: 'POST',
      url: '/api/v1/segments/preview',
      headers: owner.headers,
      payload: { filter: { type: 'group', op: 'and', children } },
    });
    times.push(performance.now() - t0);
    if (r.statusCode !== 200) throw new Error(`segment preview: ${r.body}`);
  }
  return times.sort((a, b) => a - b)[2] ?? 0;
};
const byTag = { type: 'tags', match: 'any', tagIds: [tag.id] };
const segmentMs = await previewMs([byTag]);
const segmentComplexMs = await previewMs([
  byTag,
  { type: 'attribute', key: 'plan', op: 'eq', value: 'gold' },
  { type: 'consent', states: ['unknown', 'opted_in'] },
]);
clearInterval(sampler);
console.log(
  JSON.stringify({
    status: result.status,
    error: result.error,
    rows: result.rowsDone,
    summary: result.summary,
    uploadSeconds,
    seconds,
    cpuSeconds,
    peakRssMb: Math.max(importRssMb, process.resourceUsage().maxRSS / 1024),
    segmentMs,
    segmentComplexMs,
  }),
);
await kiana.close();
fs.rmSync(dataDir, { recursive: true, force: true });
