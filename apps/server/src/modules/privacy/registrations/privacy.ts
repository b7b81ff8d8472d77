import { registerPersonalData } from '../data-registry';

/** The privacy module's own tables. */
export function registerPrivacyTables(): void {
  registerPersonalData(
    {
      table: 'deletion_requests',
      module: 'privacy',
      classification: 'personal',
      description:
        "Deletion and correction requests: the requester's number or email, message and correction texts until handled or erased; then counts or corrected field names only.",
      subject: [
        { by: 'phone', column: 'phone_e164' },
        { by: 'email', column: 'email' },
      ],
      erase: {
        mode: 'anonymise',
        set: {
          phone_e164: null,
          email: null,
          message: null,
          correction_wrong: null,
          correction_wanted: null,
        },
      },
      export: { name: 'deletion_requests' },
      retention: { class: 'deletion_requests', column: 'completed_at' },
    },
    {
      table: 'suppression_list',
      module: 'privacy',
      key: 'hash',
      classification: 'pseudonymous',
      description: 'Keyed hashes (HMAC-SHA256) of numbers that must never be messaged again.',
      handledElsewhere:
        'Kept on purpose: it is how an erased person stays unmessaged; it holds no number.',
    },
    {
      table: 'purge_runs',
      module: 'privacy',
      classification: 'none',
      description: 'Retention purge history: times and row counts.',
      retention: { class: 'audit_log', column: 'started_at' },
    },
    {
      table: 'privacy_exports',
      module: 'privacy',
      classification: 'personal',
      description:
        "A person's data export: the ZIP in the file store (exports/<id>.zip) and whose it is.",
      subject: [
        { by: 'contactId', column: 'contact_id' },
        { by: 'parent', column: 'request_id', table: 'deletion_requests' },
      ],
      // The archive is a copy of the person's data: it goes with them, and it is no export.
      erase: { mode: 'delete' },
      retention: { class: 'data_exports', column: 'created_at' },
      file: { column: 'file_key' },
    },
    {
      table: 'legal_versions',
      module: 'privacy',
      classification: 'none',
      description: 'Published versions of the legal pages.',
    },
  );
}
