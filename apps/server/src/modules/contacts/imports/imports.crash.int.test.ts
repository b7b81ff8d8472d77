import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabaseUrl, testDialect } from '../../../../test/test-db';
import { openDatabase, type Db } from '../../../db/database';
import { migrateToLatest } from '../../../db/migrate';
import { EventBus } from '../../../events/bus';
import { systemClock } from '../../../platform/clock';
import { createLocalFileStore } from '../../../platform/files/files.local';
import { JobQueue } from '../../../platform/jobs/jobs.queue';
import { JobRegistry } from '../../../platform/jobs/jobs.registry';
import { createAuditService, systemActor } from '../../audit/audit.service';
import { contactImportJob } from './imports.job';
import { findImport } from './imports.repo';
import { createImportsService } from './imports.service';

const worker = path.resolve(import.meta.dirname, '../../../../test/fixtures/import-worker.ts');
const BATCH = 100;
const ROWS = 3_000;

/** 3,000 rows: mostly new numbers, some invalid, some repeating the row before. */
function csv(): Buffer {
  const lines = ['phone,name'];
  for (let i = 0; i < ROWS; i++) {
    const n = i % 70 === 69 ? i - 1 : i;
    lines.push(
      i % 50 === 49 ? `bad-${i},Nobody` : `+35191${String(n).padStart(7, '0')},Person ${n}`,
    );
  }
  return Buffer.from(lines.join('\n'));
}

interface Setup {
  db: Db;
  url: string;
  dataDir: string;
  importId: string;
  close(): Promise<void>;
}

/** A fresh database and data directory holding one queued import of the file. */
async function setUp(): Promise<Setup> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiana-import-crash-'));
  const created = await createTestDatabaseUrl(dataDir);
  const db = created.url.startsWith('sqlite:')
    ? openDatabase({ dialect: 'sqlite', file: created.url.slice('sqlite:'.length) })
    : openDatabase({ dialect: 'postgres', connectionString: created.url });
  await migrateToLatest(db);
  const files = createLocalFileStore(dataDir);
  const audit = createAuditService({ db: db.kysely, clock: systemClock });
  const registry = new JobRegistry();
  const job = contactImportJob({
    db,
    files,
    clock: systemClock,
    bus: new EventBus(),
    audit,
    attributeDefs: async () => [],
  });
  registry.register(job);
  const service = createImportsService({
    db,
    files,
    clock: systemClock,
    audit,
    jobs: new JobQueue({ db, clock: systemClock, registry }),
    job,
    attributeKeys: async () => [],
    defaultCountry: async () => null,
  });
  const by = { actor: systemActor('crash-test'), ip: null, userAgent: null };
  const bytes = csv();
  const upload = await service.upload(
    { body: Readable.from([bytes]), declaredLength: bytes.length, fileName: null },
    by,
  );
  const started = await service.create(
    { uploadId: upload.id, mapping: { number: 0, name: 1 }, policy: 'update' },
    by,
  );
  return {
    db,
    url: created.url,
    dataDir,
    importId: started.id,
    close: async () => {
      await db.close();
      await created.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function startWorker(s: Setup) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', worker, s.url, s.dataDir, String(BATCH)],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return { child, exited, output: () => out };
}

async function until<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs = 90_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function outcome(s: Setup) {
  const row = await findImport(s.db.kysely, s.importId);
  const contacts = await s.db.kysely
    .selectFrom('contacts')
    .select(['phoneE164', 'name'])
    .orderBy('phoneE164')
    .execute();
  const rejected =
    row?.rejectedKey == null ? '' : fs.readFileSync(path.join(s.dataDir, row.rejectedKey), 'utf8');
  const { created, updated, unchanged, invalid, duplicate, rowsDone, status, error } = row ?? {};
  return {
    summary: { created, updated, unchanged, invalid, duplicate, rowsDone, status, error },
    contacts,
    rejected,
  };
}

describe(`a contact import killed mid-way on ${testDialect}`, () => {
  const setups: Setup[] = [];
  afterAll(async () => {
    for (const s of setups) await s.close();
  });

  it('resumes from its checkpoint after SIGKILL and ends exactly like an uninterrupted import', async () => {
    const crashed = await setUp();
    const clean = await setUp();
    setups.push(crashed, clean);

    const first = startWorker(crashed);
    const reached = await until('the first checkpoints', async () => {
      const row = await findImport(crashed.db.kysely, crashed.importId);
      return row !== undefined && row.rowsDone >= 2 * BATCH ? row.rowsDone : undefined;
    });
    first.child.kill('SIGKILL');
    await first.exited;
    const atKill = await findImport(crashed.db.kysely, crashed.importId);
    // Killed mid-way: some batches applied, not all, and never part of one.
    expect(atKill?.status).toBe('running');
    expect(atKill?.rowsDone).toBeGreaterThanOrEqual(reached);
    expect(atKill?.rowsDone).toBeLessThan(ROWS);
    expect((atKill?.rowsDone ?? 0) % BATCH).toBe(0);
    const applied = await crashed.db.kysely.selectFrom('contacts').select('id').execute();
    expect(applied.length).toBe((atKill?.created ?? 0) + (atKill?.updated ?? 0));

    const second = startWorker(crashed);
    const whole = startWorker(clean);
    for (const s of [crashed, clean])
      await until('the import to finish', async () => {
        const row = await findImport(s.db.kysely, s.importId);
        return row?.status === 'done' || row?.status === 'failed' ? row : undefined;
      });
    second.child.kill('SIGKILL');
    whole.child.kill('SIGKILL');
    await Promise.all([second.exited, whole.exited]);

    const a = await outcome(crashed);
    const b = await outcome(clean);
    expect(b.summary).toMatchObject({ status: 'done', rowsDone: ROWS, updated: 0, unchanged: 0 });
    const { created = 0, invalid = 0, duplicate = 0 } = b.summary;
    expect(invalid).toBeGreaterThan(50);
    expect(duplicate).toBeGreaterThan(30);
    expect(created + invalid + duplicate).toBe(ROWS);
    expect(a.summary).toEqual(b.summary);
    expect(a.contacts).toEqual(b.contacts);
    expect(a.contacts).toHaveLength(created);
    expect(a.rejected).toBe(b.rejected);
  }, 180_000);
});
