import { registerPersonalDataFallback } from '../data-registry';

/** The security / audit log. */
export function registerAuditTables(): void {
  registerPersonalDataFallback({
    table: 'audit_log',
    module: 'audit',
    classification: 'personal',
    description:
      'Who did what, from which IP address and browser; details may mention a number or email.',
    // The record of the action stays (it is the security trail); only details that mention
    // the person are blanked. Actor IPs and browsers are the team's, not the customer's.
    subject: [{ by: 'contains', column: 'details' }],
    erase: {
      mode: 'anonymise',
      set: { details: '{"redacted":"personal data erased on request"}' },
    },
    retention: { class: 'audit_log', column: 'at' },
  });
}
