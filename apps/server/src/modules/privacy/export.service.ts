import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { strToU8, zipSync, type Zippable } from 'fflate';
import type { Executor } from '../../db/executor';
import { checkFileKey, readFile, type FileStore } from '../../platform/files/files';
import type { Clock } from '../../platform/clock';
import type { AuditContext, AuditService } from '../audit/audit.service';
import { toCsv } from '../../platform/csv';
import { NotFoundError } from '../../errors';
import { keyOf, registeredTables } from './data-registry';
import { camel, filesOfRows, resolveSubject, type Resolution } from './erasure';
import { selectRowsByKeys } from './registry.repo';
import type { PrivacySettings } from './privacy.settings';
import * as repo from './privacy.repo';

const DAY = 86_400_000;

type Row = Record<string, unknown>;

/** Rows as CSV with a header of every column seen; values that look like formulas are defused. */
function rowsToCsv(rows: readonly Row[]): string {
  return toCsv([...new Set(rows.flatMap((r) => Object.keys(r)))], rows);
}

const README = `This archive holds the personal data we keep about you.

Each kind of data comes as JSON and as CSV with the same content:
- profile: your contact record (number, WhatsApp id, profile name, opt-in and opt-out)
- conversations and messages: what you sent us and what we sent you, with delivery statuses
- campaign recipients and the consent ledger, where present
- media/: pictures, voice notes and documents exchanged in those messages

Times are in milliseconds since 1970-01-01 UTC.
`;

/** A stored export, ready to send: its bytes when just built, else a stream from the store. */
export interface ExportFile {
  id: string;
  filename: string;
  bytes: number;
  body: Uint8Array | Readable;
}

/**
 * Data export for access requests: one ZIP with every exportable table of the registry,
 * stored as `exports/<id>.zip` in the file store (so any process can serve its download)
 * with a `privacy_exports` row. The row is registered in the privacy registry: the archive
 * goes with the person on erasure, and with the `data_exports` retention period.
 */
export function createExportService(deps: {
  db: Executor;
  clock: Clock;
  audit: AuditService;
  files: FileStore;
  settings: PrivacySettings;
}) {
  const { db, clock } = deps;

  async function build(
    resolution: Resolution,
  ): Promise<{ zip: Uint8Array; counts: Record<string, number> }> {
    const files: Zippable = { 'README.txt': strToU8(README) };
    const counts: Record<string, number> = {};
    for (const { entry, keys } of resolution.matches) {
      if (entry.export === undefined || keys.length === 0) continue;
      const omit = new Set((entry.export.omit ?? []).map(camel));
      const stored = await selectRowsByKeys(db, entry.table, keyOf(entry), keys);
      const rows = stored.map((r) =>
        Object.fromEntries(Object.entries(r).filter(([k]) => !omit.has(k))),
      );
      counts[entry.export.name] = rows.length;
      files[`${entry.export.name}.json`] = strToU8(JSON.stringify(rows, null, 2));
      files[`${entry.export.name}.csv`] = strToU8(rowsToCsv(rows));
      for (const key of filesOfRows(entry, stored)) {
        // A file not downloaded yet (or already purged) is simply not in the archive.
        const data = await readFile(deps.files, checkFileKey(key)).catch(() => undefined);
        if (data === undefined) continue;
        files[`media/${path.basename(key)}`] = new Uint8Array(data);
        counts.media = (counts.media ?? 0) + 1;
      }
    }
    return { zip: zipSync(files, { level: 6 }), counts };
  }

  /**
   * Stores a built archive. The row and its audit record commit first, then the file is
   * written: a crash in between leaves a row without a file (a 404, purged with its row),
   * never an archive of someone's data that no row points to and nothing would remove.
   */
  async function store(
    of: { contactId: string | null; requestId: string | null; filename: string },
    built: { zip: Uint8Array; counts: Record<string, number> },
    who: AuditContext,
    target: { type: string; id: string },
  ): Promise<ExportFile> {
    const id = randomUUID();
    const fileKey = `exports/${id}.zip`;
    await db.transaction().execute(async (tx) => {
      await repo.insertPrivacyExport(tx, {
        id,
        ...of,
        fileKey,
        bytes: built.zip.length,
        createdBy: who.actor.id ?? null,
        createdAt: clock.now(),
      });
      // An export changes nothing else; a failed record fails the export.
      await deps.audit.record(tx, {
        ...who,
        action: 'privacy.export',
        target,
        details: { exportId: id, bytes: built.zip.length, ...built.counts },
      });
    });
    try {
      await deps.files.put(fileKey, built.zip, { contentType: 'application/zip' });
    } catch (error) {
      await repo.deletePrivacyExport(db, id);
      throw error;
    }
    return { id, filename: of.filename, bytes: built.zip.length, body: built.zip };
  }

  return {
    /** Builds and stores the ZIP of one contact's data; audited with counts only. */
    async exportContact(contactId: string, who: AuditContext): Promise<ExportFile> {
      const resolution = await resolveSubject(db, registeredTables(), {
        contactIds: [contactId],
        phones: [],
        waIds: [],
        userIds: [],
        emails: [],
      });
      if (resolution.contacts.length === 0) throw new NotFoundError('Contact', contactId);
      return store(
        { contactId, requestId: null, filename: `contact-${contactId}-export.zip` },
        await build(resolution),
        who,
        { type: 'contact', id: contactId },
      );
    },

    /** Builds and stores the ZIP of a deletion or access request's subject, before it is executed. */
    async exportResolution(
      resolution: Resolution,
      requestId: string,
      who: AuditContext,
    ): Promise<ExportFile> {
      return store(
        { contactId: null, requestId, filename: `request-${requestId}-export.zip` },
        await build(resolution),
        who,
        { type: 'deletion_request', id: requestId },
      );
    },

    /**
     * A stored export, from whichever process built it. One older than its retention period
     * is gone even before the daily purge removes it. Each download is audited.
     */
    async download(id: string, who: AuditContext): Promise<ExportFile> {
      const row = await repo.findPrivacyExport(db, id);
      const { periods } = await deps.settings.retention();
      const expired =
        row !== undefined && clock.now() - Number(row.createdAt) >= periods.data_exports * DAY;
      const body = row === undefined || expired ? undefined : await deps.files.get(row.fileKey);
      if (row === undefined || body === undefined) throw new NotFoundError('Export', id);
      try {
        await deps.audit.record(db, {
          ...who,
          action: 'privacy.export.download',
          target: { type: 'privacy_export', id },
          details: { bytes: Number(row.bytes) },
        });
      } catch (error) {
        body.destroy();
        throw error;
      }
      return { id, filename: row.filename, bytes: Number(row.bytes), body };
    },
  };
}

export type ExportService = ReturnType<typeof createExportService>;
