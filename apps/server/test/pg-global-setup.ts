import type { TestProject } from 'vitest/node';
import { startTempPostgres } from './postgres-server';

declare module 'vitest' {
  export interface ProvidedContext {
    pgUrl: string;
  }
}

/** Starts one PostgreSQL server for the postgres project; each test file makes its own database in it. */
export default async function setup(project: TestProject): Promise<() => void> {
  const pg = await startTempPostgres();
  project.provide('pgUrl', pg.url);
  return () => pg.stop();
}
