import { registerPersonalDataFallback } from '../data-registry';

/** The auth module's tables (stand-in until modules/auth registers them itself). */
export function registerAuthTables(): void {
  registerPersonalDataFallback(
    {
      table: 'users',
      module: 'auth',
      classification: 'personal',
      description:
        'Admin accounts: username, display name, password hash, last login time and IP address.',
      handledElsewhere:
        'Team members are removed in Settings → Users; customers never have a row here.',
    },
    {
      table: 'recovery_codes',
      module: 'auth',
      classification: 'secret',
      description: 'Hashes of 2FA recovery codes; removed with their user.',
    },
    {
      table: 'sessions',
      module: 'auth',
      classification: 'personal',
      description: 'Signed-in sessions: IP address and browser of a team member.',
      retention: { class: 'audit_log', column: 'last_seen_at' },
    },
    {
      table: 'api_keys',
      module: 'auth',
      classification: 'secret',
      description: 'Integration API keys (hashes only), their scopes and use times.',
    },
    {
      table: 'login_throttles',
      module: 'auth',
      key: 'key',
      classification: 'pseudonymous',
      description: 'Failed sign-in counters keyed by IP address or username.',
      retention: { class: 'audit_log', column: 'updated_at' },
    },
  );
}
