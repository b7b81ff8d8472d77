import { registerPersonalDataFallback } from '../data-registry';

/** Bookkeeping tables of the platform (settings, seeds, migrations). */
export function registerPlatformTables(): void {
  registerPersonalDataFallback(
    {
      table: 'settings',
      module: 'system',
      key: 'key',
      classification: 'system',
      description:
        'Admin-tuned settings as JSON (company details, retention periods); no data about customers.',
    },
    {
      table: 'seed_runs',
      module: 'system',
      key: 'key',
      classification: 'system',
      description: 'Which demo sample-data steps have been applied.',
    },
    {
      table: 'system_secrets',
      module: 'system',
      key: 'name',
      classification: 'secret',
      description:
        'Installation secrets (the suppression-list HMAC key), sealed by the master key.',
    },
    {
      table: 'kysely_migration',
      module: 'system',
      key: 'name',
      classification: 'system',
      description: 'Applied database migrations.',
    },
    {
      table: 'kysely_migration_lock',
      module: 'system',
      classification: 'system',
      description: 'The migration lock row.',
    },
  );
}
