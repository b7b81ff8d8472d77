import path from 'node:path';
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

/** Data export for access requests: one ZIP with every exportable table of the registry. */
export function createExportService(deps: {
  db: Executor;
  clock: Clock;
  audit: AuditService;
  files: FileStore;
}) {
  const { db } = deps;

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

  return {
    /** The ZIP of one contact's data; audited with counts only. */
    async exportContact(
      contactId: string,
      who: AuditContext,
    ): Promise<{ zip: Uint8Array; filename: string }> {
      const resolution = await resolveSubject(db, registeredTables(), {
        contactIds: [contactId],
        phones: [],
        waIds: [],
        userIds: [],
        emails: [],
      });
      if (resolution.contacts.length === 0) throw new NotFoundError('Contact', contactId);
      const { zip, counts } = await build(resolution);
      // An export changes nothing; its record stands alone, and a failed one fails the export.
      await deps.audit.record(db, {
        ...who,
        action: 'privacy.export',
        target: { type: 'contact', id: contactId },
        details: { bytes: zip.length, ...counts },
      });
      return { zip, filename: `contact-${contactId}-export.zip` };
    },

    /** The ZIP of a deletion or access request's subject, before it is executed. */
    async exportResolution(resolution: Resolution, requestId: string, who: AuditContext) {
      const { zip, counts } = await build(resolution);
      await deps.audit.record(db, {
        ...who,
        action: 'privacy.export',
        target: { type: 'deletion_request', id: requestId },
        details: { bytes: zip.length, ...counts },
      });
      return { zip, filename: `request-${requestId}-export.zip` };
    },
  };
}

export type ExportService = ReturnType<typeof createExportService>;
