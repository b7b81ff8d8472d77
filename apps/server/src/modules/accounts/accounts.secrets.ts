import { registerSecretColumn, type Secrets } from '../../crypto/secrets';

// The encrypted columns of wa_accounts, registered so `kiana keys rotate` re-encrypts them.
export const accountSecretColumns = ['access_token', 'app_secret', 'verify_token'] as const;
export type AccountSecretColumn = (typeof accountSecretColumns)[number];

for (const column of accountSecretColumns) {
  registerSecretColumn({ table: 'wa_accounts', idColumn: 'id', column });
}

/** Seals one secret of an account row. */
export function sealAccountSecret(
  secrets: Secrets,
  id: string,
  column: AccountSecretColumn,
  value: string,
): string {
  return secrets.seal(value, { table: 'wa_accounts', column, id });
}

/** Opens one secret of an account row, or null when unset. */
export function openAccountSecret(
  secrets: Secrets,
  id: string,
  column: AccountSecretColumn,
  sealed: string | null,
): string | null {
  if (sealed === null) return null;
  return secrets.open(sealed, { table: 'wa_accounts', column, id });
}
