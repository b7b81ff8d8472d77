import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/test-app';
import { dependencyOrder, registeredTables, registryEntry } from './data-registry';
import { listSchemaTables } from './registry.repo';

let kiana: TestApp;

beforeAll(async () => {
  kiana = await buildTestApp();
});
afterAll(async () => {
  await kiana.close();
});

describe('personal data registry', () => {
  it('classifies every table of the schema (a new table must be registered by its module)', async () => {
    const tables = await listSchemaTables(kiana.ctx.db.kysely);
    expect(tables.length).toBeGreaterThan(10);
    const missing = tables.filter((t) => registryEntry(t) === undefined);
    expect(
      missing,
      `tables not in the personal data registry (docs/CONVENTIONS.md): ${missing.join(', ')}`,
    ).toEqual([]);
  });

  it('registers no table that the schema does not have', async () => {
    const tables = new Set(await listSchemaTables(kiana.ctx.db.kysely));
    expect(
      registeredTables()
        .filter((e) => !tables.has(e.table))
        .map((e) => e.table),
    ).toEqual([]);
  });

  it('gives every personal table a way to find, erase or expire its rows', () => {
    for (const entry of registeredTables()) {
      if (entry.classification !== 'personal' && entry.classification !== 'pseudonymous') continue;
      const handled =
        (entry.subject?.length ?? 0) > 0 ||
        entry.retention !== undefined ||
        entry.handledElsewhere !== undefined;
      expect(handled, entry.table).toBe(true);
      if (entry.subject !== undefined) expect(entry.erase, entry.table).toBeDefined();
    }
  });

  it('orders parents before the tables that reference them', () => {
    const order = dependencyOrder(registeredTables()).map((e) => e.table);
    expect(order.indexOf('contacts')).toBeLessThan(order.indexOf('conversations'));
    expect(order.indexOf('conversations')).toBeLessThan(order.indexOf('messages'));
  });
});
