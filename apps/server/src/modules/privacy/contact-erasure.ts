import type { Executor } from '../../db/executor';
import type { FileStore } from '../../platform/files/files';
import { registeredTables } from './data-registry';
import { eraseResolution, removeFiles, resolveSubject, type ErasedCount } from './erasure';
import { checkpoint, enableSecureDelete } from './registry.repo';
import type { Suppression } from './suppression';

/** Deleting contacts from the panel erases them like a deletion request would. */
export interface ContactErasure {
  /**
   * Erases every row of these contacts' people from every registered table, inside the
   * caller's transaction (`run` gets it, to record the audit entry beside the erasure), then
   * their files once committed. With `suppress`, their numbers join the suppression list
   * first (so a crash after the erasure cannot leave them messageable).
   */
  erase<T>(
    contactIds: readonly string[],
    opts: { suppress: boolean },
    run: (tx: Executor, erased: { rows: number; counts: ErasedCount[] }) => Promise<T>,
  ): Promise<T>;
}

/** Creates the contact erasure over the personal data registry. */
export function createContactErasure(deps: {
  db: Executor;
  files: FileStore;
  suppression: Suppression;
}): ContactErasure {
  return {
    async erase(contactIds, opts, run) {
      const subject = {
        contactIds: [...contactIds],
        phones: [],
        waIds: [],
        userIds: [],
        emails: [],
      };
      const resolution = await resolveSubject(deps.db, registeredTables(), subject);
      if (opts.suppress) {
        const phones = [
          ...resolution.subject.phones,
          ...resolution.subject.waIds.map((w) => `+${w}`),
        ];
        await deps.suppression.suppress(phones, 'contact_deleted', null);
      }
      await enableSecureDelete(deps.db);
      const { result, files } = await deps.db.transaction().execute(async (tx) => {
        // Resolved again inside the transaction: a message stored meanwhile goes too.
        const fresh = await resolveSubject(tx, registeredTables(), resolution.subject);
        const erased = await eraseResolution(tx, fresh);
        const rows = erased.counts.reduce((n, c) => n + c.rows, 0);
        return { result: await run(tx, { rows, counts: erased.counts }), files: erased.files };
      });
      await removeFiles(deps.files, files);
      await checkpoint(deps.db);
      return result;
    },
  };
}
