import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabaseUrl, testDialect } from './test-db';
import { freePort, kianaBin, waitReady } from './process-kit';

function run(
  args: string[],
  env: Record<string, string>,
): { child: ChildProcess; output: () => string; exit: Promise<number | null> } {
  const child = spawn(process.execPath, [kianaBin, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => out, exit };
}

describe(`the kiana process on ${testDialect}`, () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  it('refuses to start with two bad variables, naming both, exit code non-zero', async () => {
    const p = run(['start'], {
      PORT: 'not-a-port',
      LOG_LEVEL: 'chatty',
      KIANA_DATA_DIR: os.tmpdir(),
    });
    const code = await p.exit;
    expect(code).not.toBe(0);
    expect(p.output()).toContain('PORT');
    expect(p.output()).toContain('LOG_LEVEL');
  });

  it('migrates, serves, and stops cleanly with exit code 0 on SIGINT', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiana-proc-'));
    dirs.push(dataDir);
    const database = await createTestDatabaseUrl(dataDir);
    try {
      const port = await freePort();
      const p = run(['start'], {
        PORT: String(port),
        HOST: '127.0.0.1',
        KIANA_DATA_DIR: dataDir,
        DATABASE_URL: database.url,
        LOG_LEVEL: 'warn',
      });
      const ready = await waitReady(`http://127.0.0.1:${port}`, 20_000);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({ status: 'ready' });
      expect(p.output()).toContain(`http://localhost:${port}`);
      const started = Date.now();
      // Ctrl-C under `npm start` delivers SIGINT twice (terminal group + npm forwarding).
      p.child.kill('SIGINT');
      p.child.kill('SIGINT');
      expect(await p.exit).toBe(0);
      expect(Date.now() - started).toBeLessThan(10_000);
      // A generated master key stays private to its owner.
      expect(fs.statSync(path.join(dataDir, 'master.key')).mode & 0o777).toBe(0o600);
    } finally {
      await database.drop();
    }
  });

  it('kiana migrate applies migrations and reports an up-to-date database the second time', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiana-mig-'));
    dirs.push(dataDir);
    const database = await createTestDatabaseUrl(dataDir);
    try {
      const env = { KIANA_DATA_DIR: dataDir, DATABASE_URL: database.url };
      const first = run(['migrate'], env);
      expect(await first.exit).toBe(0);
      expect(first.output()).toMatch(/Applied \d+ migration/);
      const second = run(['migrate'], env);
      expect(await second.exit).toBe(0);
      expect(second.output()).toContain('Database is up to date.');
    } finally {
      await database.drop();
    }
  });
});
