import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../dialect';

/**
 * The inbox at scale (issue 16, performance): a text index for searching messages, an index
 * from a contact to its conversations (search by name or number, erasure), and a thread index
 * that ends in the message id so a page in (created_at desc, id desc) order is read from the
 * index without a sort.
 *
 * SQLite: `messages_fts` and `contacts_fts` (name, profile name, number, username), FTS5
 * tables with the `trigram` tokenizer (substring search in any script, case-folded), reading
 * their text from `messages` and `contacts` (external content: no second copy of the text) and
 * kept in step by triggers on every insert, update of the indexed columns and delete —
 * whatever deletes a message or contact (erasure, retention) removes it from the index in the
 * same statement. `secure-delete` makes a delete remove the terms from the index at once
 * rather than leave them in old segments until a merge (invariant 9). An index row's key is
 * its content row's rowid; SQLite's VACUUM may renumber the rowids of a table without an
 * INTEGER PRIMARY KEY, so a VACUUM must be followed by a `rebuild` of both (`insert into
 * messages_fts (messages_fts) values ('rebuild')`). The app never vacuums; online backups
 * copy pages and keep rowids.
 *
 * PostgreSQL: `pg_trgm` (a trusted extension since PostgreSQL 13: the database owner may
 * create it) with GIN trigram indexes, which serve `ILIKE '%…%'` directly.
 *
 * Either way the existing messages and contacts are indexed here (backfill).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('conversations_contact_idx')
    .on('conversations')
    .column('contact_id')
    .execute();
  await db.schema
    .createIndex('messages_thread_idx')
    .on('messages')
    .columns(['conversation_id', 'created_at', 'id'])
    .execute();
  // The thread index starts with the same two columns: the old one is now redundant.
  await db.schema.dropIndex('messages_conversation_idx').execute();

  if (isPostgres(db)) {
    await sql`create extension if not exists pg_trgm`.execute(db);
    await sql`create index messages_text_trgm_idx on messages using gin (text gin_trgm_ops)`.execute(
      db,
    );
    for (const column of ['name', 'profile_name', 'phone_e164', 'username'])
      await sql`create index ${sql.raw(`contacts_${column}_trgm_idx`)} on contacts using gin (${sql.ref(column)} gin_trgm_ops)`.execute(
        db,
      );
    return;
  }
  await sql`create virtual table messages_fts using fts5(text, content = 'messages', content_rowid = 'rowid', tokenize = 'trigram')`.execute(
    db,
  );
  await sql`create virtual table contacts_fts using fts5(name, profile_name, phone_e164, username, content = 'contacts', content_rowid = 'rowid', tokenize = 'trigram')`.execute(
    db,
  );
  for (const table of ['messages_fts', 'contacts_fts']) {
    await sql`insert into ${sql.table(table)} (${sql.raw(table)}, rank) values ('secure-delete', 1)`.execute(
      db,
    );
    await sql`insert into ${sql.table(table)} (${sql.raw(table)}) values ('rebuild')`.execute(db);
  }
  for (const trigger of FTS_TRIGGERS) await sql.raw(trigger).execute(db);
}

const CONTACT_COLUMNS = 'name, profile_name, phone_e164, username';
const oldContact = 'old.name, old.profile_name, old.phone_e164, old.username';
const newContact = 'new.name, new.profile_name, new.phone_e164, new.username';

/** The triggers that keep the FTS tables in step with `messages` and `contacts` (SQLite). */
const FTS_TRIGGERS = [
  `create trigger messages_fts_insert after insert on messages when new.text is not null begin
    insert into messages_fts (rowid, text) values (new.rowid, new.text);
  end`,
  `create trigger messages_fts_delete after delete on messages when old.text is not null begin
    insert into messages_fts (messages_fts, rowid, text) values ('delete', old.rowid, old.text);
  end`,
  `create trigger messages_fts_update after update of text on messages begin
    insert into messages_fts (messages_fts, rowid, text)
      select 'delete', old.rowid, old.text where old.text is not null;
    insert into messages_fts (rowid, text) select new.rowid, new.text where new.text is not null;
  end`,
  `create trigger contacts_fts_insert after insert on contacts begin
    insert into contacts_fts (rowid, ${CONTACT_COLUMNS}) values (new.rowid, ${newContact});
  end`,
  `create trigger contacts_fts_delete after delete on contacts begin
    insert into contacts_fts (contacts_fts, rowid, ${CONTACT_COLUMNS})
      values ('delete', old.rowid, ${oldContact});
  end`,
  `create trigger contacts_fts_update after update of ${CONTACT_COLUMNS} on contacts begin
    insert into contacts_fts (contacts_fts, rowid, ${CONTACT_COLUMNS})
      values ('delete', old.rowid, ${oldContact});
    insert into contacts_fts (rowid, ${CONTACT_COLUMNS}) values (new.rowid, ${newContact});
  end`,
];

export async function down(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) {
    await sql`drop index messages_text_trgm_idx`.execute(db);
    for (const column of ['name', 'profile_name', 'phone_e164', 'username'])
      await sql`drop index ${sql.raw(`contacts_${column}_trgm_idx`)}`.execute(db);
  } else {
    for (const table of ['messages', 'contacts']) {
      for (const op of ['insert', 'delete', 'update'])
        await sql`drop trigger ${sql.raw(`${table}_fts_${op}`)}`.execute(db);
      await sql`drop table ${sql.raw(`${table}_fts`)}`.execute(db);
    }
  }
  await db.schema
    .createIndex('messages_conversation_idx')
    .on('messages')
    .columns(['conversation_id', 'created_at'])
    .execute();
  await db.schema.dropIndex('messages_thread_idx').execute();
  await db.schema.dropIndex('conversations_contact_idx').execute();
}
