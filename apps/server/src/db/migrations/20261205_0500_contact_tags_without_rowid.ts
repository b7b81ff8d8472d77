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
  await db.schema
    .createTable('contact_tags_keyed')
    .addColumn('contact_id', 'text', (c) =>
      c.notNull().references('contacts.id').onDelete('cascade'),
    )
    .addColumn('tag_id', 'text', (c) => c.notNull().references('tags.id').onDelete('cascade'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('contact_tags_pk', ['contact_id', 'tag_id'])
    .modifyEnd(sql`without rowid`)
    .execute();
  await sql`insert into contact_tags_keyed (contact_id, tag_id, created_at)
            select contact_id, tag_id, created_at from contact_tags`.execute(db);
  await db.schema.dropTable('contact_tags').execute();
  await sql`alter table contact_tags_keyed rename to contact_tags`.execute(db);
  await db.schema
    .createIndex('contact_tags_tag_id_idx')
    .on('contact_tags')
    .columns(['tag_id', 'contact_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) return;
  await db.schema
    .createTable('contact_tags_rowid')
    .addColumn('contact_id', 'text', (c) =>
      c.notNull().references('contacts.id').onDelete('cascade'),
    )
    .addColumn('tag_id', 'text', (c) => c.notNull().references('tags.id').onDelete('cascade'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('contact_tags_pk', ['contact_id', 'tag_id'])
    .execute();
  await sql`insert into contact_tags_rowid (contact_id, tag_id, created_at)
            select contact_id, tag_id, created_at from contact_tags`.execute(db);
  await db.schema.dropTable('contact_tags').execute();
  await sql`alter table contact_tags_rowid rename to contact_tags`.execute(db);
  await db.schema
    .createIndex('contact_tags_tag_id_idx')
    .on('contact_tags')
    .columns(['tag_id', 'contact_id'])
    .execute();
}
