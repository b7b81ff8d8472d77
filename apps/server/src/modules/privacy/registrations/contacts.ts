import { registerPersonalDataFallback } from '../data-registry';

/** Contacts: the people the business messages. */
export function registerContactsTables(): void {
  registerPersonalDataFallback({
    table: 'contacts',
    module: 'contacts',
    classification: 'personal',
    description:
      'A customer: phone number, WhatsApp id, business-scoped user id, username, the name given by an admin or an import, the WhatsApp profile name, opt-in and opt-out.',
    subject: [
      { by: 'contactId', column: 'id' },
      { by: 'phone', column: 'phone_e164' },
      { by: 'waId', column: 'wa_id' },
    ],
    subjectSource: {
      phoneColumn: 'phone_e164',
      waIdColumn: 'wa_id',
      userIdColumn: 'user_id',
      nameColumn: ['name', 'profile_name'],
    },
    erase: { mode: 'delete' },
    export: { name: 'profile' },
    // Opted-out contacts stay: the opt-out is what keeps them from being messaged again.
    retention: {
      class: 'inactive_contacts',
      column: 'updated_at',
      where: { is_opted_out: 0 },
      mode: 'subject',
    },
  });
}
