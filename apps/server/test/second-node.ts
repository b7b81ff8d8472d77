import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp, type KianaApp } from '../src/app';
import { loadConfig } from '../src/config';
import { createLogger } from '../src/logger';
import type { TestApp } from './test-app';

/** A second app instance: another "machine" with its own data directory. */
export interface SecondNode extends KianaApp {
  dataDir: string;
}

/**
 * Builds a second instance on the first one's database, with the same master key and the
 * given environment (e.g. the test S3 server's, so both share one bucket) but its own
 * data directory: whatever it reads from `ctx.files` cannot come from the first one's disk.
 */
export async function startSecondNode(
  first: TestApp,
  env: Record<string, string>,
): Promise<SecondNode> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiana-node-b-'));
  const config = loadConfig({
    KIANA_PUBLIC_URL: 'http://localhost:3000',
    KIANA_GRAPH_URL: 'http://127.0.0.1:9',
    NODE_ENV: 'test',
    ...env,
    KIANA_DATA_DIR: dataDir,
    KIANA_MASTER_KEY: first.config.masterKey ?? '',
  });
  const node = await buildApp({
    config,
    db: first.ctx.db,
    migrate: false,
    serveWeb: false,
    logger: createLogger('silent'),
  });
  return {
    ...node,
    dataDir,
    close: async () => {
      await node.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
