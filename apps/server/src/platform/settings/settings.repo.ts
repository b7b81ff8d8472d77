import type { Executor } from '../../db/executor';

/** One stored setting: JSON text, or a sealed secret. */
export interface SettingRow {
  value: string;
  secretValue: string | null;
  updatedAt: number;
}

/** The stored row of a key, or undefined when never saved. */
export async function findSettingRow(ex: Executor, key: string): Promise<SettingRow | undefined> {
  return ex
    .selectFrom('settings')
    .select(['value', 'secretValue', 'updatedAt'])
    .where('key', '=', key)
    .executeTakeFirst();
}

/** Saves a key; with `onlyIfAbsent`, false when it already existed (and nothing changed). */
export async function upsertSettingRow(
  ex: Executor,
  key: string,
  row: SettingRow,
  onlyIfAbsent = false,
): Promise<boolean> {
  const result = await ex
    .insertInto('settings')
    .values({ key, ...row })
    .onConflict((oc) =>
      onlyIfAbsent ? oc.column('key').doNothing() : oc.column('key').doUpdateSet(row),
    )
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}
