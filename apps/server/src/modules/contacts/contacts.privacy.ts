import { registerPersonalData } from '../privacy/data-registry';

/** Registers the tables of contacts' audiences (issue 14); idempotent. */
export function registerContactsAudienceTables(): void {
  registerPersonalData(
    {
      table: 'tags',
      module: 'contacts',
      classification: 'none',
      description: 'Tag names and colours chosen by the business; they name no person.',
    },
    {
      table: 'contact_tags',
      module: 'contacts',
      classification: 'personal',
      description: 'Which tags a contact carries (e.g. "VIP", "complained").',
      key: 'contact_id',
      subject: [{ by: 'contactId', column: 'contact_id' }],
      erase: { mode: 'delete' },
      export: { name: 'tags' },
    },
    {
      table: 'segments',
      module: 'contacts',
      classification: 'personal',
      description: 'Saved audience filters and the panel user who created each.',
      handledElsewhere:
        'created_by names a panel user (admin accounts are removed in Settings → Users); a filter names tags and attributes, no customer.',
    },
  );
}
