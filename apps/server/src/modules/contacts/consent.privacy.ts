import { registerPersonalData } from '../privacy/data-registry';

/** The consent ledger is the person's: erased with them, exported in their access request. */
export function registerConsentTables(): void {
  registerPersonalData({
    table: 'consent_events',
    module: 'contacts',
    classification: 'personal',
    description:
      'Marketing consent choices of a contact: state, time, source and evidence (message id, keyword, user).',
    subject: [{ by: 'contactId', column: 'contact_id' }],
    erase: { mode: 'delete' },
    export: { name: 'consent_history' },
    // No own retention: the ledger is the proof of an opt-out and lives as long as the
    // contact (inactive-contact retention removes it with the contact).
  });
}
