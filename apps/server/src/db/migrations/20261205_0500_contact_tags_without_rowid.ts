import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../dialect';

/**
 * `contact_tags` as a WITHOUT ROWID table on SQLite: its primary key `(contact_id, tag_id)`
 * becomes the table itself, so a tag given to a contact writes two B-trees (the table and the
 * `(tag_id, contact_id)` index) instead of three (rowid table, key, index). It is the import's
 * third largest write and about 85 MB of a million tagged contacts (bench/README.md,
 * contacts-import). The rows, columns, keys and index stay as they were. PostgreSQL tables have
 * no rowid: nothing to do there.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) return;
  await rebuildContactTags(db, { withoutRowid: true });
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) return;
  await rebuildContactTags(db, { withoutRowid: false });
}

/** `contact_tags` copied into a new table of the chosen kind, same columns, key and index. */
async function rebuildContactTags(
  db: Kysely<unknown>,
  how: { withoutRowid: boolean },
): Promise<void> {
  const next = sql.table('contact_tags_next');
  let table = db.schema
    .createTable('contact_tags_next')
    .addColumn('contact_id', 'text', (c) =>
      c.notNull().references('contacts.id').onDelete('cascade'),
    )
    .addColumn('tag_id', 'text', (c) => c.notNull().references('tags.id').onDelete('cascade'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('contact_tags_pk', ['contact_id', 'tag_id']);
  if (how.withoutRowid) table = table.modifyEnd(sql`without rowid`);
  await table.execute();
  await sql`insert into ${next} (contact_id, tag_id, created_at)
            select contact_id, tag_id, created_at from contact_tags`.execute(db);
  await db.schema.dropTable('contact_tags').execute();
  await sql`alter table ${next} rename to contact_tags`.execute(db);
  await db.schema
    .createIndex('contact_tags_tag_id_idx')
    .on('contact_tags')
    .columns(['tag_id', 'contact_id'])
    .execute();
}
