import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema';

/**
 * What every repo function takes: the database handle or an open transaction. A service
 * that other modules call inside their transaction accepts one too, so a change, its audit
 * record, its follow-up jobs and its outbox rows commit together or not at all.
 */
export type Executor = Kysely<Database>;

/** An open transaction (an Executor that is known to be inside one). */
export type Tx = Transaction<Database>;

/**
 * Runs `fn` in a transaction: the caller's own when `ex` already is one (Kysely has no
 * nested transactions, and the caller's commit is the one that matters), a new one otherwise.
 */
export async function inTransaction<T>(ex: Executor, fn: (tx: Executor) => Promise<T>): Promise<T> {
  if (ex.isTransaction) return fn(ex);
  return ex.transaction().execute(fn);
}
