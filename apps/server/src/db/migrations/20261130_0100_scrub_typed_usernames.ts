import type { Kysely } from 'kysely';

/**
 * Sign-in used to store whatever was typed as a username (often a password) in clear: in
 * the throttle keys and as the actor name of anonymous sign-in records. Throttle keys now
 * hold a keyed hash and anonymous records no name; this removes what the old code left.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const k = db as Kysely<{
    login_throttles: { key: string };
    audit_log: { actor_name: string | null; actor_type: string; action: string };
  }>;
  await k.deleteFrom('login_throttles').where('key', 'like', 'user:%').execute();
  await k
    .updateTable('audit_log')
    .set({ actor_name: null })
    .where('actor_type', '=', 'anonymous')
    .where('action', '=', 'auth.login')
    .execute();
}

export async function down(): Promise<void> {}
