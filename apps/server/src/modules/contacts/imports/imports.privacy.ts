import { registerPersonalData } from '../../privacy/data-registry';

/** How long finished imports and exports, with their files, are kept. */
export const IMPORT_KEEP_DAYS = 30;

/** The import and export tables in the privacy registry. */
export function registerImportTables(): void {
  registerPersonalData(
    {
      table: 'contact_uploads',
      module: 'contacts',
      classification: 'personal',
      description:
        'A file uploaded for a contact import (numbers, names, attributes), stored in the file store until its import ends.',
      file: { column: 'file_key' },
      handledElsewhere:
        'The file and its row are deleted when the import finishes; uploads never imported are deleted after a day by the imports purge.',
    },
    {
      table: 'contact_imports',
      module: 'contacts',
      classification: 'personal',
      description:
        'One contact import: options, counters, the error, the admin who started it and the CSV of its rejected rows (numbers as written in the file).',
      file: { column: 'rejected_key' },
      handledElsewhere: `Imports and their rejected-rows files are deleted ${IMPORT_KEEP_DAYS} days after they finish by the imports purge; the rows hold no contact id to erase by.`,
    },
    {
      table: 'contact_import_rejects',
      module: 'contacts',
      key: 'import_id',
      classification: 'personal',
      description:
        'A rejected row of a running import: row number, the value as written (a number, perhaps) and the reason; deleted when the import ends.',
      subject: [{ by: 'contains', column: 'value' }],
      erase: { mode: 'delete' },
    },
    {
      table: 'contact_import_seen',
      module: 'contacts',
      key: 'phone_e164',
      classification: 'personal',
      description:
        'The numbers a running import has applied (to count duplicates within the file); deleted when the import ends.',
      subject: [{ by: 'phone', column: 'phone_e164' }],
      erase: { mode: 'delete' },
    },
    {
      table: 'contact_exports',
      module: 'contacts',
      classification: 'personal',
      description:
        'One export of contacts to CSV: the filter, the count and the file (numbers, names, attributes).',
      file: { column: 'file_key' },
      handledElsewhere: `Exports and their files are deleted ${IMPORT_KEEP_DAYS} days after they finish by the imports purge.`,
    },
  );
}
