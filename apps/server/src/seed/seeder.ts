import type { Db } from '../db/database';
import type { Logger } from '../logger';

/** One unit of sample data; `key` is recorded once applied so a second start adds nothing. */
export interface SeedStep {
  key: string;
  apply(): Promise<void>;
}

/**
 * Applies seed steps in order, each at most once per database. A step and its record
 * are not in one transaction (steps may call services that open their own), so steps
 * must themselves tolerate being re-run after a crash between the two.
 */
export async function runSeeds(
  db: Db,
  steps: readonly SeedStep[],
  logger: Logger,
): Promise<string[]> {
  const applied = new Set(
    (await db.kysely.selectFrom('seedRuns').select('key').execute()).map((r) => r.key),
  );
  const done: string[] = [];
  for (const step of steps) {
    if (applied.has(step.key)) continue;
    await step.apply();
    await db.kysely
      .insertInto('seedRuns')
      .values({ key: step.key, appliedAt: Date.now() })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    done.push(step.key);
    logger.info({ seed: step.key }, 'sample data added');
  }
  return done;
}
