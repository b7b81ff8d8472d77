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
