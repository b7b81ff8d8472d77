/**
 * One claiming process of the `jobs` benchmark: waits for "go" on stdin, claims and completes
 * no-op jobs until the queue is empty, writes the ids it completed to `<out>` and prints
 * `done <count>`. Run with `node --import tsx bench/jobs.worker.ts <database url> <out>`.
 */
import fs from 'node:fs';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { openDatabase } from '../apps/server/src/db/database';
import { createLogger } from '../apps/server/src/logger';
import { systemClock } from '../apps/server/src/platform/clock';
import { JobRegistry } from '../apps/server/src/platform/jobs/jobs.registry';
import { JobRunner } from '../apps/server/src/platform/jobs/jobs.runner';

const [url, out] = process.argv.slice(2);
if (url === undefined || out === undefined) throw new Error('usage: jobs.worker.ts <url> <out>');
const db = openDatabase({ dialect: 'postgres', connectionString: url }, { poolSize: 20 });
const registry = new JobRegistry();
const completed: string[] = [];
registry.register({
  kind: 'bench.noop',
  payload: z.object({}),
  run: async (_p, ctx) => void completed.push(ctx.jobId),
});
const runner = new JobRunner(
  { db, clock: systemClock, logger: createLogger('warn'), registry },
  { concurrency: 16 },
);
process.stdout.write('ready\n');
for await (const line of createInterface({ input: process.stdin })) {
  if (line.trim() !== 'go') continue;
  // Two claimers on one queue: stop only when a claim finds nothing twice in a row.
  let idle = 0;
  while (idle < 2) idle = (await runner.drainOnce()) === 0 ? idle + 1 : 0;
  fs.writeFileSync(out, JSON.stringify(completed));
  process.stdout.write(`done ${completed.length}\n`);
  break;
}
await db.close();
process.exit(0);
