import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { Db } from '../../db/database';
import { createTestDb } from '../../../test/test-db';
import { createIntakeHarness, type IntakeHarness } from './webhooks.testkit';

/** A test file's database and the current test's intake harness; `h` may be swapped by a test. */
export interface IntakeFixture {
  db: Db;
  h: IntakeHarness;
}

/**
 * Registers the hooks every intake test file needs: one database per file, a fresh harness
 * per test, both closed after. Read `db` and `h` inside tests, not at module level (they are
 * set by the hooks). A test that needs other harness options closes `h` and assigns a new one;
 * the after-each hook closes whichever is current.
 */
export function useIntakeHarness(): IntakeFixture {
  const fixture = {} as IntakeFixture;
  beforeAll(async () => {
    fixture.db = await createTestDb();
  });
  afterAll(async () => {
    await fixture.db.close();
  });
  beforeEach(async () => {
    fixture.h = await createIntakeHarness(fixture.db);
  });
  afterEach(async () => {
    await fixture.h.close();
  });
  return fixture;
}
