import { sql, type RawBuilder } from 'kysely';
import { dialectOf, escapeLike, likeOperator, textMatch } from '../../db/dialect';
import type { Dialect } from '../../db/database';
import type { Executor } from '../../db/executor';

/**
 * The inbox's search: which conversations a query finds, by the contact's name, profile
 * name, username or number, or by the text of any message of the thread (notes included).
 *
 * Message text and the contacts' fields are searched through trigram indexes (migration
 * 20261205_0100): FTS5's `trigram` tokenizer on SQLite, `pg_trgm`'s GIN indexes on PostgreSQL.
 * Both find any substring of three characters or more, in any script, ignoring case; the
 * query's characters are taken literally (`%`, `_`, quotes and FTS5 operators mean themselves).
 *
 * A trigram index cannot look up fewer than three characters, so a shorter query searches
 * no message text: it finds contacts whose name, profile name or username starts with it
 * (or has a word that does) and whose number starts with it (with or without the `+`).
 */

/** The fewest characters (code points) a trigram index can search for. */
export const TRIGRAM_MIN_LENGTH = 3;

/** Whether message text is searched for `q` (long enough for the trigram index). */
export function searchesMessageText(q: string): boolean {
  return [...q].length >= TRIGRAM_MIN_LENGTH;
}

/** FTS5 query syntax for `text` as one literal phrase: double quotes, inner quotes doubled. */
export function ftsPhrase(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

const CONTACT_TEXT_COLUMNS = ['contacts.name', 'contacts.profileName', 'contacts.username'];

/** Contacts a short query finds: a name (or a word of it) or a number starting with it. */
function contactPrefixMatch(dialect: Dialect, q: string): RawBuilder<boolean> {
  const like = sql.raw(likeOperator(dialect));
  const word = `% ${escapeLike(q)}%`;
  const parts = CONTACT_TEXT_COLUMNS.flatMap((column) => [
    textMatch(dialect, column, q, 'prefix'),
    sql<boolean>`${sql.ref(column)} ${like} ${word} escape '\\'`,
  ]);
  parts.push(textMatch(dialect, 'contacts.phoneE164', q, 'prefix'));
  parts.push(textMatch(dialect, 'contacts.phoneE164', `+${q}`, 'prefix'));
  return sql<boolean>`(${sql.join(parts, sql` or `)})`;
}

/** Contacts whose name, profile name, username or number contains `q` (three characters or more). */
function contactSubstringMatch(dialect: Dialect, q: string): RawBuilder<boolean> {
  if (dialect === 'sqlite')
    return sql<boolean>`contacts.rowid in (select rowid from contacts_fts where contacts_fts match ${ftsPhrase(q)})`;
  const parts = [...CONTACT_TEXT_COLUMNS, 'contacts.phoneE164'].map((column) =>
    textMatch(dialect, column, q),
  );
  return sql<boolean>`(${sql.join(parts, sql` or `)})`;
}

/** Conversation ids with a message whose text contains `q` (three characters or more). */
function messageTextHits(dialect: Dialect, q: string): RawBuilder<unknown> {
  if (dialect === 'postgres')
    return sql`select messages.conversation_id from messages
      where messages.text ilike ${`%${escapeLike(q)}%`} escape '\\'`;
  // The FTS table's rowid is the message's rowid (kept so by the migration's triggers).
  return sql`select messages.conversation_id from messages
    where messages.rowid in (select rowid from messages_fts where messages_fts match ${ftsPhrase(q)})`;
}

/**
 * A subquery of the ids of the conversations that `q` finds (see above), for
 * `conversations.id in (…)`. Built as a union of index lookups rather than a condition tested
 * on every conversation, so the list sorts only what was found.
 */
export function searchedConversationIds(ex: Executor, q: string): RawBuilder<unknown> {
  const dialect = dialectOf(ex);
  const byContact = sql`select conversations.id from conversations
    where conversations.contact_id in (select contacts.id from contacts where ${
      searchesMessageText(q) ? contactSubstringMatch(dialect, q) : contactPrefixMatch(dialect, q)
    })`;
  return searchesMessageText(q)
    ? sql`${messageTextHits(dialect, q)} union ${byContact}`
    : byContact;
}
