import { randomBytes } from 'node:crypto';
import type { Executor } from '../db/executor';
import { registerSecretColumn, type Secrets } from './secrets';

registerSecretColumn({ table: 'system_secrets', idColumn: 'name', column: 'value' });

/**
 * A random secret of the installation that must outlive master-key rotations (a key
 * rotation re-encrypts it but never changes it), created on first use. Keyed hashes
 * that must stay comparable forever — the suppression list — are made with such a key
 * rather than one derived from the master key, which rotation would retire.
 */
export async function systemSecret(db: Executor, secrets: Secrets, name: string): Promise<Buffer> {
  const where = { table: 'system_secrets', column: 'value', id: name };
  const read = async (): Promise<string | undefined> =>
    (
      await db
        .selectFrom('systemSecrets')
        .select('value')
        .where('name', '=', name)
        .executeTakeFirst()
    )?.value;
  let sealed = await read();
  if (sealed === undefined) {
    const fresh = randomBytes(32).toString('base64');
    await db
      .insertInto('systemSecrets')
      .values({ name, value: secrets.seal(fresh, where), createdAt: Date.now() })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
    // Another process may have won the race; whatever is stored is the secret.
    sealed = await read();
  }
  if (sealed === undefined) throw new Error(`System secret ${name} could not be stored`);
  return Buffer.from(secrets.open(sealed, where), 'base64');
}
