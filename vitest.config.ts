import { defineConfig } from 'vitest/config';

// Three projects: unit tests once; integration tests (`*.int.test.ts`) once on SQLite and
// once on a real PostgreSQL server that the postgres project's global setup starts.
// Integration hooks start and stop whole testbeds (panel, simulator, a database), hence
// their longer hook timeouts.
const integration = ['apps/server/**/*.int.test.ts'];

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            'packages/*/src/**/*.test.ts',
            'apps/*/src/**/*.test.ts',
            'apps/*/test/**/*.test.ts',
          ],
          exclude: ['**/*.int.test.ts', '**/node_modules/**'],
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'sqlite',
          include: integration,
          env: { KIANA_TEST_DB: 'sqlite' },
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'postgres',
          include: integration,
          env: { KIANA_TEST_DB: 'postgres' },
          globalSetup: ['apps/server/test/pg-global-setup.ts'],
          testTimeout: 30_000,
          // Closing a testbed drops its database; on a busy 2-core machine PostgreSQL can
          // take longer than the default 10 s to do it.
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
