import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { buildApp, type KianaApp } from '../src/app';
import { loadConfig, type Config } from '../src/config';
import { createLogger } from '../src/logger';
import type { Clock } from '../src/platform/clock';
import { createTestDb } from './test-db';

/** An app built in-process on a fresh test database, with every log line captured. */
export interface TestApp extends KianaApp {
  config: Config;
  logLines: string[];
  dataDir: string;
}

/** Builds the app for `app.inject()` tests; call `close()` in afterAll/afterEach. */
export async function buildTestApp(
  options: { env?: Record<string, string>; clock?: Clock; logLevel?: string } = {},
): Promise<TestApp> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiana-test-'));
  const config = loadConfig({
    KIANA_DATA_DIR: dataDir,
    KIANA_MASTER_KEY: randomBytes(32).toString('base64'),
    LOG_LEVEL: options.logLevel ?? 'info',
    NODE_ENV: 'test',
    KIANA_PUBLIC_URL: 'http://localhost:3000',
    // Nothing in a test may reach Meta: a closed loopback port fails fast and loudly.
    KIANA_GRAPH_URL: 'http://127.0.0.1:9',
    ...options.env,
  });
  const logLines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      logLines.push(chunk.toString('utf8'));
      done();
    },
  });
  const db = await createTestDb();
  const kiana = await buildApp({
    config,
    db,
    logger: createLogger(config.logLevel, sink),
    clock: options.clock,
    serveWeb: false,
  });
  return {
    ...kiana,
    config,
    logLines,
    dataDir,
    close: async () => {
      await kiana.close();
      await db.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
