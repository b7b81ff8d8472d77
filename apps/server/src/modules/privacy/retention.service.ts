import { randomUUID } from 'node:crypto';
import {
  retentionClasses,
  retentionClassLabels,
  type PurgePreview,
  type PurgeRun,
  type RetentionClass,
} from '@kiana/contracts';
import type { Executor } from '../../db/executor';
import type { FileStore } from '../../platform/files/files';
import type { Clock } from '../../platform/clock';
import type { Logger } from '../../logger';
import type { AuditActor, AuditService } from '../audit/audit.service';
import {
  dependencyOrder,
  keyOf,
  registeredTables,
  type PersonalDataTable,
  type Retention,
} from './data-registry';
import { filePaths, removeFiles } from './erasure';
import {
  checkpoint,
  countExpired,
  countLinkedToExpired,
  deleteByKeys,
  selectExpiredKeys,
  selectLinkedKeys,
} from './registry.repo';
import type { PrivacySettings } from './privacy.settings';
import * as repo from './privacy.repo';
import { yieldToOthers } from '../../platform/background';

const DAY = 86_400_000;

/** Rows per transaction: small enough that other writers never wait long for SQLite's lock. */
const PURGE_BATCH = 500;

type Counts = Record<string, { rows: number; files: number }>;

function add(counts: Counts, table: string, rows: number, files: number): void {
  const c = counts[table] ?? { rows: 0, files: 0 };
  c.rows += rows;
  c.files += files;
  counts[table] = c;
}

/**
 * Tables whose rows belong to a contact (a `contactId` link): they go with an inactive
 * contact, children before parents (messages before conversations).
 */
function dependentsOf(entry: PersonalDataTable): { entry: PersonalDataTable; column: string }[] {
  return dependencyOrder(registeredTables())
    .reverse()
    .flatMap((t) => {
      if (t.table === entry.table) return [];
      const link = t.subject?.find((l) => l.by === 'contactId');
      return link === undefined ? [] : [{ entry: t, column: link.column }];
    });
}

/**
 * The retention purge. Classes run in a fixed order (inactive contacts last, so their
 * remaining rows are what the other classes left) and every batch is its own transaction
 * followed by a yield, so the panel keeps answering during a large purge. A dry run counts
 * with the same cut-offs and the same order, so it announces exactly what a run deletes.
 */
export function createRetentionService(deps: {
  db: Executor;
  clock: Clock;
  audit: AuditService;
  settings: PrivacySettings;
  files: FileStore;
  logger: Logger;
  batchSize?: number;
}) {
  const { db, clock } = deps;
  const batch = deps.batchSize ?? PURGE_BATCH;

  async function cutoffs(now: number): Promise<Record<RetentionClass, number>> {
    const { periods } = await deps.settings.retention();
    return Object.fromEntries(retentionClasses.map((c) => [c, now - periods[c] * DAY])) as Record<
      RetentionClass,
      number
    >;
  }

  function ownExpiry(entry: PersonalDataTable, cut: Record<RetentionClass, number>) {
    const r = entry.retention;
    return r === undefined || r.class === 'inactive_contacts'
      ? undefined
      : { column: r.column, cutoff: cut[r.class] };
  }

  /** Dry run: counts the table's own expired rows (and their files). */
  async function countOwn(
    entry: PersonalDataTable,
    r: Retention,
    cutoff: number,
    counts: Counts,
  ): Promise<void> {
    const c = await countExpired(db, {
      table: entry.table,
      column: r.column,
      cutoff,
      where: r.where,
      fileColumn: entry.file?.column,
    });
    add(counts, entry.table, c.rows, c.files);
  }

  async function purgeRows(
    entry: PersonalDataTable,
    cutoff: number,
    dryRun: boolean,
    counts: Counts,
  ): Promise<void> {
    const r = entry.retention;
    if (r === undefined) return;
    if (dryRun) return countOwn(entry, r, cutoff, counts);
    for (;;) {
      const keys = await selectExpiredKeys(db, {
        table: entry.table,
        key: keyOf(entry),
        column: r.column,
        cutoff,
        where: r.where,
        limit: batch,
      });
      if (keys.length === 0) break;
      const files = await filePaths(db, entry, keys);
      const n = await db
        .transaction()
        .execute((trx) => deleteByKeys(trx, entry.table, keyOf(entry), keys));
      add(counts, entry.table, n, await removeFiles(deps.files, files));
      await yieldToOthers();
    }
  }

  async function purgeSubjects(
    entry: PersonalDataTable,
    cut: Record<RetentionClass, number>,
    dryRun: boolean,
    counts: Counts,
  ): Promise<void> {
    const r = entry.retention;
    if (r === undefined) return;
    const cutoff = cut[r.class];
    const dependents = dependentsOf(entry);
    const parent = {
      table: entry.table,
      key: keyOf(entry),
      column: r.column,
      cutoff,
      where: r.where,
    };
    if (dryRun) {
      for (const d of dependents) {
        const c = await countLinkedToExpired(db, {
          table: d.entry.table,
          contactColumn: d.column,
          fileColumn: d.entry.file?.column,
          parent,
          own: ownExpiry(d.entry, cut),
        });
        add(counts, d.entry.table, c.rows, c.files);
      }
      return countOwn(entry, r, cutoff, counts);
    }
    for (;;) {
      const ids = await selectExpiredKeys(db, { ...parent, limit: batch });
      if (ids.length === 0) break;
      const files: string[] = [];
      const deleted = await db.transaction().execute(async (trx) => {
        const out: { table: string; rows: number; files: number }[] = [];
        for (const d of dependents) {
          const keys = await selectLinkedKeys(trx, {
            table: d.entry.table,
            key: keyOf(d.entry),
            contactColumn: d.column,
            contactIds: ids,
          });
          const paths = await filePaths(trx, d.entry, keys);
          files.push(...paths);
          out.push({
            table: d.entry.table,
            rows: await deleteByKeys(trx, d.entry.table, keyOf(d.entry), keys),
            files: paths.length,
          });
        }
        out.push({
          table: entry.table,
          rows: await deleteByKeys(trx, entry.table, keyOf(entry), ids),
          files: 0,
        });
        return out;
      });
      await removeFiles(deps.files, files);
      for (const d of deleted) add(counts, d.table, d.rows, d.files);
      await yieldToOthers();
    }
  }

  /** Runs every class in order; returns per-table counts grouped by class. */
  async function sweep(
    now: number,
    dryRun: boolean,
  ): Promise<{ cls: RetentionClass; cutoff: number; counts: Counts }[]> {
    const cut = await cutoffs(now);
    const out: { cls: RetentionClass; cutoff: number; counts: Counts }[] = [];
    for (const cls of retentionClasses) {
      const counts: Counts = {};
      // Children before parents (messages before their conversations), as foreign keys require.
      const tables = dependencyOrder(registeredTables()).reverse();
      for (const entry of tables.filter((t) => t.retention?.class === cls)) {
        if (entry.retention?.mode === 'subject') await purgeSubjects(entry, cut, dryRun, counts);
        else await purgeRows(entry, cut[cls], dryRun, counts);
      }
      out.push({ cls, cutoff: cut[cls], counts });
    }
    return out;
  }

  function toRun(row: repo.PurgeRunRow): PurgeRun {
    return {
      id: row.id,
      trigger: row.trigger as PurgeRun['trigger'],
      dryRun: row.dryRun === 1,
      status: row.status as PurgeRun['status'],
      startedAt: new Date(row.startedAt).toISOString(),
      finishedAt: row.finishedAt === null ? null : new Date(row.finishedAt).toISOString(),
      rows: Number(row.rows),
      files: Number(row.files),
      counts: JSON.parse(row.counts) as Record<string, number>,
      error: row.error,
    };
  }

  return {
    /** What the next run would delete now. */
    async preview(): Promise<PurgePreview> {
      const now = clock.now();
      const { periods } = await deps.settings.retention();
      const classes = (await sweep(now, true)).map(({ cls, cutoff, counts }) => {
        const tables = Object.entries(counts).map(([table, c]) => ({ table, ...c }));
        return {
          retentionClass: cls,
          label: retentionClassLabels[cls],
          days: periods[cls],
          cutoff: new Date(cutoff).toISOString(),
          tables,
          rows: tables.reduce((n, t) => n + t.rows, 0),
          files: tables.reduce((n, t) => n + t.files, 0),
        };
      });
      return {
        at: new Date(now).toISOString(),
        classes,
        rows: classes.reduce((n, c) => n + c.rows, 0),
        files: classes.reduce((n, c) => n + c.files, 0),
      };
    },

    /** Runs the purge (or a dry run), records it in the history and the audit log. */
    async run(options: {
      dryRun: boolean;
      trigger: PurgeRun['trigger'];
      actor: AuditActor;
      ip?: string | null;
      userAgent?: string | null;
    }): Promise<PurgeRun> {
      const id = randomUUID();
      const now = clock.now();
      await repo.insertPurgeRun(db, {
        id,
        trigger: options.trigger,
        dryRun: options.dryRun ? 1 : 0,
        status: 'running',
        startedAt: now,
        finishedAt: null,
        rows: 0,
        files: 0,
        counts: '{}',
        error: null,
      });
      let status: PurgeRun['status'] = 'done';
      let error: string | null = null;
      const totals: Counts = {};
      try {
        for (const { counts } of await sweep(now, options.dryRun)) {
          for (const [table, c] of Object.entries(counts)) add(totals, table, c.rows, c.files);
        }
        if (!options.dryRun) await checkpoint(db);
      } catch (err) {
        status = 'failed';
        error = err instanceof Error ? err.message.slice(0, 500) : 'unknown error';
        deps.logger.error({ err, run: id }, 'retention purge failed');
      }
      const rows = Object.values(totals).reduce((n, c) => n + c.rows, 0);
      const files = Object.values(totals).reduce((n, c) => n + c.files, 0);
      const counts = Object.fromEntries(
        Object.entries(totals)
          .filter(([, c]) => c.rows > 0)
          .map(([t, c]) => [t, c.rows]),
      );
      await db.transaction().execute(async (tx) => {
        await repo.updatePurgeRun(tx, id, {
          status,
          finishedAt: clock.now(),
          rows,
          files,
          counts: JSON.stringify(counts),
          error,
        });
        await deps.audit.record(tx, {
          actor: options.actor,
          ip: options.ip ?? null,
          userAgent: options.userAgent ?? null,
          action: options.dryRun ? 'privacy.purge.dry_run' : 'privacy.purge',
          outcome: status === 'done' ? 'success' : 'failure',
          target: { type: 'purge_run', id },
          details: { rows, files, trigger: options.trigger },
        });
      });
      const row = await repo.findPurgeRun(db, id);
      if (row === undefined) throw new Error('purge run vanished');
      return toRun(row);
    },

    async history(limit = 50): Promise<PurgeRun[]> {
      return (await repo.listPurgeRuns(db, limit)).map(toRun);
    },

    /** True when no real run finished within the last `withinMs` (the daily job asks this hourly). */
    async isDue(withinMs: number): Promise<boolean> {
      const last = (await repo.listPurgeRuns(db, 20)).find(
        (r) => r.dryRun === 0 && r.status === 'done',
      );
      return last === undefined || clock.now() - Number(last.startedAt) >= withinMs;
    },
  };
}

export type RetentionService = ReturnType<typeof createRetentionService>;
