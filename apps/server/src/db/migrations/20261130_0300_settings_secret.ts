import type { Kysely } from 'kysely';

/**
 * A secret setting is sealed under the master key in its own column (registered for key
 * rotation); `value` then holds JSON `null`. Plain settings leave it NULL.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('settings').addColumn('secret_value', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('settings').dropColumn('secret_value').execute();
}
