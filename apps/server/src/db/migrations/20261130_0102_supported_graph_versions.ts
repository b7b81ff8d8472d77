import type { Kysely } from 'kysely';

/**
 * Any `v<digits>.<digits>` used to be accepted as an account's Graph API version, after which
 * every call of that account failed. Versions the client does not support become the
 * default one (the list as of this migration; later lists only grow).
 */
const SUPPORTED = ['v22.0', 'v23.0', 'v24.0'];

export async function up(db: Kysely<unknown>): Promise<void> {
  const k = db as Kysely<{ wa_accounts: { api_version: string } }>;
  await k
    .updateTable('wa_accounts')
    .set({ api_version: 'v23.0' })
    .where('api_version', 'not in', SUPPORTED)
    .execute();
}

export async function down(): Promise<void> {}
