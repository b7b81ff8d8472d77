import { sql, type Kysely } from 'kysely';

/**
 * Correction requests join the privacy queue: the request table gains its kind, the two
 * texts a requester writes (what is wrong, what it should be), the language they wrote in
 * (so the admin answers in it) and, once fulfilled, the names of the fields corrected.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('deletion_requests')
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo(sql`'deletion'`))
    .execute();
  await db.schema.alterTable('deletion_requests').addColumn('correction_wrong', 'text').execute();
  await db.schema.alterTable('deletion_requests').addColumn('correction_wanted', 'text').execute();
  await db.schema.alterTable('deletion_requests').addColumn('language', 'text').execute();
  await db.schema.alterTable('deletion_requests').addColumn('corrected_fields', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const column of [
    'corrected_fields',
    'language',
    'correction_wanted',
    'correction_wrong',
    'kind',
  ])
    await db.schema.alterTable('deletion_requests').dropColumn(column).execute();
}
