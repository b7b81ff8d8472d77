import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './process-kit';

/** A throwaway PostgreSQL cluster on a loopback port in a temporary directory. */
export interface TempPostgres {
  url: string;
  stop(): void;
}

function pgBinDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root)
    ? fs.readdirSync(root).filter((v) => fs.existsSync(path.join(root, v, 'bin', 'initdb')))
    : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (newest === undefined) {
    throw new Error(
      'PostgreSQL server binaries not found: install the Debian package "postgresql".',
    );
  }
  return path.join(root, newest, 'bin');
}

/**
 * initdb + pg_ctl start. PostgreSQL refuses to run as root, so as root the cluster
 * belongs to and runs as the `postgres` user.
 */
export async function startTempPostgres(): Promise<TempPostgres> {
  const bin = pgBinDir();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiana-pg-'));
  const dataDir = path.join(dir, 'data');
  const isRoot = process.getuid?.() === 0;
  fs.chmodSync(dir, 0o777);
  const run = (cmd: string, args: string[]): void => {
    const full = isRoot ? ['-u', 'postgres', '--', path.join(bin, cmd), ...args] : args;
    const result = isRoot
      ? spawnSync('runuser', full, { encoding: 'utf8' })
      : spawnSync(path.join(bin, cmd), full, { encoding: 'utf8' });
    if (result.status !== 0) {
      throw new Error(`${cmd} failed: ${result.stderr || result.stdout || String(result.error)}`);
    }
  };
  run('initdb', ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  const port = await freePort();
  run('pg_ctl', [
    '-D',
    dataDir,
    '-l',
    path.join(dir, 'postgres.log'),
    '-w',
    '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`,
    'start',
  ]);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: () => {
      try {
        run('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
      } finally {
        execFileSync('rm', ['-rf', dir]);
      }
    },
  };
}
