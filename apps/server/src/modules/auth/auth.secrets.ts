import { registerSecretColumn } from '../../crypto/secrets';

/** The auth module's encrypted columns, registered for `kiana keys rotate`. */
export const totpSecretColumn = { table: 'users', idColumn: 'id', column: 'totp_secret' } as const;
export const totpPendingColumn = {
  table: 'users',
  idColumn: 'id',
  column: 'totp_pending_secret',
} as const;

registerSecretColumn(totpSecretColumn);
registerSecretColumn(totpPendingColumn);
