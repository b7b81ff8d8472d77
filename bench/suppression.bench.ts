/**
 * The suppression list's batch check: how long `suppressedAmong` takes for N numbers
 * (default 1,000,000, canonical E.164 as contacts store them) against a list of 1,000
 * suppressed numbers, on a SQLite file database. `found` must equal the suppressed numbers
 * among the N. Extra flags as positionals: `numbers=1000000 listed=1000`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { openDatabase } from '../apps/server/src/db/database';
import { migrateToLatest } from '../apps/server/src/db/migrate';
import { keyringOf } from '../apps/server/src/crypto/keyring';
import { createSecrets } from '../apps/server/src/crypto/secrets';
import { systemClock } from '../apps/server/src/platform/clock';
import { createSuppression } from '../apps/server/src/modules/privacy/suppression';
import type { Benchmark } from './bench.lib';

function flag(args: string[], name: string, fallback: number): number {
  const v = args.find((a) => a.startsWith(`${name}=`))?.split('=')[1];
  return v === undefined ? fallback : Number(v);
}

export const benchmark: Benchmark = {
  description: 'suppression list: batch check of a million numbers in one pass',
  async run(options) {
    const numbers = flag(options.args, 'numbers', 1_000_000);
    const listed = flag(options.args, 'listed', 1_000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiana-bench-'));
    const db = openDatabase({ dialect: 'sqlite', file: path.join(dir, 'kiana.db') });
    try {
      await migrateToLatest(db);
      const list = createSuppression({
        db: db.kysely,
        secrets: createSecrets(keyringOf([], '', randomBytes(32).toString('base64'))),
        clock: systemClock,
      });
      const phones = Array.from(
        { length: numbers },
        (_, i) => `+1555${String(i).padStart(7, '0')}`,
      );
      const step = Math.max(1, Math.floor(numbers / listed));
      const suppressed = phones.filter((_, i) => i % step === 0).slice(0, listed);
      await list.suppress(suppressed, 'bench', null);
      const started = performance.now();
      const found = await list.suppressedAmong(phones);
      const seconds = (performance.now() - started) / 1000;
      console.log(
        `# ${numbers} numbers checked in ${seconds.toFixed(2)} s, ${found.size} suppressed`,
      );
      return { numbers, listed: suppressed.length, found: found.size, seconds };
    } finally {
      await db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};
